// Package report renders findings: gcc-style text for terminals, editors
// and kbuild logs, and the JSON object of kpreempt's output contract
// (version 1). Both list findings in the order they are given, which the
// driver makes stable.
package report
