#define CAT(a, b) a ## b
#define XCAT(a, b) CAT(a, b)
#define CAT3(a, b, c) a ## b ## c
#define FOO(x) [x]
#define FOOBAR 42
#define EMPTY
CAT(FOO, BAR) CAT(F, OO)(1) CAT(F, OO) (2) XCAT(FOO, BAR)
CAT(1, e) CAT(., 5) CAT(<, <) CAT(<<, =) CAT(-, >) CAT(+, +) CAT(L, "x") CAT(L, 'y') CAT(u8, "z")
CAT(,) CAT(a,) CAT(,b) CAT3(,,) CAT3(a,,) CAT3(,b,) CAT3(,,c) CAT3(a, b, c) CAT3(1, 2, 3)
CAT(0x, 1p-3) CAT(1, .5e+3) CAT(x, 123) CAT(_, _)
XCAT(EMPTY, FOO)(3) XCAT(FOO, EMPTY)(4)
#define size_1 byte
#define size_2 word
#define size_4 long
#define OP(size) CAT(size_, size)
OP(1) OP(2) OP(4) OP(8)
/* ## between a parameter and a body token, the argument not expanded */
#define PFX(x) pfx_ ## x
#define SFX(x) x ## _sfx
PFX(FOOBAR) SFX(FOOBAR) PFX(EMPTY) PFX() SFX()
/* pasting makes the name of a disabled macro */
#define SELF(x) CAT(SE, LF)(x)
SELF(1)
/* ## in an object-like macro */
#define OBJ a ## b ## 1
#define ab1 pasted_obj
OBJ
#define HASH_HASH # ## #
HASH_HASH
/* the pasted name is a function-like macro called with the rest of the input */
#define MK(n) F ## n
#define F1(x) <x>
MK(1)(9) MK(1) (10)
/* placemarkers with whitespace */
#define SP(a, b) [a ## b]
SP( , ) SP( x , ) SP( , y )
