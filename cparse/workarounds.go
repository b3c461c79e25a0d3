package cparse

// How cparse works around modernc.org/cc/v4 on kernel code. Each item has a
// test in workarounds_test.go.
//
//  1. No type checking. Only cc.Parse is used: cc/v4's type checker rejects
//     most kernel files (packed enum sizes, _Generic on incomplete types,
//     typeof(type), asm inline, __is_constexpr) and resolves some
//     anonymous-union members to the wrong field. Identifiers are resolved
//     with cparse's own block scopes (convert.go): parameters and locals get
//     Expr.Ref, everything else is global.
//  2. Macro provenance from positions. cc/v4's preprocessor reports no
//     expansions, but every token of an expansion, arguments included,
//     carries the position of the outermost invocation; where the
//     identifier written at that position differs from the token, it names
//     the macro (origin.go). Only the outermost expansion is visible, so a
//     primitive written inside a user macro is seen only if the stubs or
//     the kernel make it a function call. kpreempt's own preprocessor
//     replaces this source with full expansion chains.
//  3. Lists (arguments, expressions, block items, asm operands) are chained
//     in source order, and each expression precedence level collapses to
//     its operand; the converter flattens both.
//  4. A do { } while (0) statement's span ends at ')', not at the caller's
//     ';', so a macro expanding to the whole statement covers it.
//  5. Parentheses leave no node; the inner node's span is widened to them, so
//     a macro expanding to "(expr)" is the use of that expression.
//  6. cc/v4 inserts a "static const char __func__[]" declaration at the
//     top of every function body; it declares a local like any other and
//     produces no event.
//
// Not handled yet (the unit fails to parse): typeof(const T), used by
// arch/x86/include/asm/current.h, and "const __auto_type", used by
// asm/string_64.h. Both need a token rewrite before the parser, which the
// preprocessor stage will do; standalone snippets against the stub headers
// do not meet them.
