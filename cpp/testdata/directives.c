#define A 1
#define A 1
#undef A
#undef A
#undef NEVER_DEFINED
#ident "ident string"
#sccs "sccs string"
#assert machine(x86)
#unassert machine
#warning a warning is not an error
#
# /* a null directive with a comment */
  #  define SPACED   spaced
SPACED
#define MULTI_LINE a \
	b \
	c
MULTI_LINE
#define COMMENT_IN_DEF x /* a
comment spanning lines */ y
COMMENT_IN_DEF
#ifdef SPACED
#elif garbage garbage
#else
#endif
#if 0
#elif 1
elif_taken
#elif 1
wrong
#else
wrong
#endif
#ifdef NOT_DEFINED
#elifdef SPACED
elifdef_taken
#endif
#ifndef SPACED
#elifndef NOT_DEFINED
elifndef_taken
#endif
#define FUNC(x) (x)
#define FUNC_SPACE (x) x
FUNC(1) FUNC_SPACE
#define REDEF 1
REDEF
#undef REDEF
#define REDEF 2
REDEF
#define EMPTY_FUNC()
[EMPTY_FUNC()] [EMPTY_FUNC( )]
#define ZERO_ARGS() zero
ZERO_ARGS() ZERO_ARGS ()
