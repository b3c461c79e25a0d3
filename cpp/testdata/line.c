__LINE__
#define L __LINE__
#define F(a, b) a b __LINE__
F(__LINE__,
L
)
L
#define G(x) x \
  L
G(L
)
#define H(x) F(x,
H(
1)
2
)
#define MULTI(a, b, c) a b c L
MULTI(
 L,
 __LINE__,
 3
)
#define I(x) x
I(I(
L))
#define PASTE(a, b) a ## b
PASTE(__LI, NE__)
PASTE(
L,)
__FILE__
#line 100
__LINE__ L __FILE__
#line 200 "renamed.c"
__LINE__ __FILE__
#define NUM 300
#line NUM
__LINE__
