__COUNTER__ __COUNTER__
#define TWICE(x) x x
TWICE(__COUNTER__)
#define CAT(a, b) a ## b
#define XCAT(a, b) CAT(a, b)
#define UNIQUE(p) XCAT(p, __COUNTER__)
int UNIQUE(var), UNIQUE(var);
#define STR(x) #x
STR(__COUNTER__)
#if __COUNTER__ == 6
in_if
#endif
__COUNTER__
#define REV(a, b) b a
REV(__COUNTER__, __COUNTER__)
#define OPT(a, ...) a __VA_OPT__(x) __VA_ARGS__ a
OPT(__COUNTER__, __COUNTER__)
