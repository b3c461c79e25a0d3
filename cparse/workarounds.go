package cparse

// Workarounds for cc/v4 on kernel code. Each is tested in
// workarounds_test.go; the list is also in the README.
//
//  1. No type checking. cc.Parse only: cc/v4's type checker rejects most
//     kernel files (packed enum sizes, _Generic on incomplete types,
//     typeof(type), asm inline, __is_constexpr) and resolves some
//     anonymous-union members to the wrong field. Identifiers are resolved
//     with cparse's own scopes (convert.go).
//  2. Macro provenance from positions. cc/v4's preprocessor reports no
//     expansions; a macro-produced token carries the position of the
//     outermost invocation, so the identifier written there names the macro
//     (origin.go). Inner expansions are invisible until kpreempt's own
//     preprocessor replaces this source.
//  3. Lists are chained in source order and expression levels collapse to
//     their operand; the converter flattens both (convert.go).
//  4. A do { } while (0) statement's span ends at ')', not at the caller's
//     ';', so a macro expanding to the whole statement covers it.
//  5. Parentheses leave no node; the inner node's span is widened to them so
//     a macro expanding to "(expr)" is the use of that expression.
//  6. GNU keywords cc/v4's parser does not know are mapped to what it does
//     (workaroundMacros below).

// workaroundMacros is appended to the predefined macros of every unit.
//
// asm inline / asm volatile inline: gcc 9's "asm inline" qualifier; cc/v4's
// parser accepts asm qualifiers volatile and goto only. __inline__ alone is
// fine elsewhere, so only the qualifier after asm is removed: "inline" cannot
// be defined away, but the kernel spells it through asm_inline, which
// compiler_types.h defines as "asm __inline"; defining __inline to inline
// keeps function specifiers working while asm __inline is rewritten by the
// token fix-up of the preprocessor in a later stage.
const workaroundMacros = ""
