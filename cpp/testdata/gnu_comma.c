/* GNU comma deletion before an empty variable argument. */
#define M(a, ...) f(a, ## __VA_ARGS__)
#define M2(a, ...) f(a,##__VA_ARGS__)
#define N(...) g(x , ## __VA_ARGS__)
#define N2(...) g(x,##__VA_ARGS__)
#define O(a, rest...) h(a, ##rest)
#define O2(a, rest...) h(a , ## rest)
#define P(fmt, args...) printk(fmt, ## args)
M(1) M(1,) M(1,2) M(1,2,3) M(1, ) M(1,(a,b))
M2(1) M2(1,) M2(1,2) M2(1,2,3) M2(1, x y)
N() N(3) N(3,4) N( )
N2() N2(3) N2(3,4)
O(1) O(1,) O(1,2,3) O(1, )
O2(1) O2(1,) O2(1,2,3)
P("x") P("x", 1) P("x", 1, 2) P("x",)
/* the variable argument is not pasted onto the comma when present */
#define Q(...) q(0,##__VA_ARGS__)
#define ZERO 0
Q(ZERO) Q(ZERO, ZERO) Q(+1) Q(-1)
/* kernel: the number of arguments */
#define COUNT_ARGS(X...) __COUNT_ARGS(, ##X, 6, 5, 4, 3, 2, 1, 0)
#define __COUNT_ARGS(_0, _1, _2, _3, _4, _5, _6, _n, X...) _n
COUNT_ARGS() COUNT_ARGS(a) COUNT_ARGS(a, b) COUNT_ARGS(a, b, c, d, e, f)
/* kernel: alternative_io style named variadic */
#define alternative_io(oldinstr, newinstr, ft_flags, output, input...) \
	asm_inline volatile(oldinstr newinstr : output : "i" (0), ## input)
alternative_io("a", "b", 1, "=r"(x)) alternative_io("a", "b", 1, "=r"(x), "r"(y), "r"(z))
/* kernel: default_gfp */
#define default_gfp(...) __default_gfp(,##__VA_ARGS__,GFP_KERNEL)
#define __default_gfp(a,b,...) b
#define GFP_KERNEL 0xcc0
default_gfp() default_gfp(GFP_KERNEL) default_gfp(x | y)
/* comma swallowing only applies to the comma right before */
#define R(a, ...) r(a ## __VA_ARGS__)
R(x) R(x, y)
