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
//  2. cc/v4's preprocessor is not used (it cannot read kernel headers and
//     reports no expansions): kpreempt's own (package cpp) expands the unit
//     and cc.Parse reads its text, whose tokens map back by offset to the
//     preprocessor's tokens (chain.go). GNU builtins taking a type argument
//     and keywords cc/v4's parser does not know are defined as macros in
//     the preprocessor (prelude in parse.go), and the parser gets the
//     typedef of __builtin_va_list and the declaration cc/v4 requires
//     (parserPrelude).
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
//  7. Token fix-ups before the parser (fixups.go): typeof(const T),
//     const __auto_type, __seg_gs/__seg_fs, enum __attribute__((...)) name.
//  8. A unit for AArch64 (its compiler predefines __aarch64__) gets the
//     compiler's builtin vector and element types as typedefs
//     (aarch64Prelude) and __fp16 as a macro: arm_neon.h names them.
