// Package cpp is kpreempt's C preprocessor: GNU C's, as gcc 12 runs it on
// Linux kernel sources, producing tokens for modernc.org/cc/v4's parser and
// recording, for every token, the macro expansions it came from.
//
// kpreempt recognises kernel primitives by the macro names the source used
// (preempt_disable(), __this_cpu_inc(), ...), whatever they expand to under
// the configuration at hand; cc/v4's own preprocessor reports no expansions,
// gets GNU named variadics and `,##__VA_ARGS__` wrong and is slow on kernel
// headers. This one follows gcc's cpplib closely (the tests compare its
// tokens with gcc -E's on targeted cases and on real kernel units).
//
// # Use
//
// Preprocess runs one translation unit with a Config of gcc's options
// (-I, -iquote, -isystem, -D, -U, -include, the predefined macros, which
// Predefined gets from gcc). Text renders the tokens as C, ParserText
// as cc.Parse reads them cheapest, each with offsets that map the parser's
// back to them. A caller done with a unit's expansions gives their records
// to the next unit (Result.Release). A Cache holds what units share: each
// header is read, tokenised and split into directives once per process,
// #define lines become macro definitions once, include-guarded headers are
// not reread, and lookups of include paths are remembered.
//
// # Provenance
//
// Every output token carries the innermost macro expansion that produced
// it (Result.Expansion), nil if it came straight from a file. An Expansion records the
// macro's name, where its name was written (for a name that itself came from
// a macro body, that body position), the arguments as written and its
// Parent: the expansion whose result held the invocation, so that
// Chain() lists the invocations from the one written in the file down
// to the innermost. With
//
//	#define __TCP_INC_STATS(net, f) __this_cpu_inc((net)->mib[f])
//	#define __this_cpu_inc(pcp) __this_cpu_add(pcp, 1)
//	#define __this_cpu_add(pcp, v) raw_add(pcp, v)
//	__TCP_INC_STATS(n, 3);
//
// the token raw_add has the chain __TCP_INC_STATS (at the invocation),
// __this_cpu_inc and __this_cpu_add (at their names in the bodies above).
// A token substituted for a parameter belongs to the expansion it was
// substituted into, with FromArg set and its Pos where the argument was
// written: n and 3 are in __this_cpu_add's expansion, at the invocation's
// line. A macro invoked inside an argument (M(FOO)) has the invocation the
// argument belongs to (M) as Parent. Result.Origin gives the position to
// report: that of the outermost invocation, or the token's own.
//
// Records are shared: all tokens of one expansion name one Expansion, by
// its number in the unit. A token holds no pointer: its spelling and file
// are numbers in tables the process shares (see intern.go), so that the
// collector neither scans a unit's millions of tokens nor runs write
// barriers while expansions copy them.
//
// # Variant code
//
// Config.Watch names configuration macros (kpreempt's is
// CONFIG_PREEMPT_RT) whose tests mark code that another configuration
// compiles differently: a token output while a conditional group is open
// whose #if, #ifdef, #ifndef or #elif names one (in the file or in one
// that includes it) is Token.Variant, and an invocation of a macro defined
// there is Expansion.Variant. Result.Watched says which of them the unit
// defined.
//
// # Differences from gcc
//
// Positions are physical: #line changes __LINE__ and __FILE__ only.
// __DATE__, __TIME__ and __TIMESTAMP__ are fixed (those of
// SOURCE_DATE_EPOCH=0). Pragmas, #pragma and _Pragma alike, are dropped from
// the output (#pragma once and push_macro/pop_macro are obeyed).
// __has_attribute and __has_builtin answer as gcc 12 does, from tables
// taken from it (target-specific __builtin_ia32_* excepted) unless the Config
// supplies functions; __has_feature and __has_extension, which gcc 12 lacks,
// are 0 in #if and not defined.
package cpp
