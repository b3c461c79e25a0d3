// Package cparse turns one translation unit of kernel C into the syntax
// tree the rest of kpreempt works on: functions, statements and expressions
// with exact positions, local scopes, and for every call or macro use the
// kernel API name the source wrote.
//
// Parsing is done by modernc.org/cc/v4's parser (cc.Parse), never its type
// checker: measured on kernel files, the type checker rejects most of them
// (packed enum sizes, _Generic on incomplete types, typeof(type), asm
// inline, the __is_constexpr() trick) and silently resolves some
// anonymous-union members to the wrong field. cparse therefore keeps its own
// scopes: parameters and block-local declarations are resolved by name;
// everything else is a global. Of types it follows only what names the
// struct behind an expression (types.go), so that calls through struct
// members and the functions stored into them can be linked (stores.go).
//
// Which API a node came from is answered by an origin source (origin.go):
// kpreempt's own preprocessor (package cpp) expands the unit, cc/v4's parser
// reads the result, and every parser token maps back to a preprocessor
// token carrying its spelling position and its chain of macro expansions
// (chain.go). A node is the use of a primitive when its first and last
// tokens come from that macro's expansion and its parent's do not; a direct
// call is the use of the function it names (attach.go).
//
// Only functions defined in the unit's main file are converted: header
// inline functions are shared by every unit and are not reported on; the
// ones the file calls are converted for their effect at the call. The
// parser is not handed the header declarations that declare only names
// nothing kept in the unit spells (reduce.go): the bodies of inline
// functions the file never calls, prototypes, structures, enumerations,
// typedefs and extern variables it never names, and the structures only
// members it never names point to: about four fifths of a kernel unit's
// tokens, which it would parse for nothing. Differential tests show the
// findings and the facts unchanged (pipeline TestReducedUnitsSameFindings,
// TestKernelReducedUnits, TestKernelReducedFacts); WholeUnits turns the
// reduction off.
//
// The analysis names locks and tracked values by access paths (path.go):
// a variable and the chain of members and elements reached from it, as
// LockKey normalises an expression's text.
//
// Workarounds for cc/v4 on kernel code are listed in workarounds.go, each
// with a test.
package cparse
