#pragma GCC diagnostic push
int a;
_Pragma("GCC diagnostic ignored \"-Wfoo\"") int b;
#define DO_PRAGMA(x) _Pragma (#x)
#define __diag_str1(s) #s
#define __diag_str(s) __diag_str1(s)
#define __diag(s) _Pragma(__diag_str(GCC diagnostic s))
#define __diag_push() __diag(push)
#define __diag_ignore(option) __diag(ignored option)
DO_PRAGMA(message("hello")) int c;
__diag_push() __diag_ignore("-Wmissing-prototypes") int d;
#define WITH_PRAGMA(x) x _Pragma("once") x
WITH_PRAGMA(e)
#define STR_PRAGMA "GCC diagnostic pop"
_Pragma(STR_PRAGMA) int f;
#define P_IN_ARG(x) [x]
P_IN_ARG(_Pragma("foo") g)
#define STRINGIFY_ARG(x) #x
STRINGIFY_ARG(_Pragma("bar") h)
#define X 1
#pragma push_macro("X")
#undef X
#define X 2
value X
#pragma pop_macro("X")
value X
#pragma GCC diagnostic pop
int z;
