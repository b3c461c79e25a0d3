// Package kbuild turns what the user names on the command line into Units:
// one translation unit each, with the file, its defines and include paths.
//
// Standalone files (outside a kernel tree) are checked against stub headers
// embedded in the binary (stubs/include): small declarations of the kernel's
// locking, preemption and per-CPU primitives with their real names and
// argument shapes, so that a snippet cut from a patch or a mail checks
// without a tree. An include the stubs do not provide resolves to the
// umbrella stub, so any kernel header name works in a snippet.
package kbuild
