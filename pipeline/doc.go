// Package pipeline is the one run behind every kpreempt command: it turns
// what the user names (paths, a compiler command line, a patch, a git
// diff) into translation units, analyses them in parallel, applies
// suppression comments, sets fingerprints, removes baseline findings,
// drops what several units report twice, and for patches and diffs keeps
// what the change added or made unsafe. The result is a finished report,
// which the report package renders in any of its formats.
//
// File identity. Every file of a report is named relative to one source
// root (Result.Root), whatever the spelling of the paths given or the
// directory the run is made in, so that fingerprints, baselines and
// SARIF locations do not change with them. The root is --srcroot when
// given; else the git top level of the checked files; else the kernel
// tree they belong to; else the current directory when every file lies
// below it; else the deepest directory holding them all (stopping at the
// current directory would name files outside it with ".." components,
// which code scanning cannot place).
//
// Kept answers. A tree unit's check keeps, in the facts store, what its
// program answered it (interproc.Replies) with the digest of the facts
// the program was made of (manifestDigest). A run over a few units of
// the tree whose program is that one, but for edits that only moved
// code (the run's own units', and others' since: the store keeps each
// program's manifest), takes the kept answers with positions moved
// instead of loading and linking the rest of the tree (replay.go);
// anything else links.
//
// cmd/kpreempt maps flags onto Options and the entry points (Check,
// Compiler, Patch, Diff); tests use the same entry points.
package pipeline
