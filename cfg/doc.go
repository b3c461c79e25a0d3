// Package cfg builds a control-flow graph for each function of a cparse
// unit. A graph is made of basic blocks holding events, the things the
// context analysis cares about, in evaluation order: uses of kernel
// primitives and other calls, and function exits.
//
// Conditions are decomposed: && || and ?: become branches, so that a
// trylock inside a compound condition has its own true and false edges.
// Edges out of a condition carry the condition and the sense in which it
// holds on that edge. Constant conditions (the 0 of do { } while (0), the
// 1 of while (1)) keep only the edge that can be taken. The edge into a
// case of a switch whose value the unit gives (a literal, or an
// enumerator of cparse.Unit.Enums) carries "tag == value"; a branch on a
// local variable that holds a context test kapi knows, assigned once
// (is_atomic = !gfpflags_allow_blocking(gfp)), is a branch on the test.
//
// The shape follows golang.org/x/tools/go/cfg: a Graph of Blocks with
// successor edges; Blocks[0] is the entry, and unreachable blocks are
// kept (marked Live == false) so that statements after a return or a
// noreturn call still have a place.
package cfg
