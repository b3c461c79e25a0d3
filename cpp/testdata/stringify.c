#define str(x) #x
#define xstr(x) str(x)
#define EMPTY
#define EE(x) x
#define T(x) -x-
str(  a   "b\"c"  'd'  e\f  )
str("\\" '\'' "\n" L"wide" u8"utf" '\0')
str(/* c */ a /* c */ b /* */)
str(
a
b
)
str() str( ) str((,)) str((a,b))
xstr(EE(1)EE(2)) xstr(EE(1) EE(2)) xstr(a EMPTY b) xstr(a EMPTY() b)
xstr([EMPTY EMPTY]) xstr(T(EMPTY)) xstr(T( EMPTY )) xstr(-EMPTY-) xstr(- EMPTY -)
xstr(__FILE__) xstr(__LINE__) str(__LINE__)
#define VSTR(...) #__VA_ARGS__
VSTR() VSTR(a) VSTR(a,b) VSTR( a , b ) VSTR(a,,b) VSTR(,)
#define __stringify_1(x...) #x
#define __stringify(x...) __stringify_1(x)
__stringify(foo bar) __stringify(1, 2, 3) __stringify(EE(7))
__stringify(movl %eax, %ebx; \
            ret)
str(@) str(\) str(a\) str(\\)
str('"') str("'")
str(#) str(##) str(# x)
