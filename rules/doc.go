// Package rules holds kpreempt's checks. A Rule is a value with an ID, its
// documentation (what it flags, the paragraph of preempt-locking.rst it
// enforces, a bad and a good example) and a Run function over the dataflow
// results of one unit, in the manner of golang.org/x/tools/go/analysis: one
// rule per file, each reporting Diagnostics through its Pass.
package rules
