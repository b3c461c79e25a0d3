/* Rescanning and the disabled-macro rule. */
#define foo foo
foo
#define AA BB
#define BB AA
AA BB
#define self(x) self(x + 1)
self(1) self(self(2))
#define m(x) n(x m
#define n(x) x
m(1)) (3)
#define fx(x) bar x
fx(fx) (2)
#define obj(x) [x]
#define call obj
call(call)
#define gg(x) [x] gg
gg(1)(2)
#define REC(x) x REC
REC(1)(2)(3)
#define A1 B1(
#define B1(x) x A1
A1 1) 2)
#define ID(x) x
ID(ID)(5)
ID(ID(ID))(6)
#define lparen (
#define G(x) x
G lparen 7)
#define ff(x) x gg2
#define gg2(x) ff(x)
ff(1)(2)(3)
#define recur(x) recur2(x)
#define recur2(x) recur(x) x
recur(4)
