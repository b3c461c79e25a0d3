#define F(a, ...) f(a __VA_OPT__(,) __VA_ARGS__)
#define G(X, ...) X __VA_OPT__(- X ## __VA_ARGS__ -) end
#define SDEF(sname, ...) S sname __VA_OPT__(= { __VA_ARGS__ })
#define EMP
#define H(...) __VA_OPT__(a b) #__VA_OPT__(x __VA_ARGS__) k
#define I(a, ...) a ## __VA_OPT__(b) ## c
#define J(...) [__VA_OPT__()]
F(1) F(1,) F(1, 2) F(1, 2, 3) F(1, EMP)
G(a) G(a, b) G(a, b c)
SDEF(foo); SDEF(bar, 1, 2);
H() H(1) H(EMP) H(1, 2)
I(x) I(x, y) I(,) I(, y)
J() J(1)
#define LP (
#define K(...) __VA_OPT__(x)
K() K(LP) K(EMP EMP)
