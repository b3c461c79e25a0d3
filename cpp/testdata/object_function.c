#define ONE 1
#define TWO ONE + ONE
#define EMPTY
#define SQ(x) ((x) * (x))
#define ADD(a, b) ((a) + (b))
#define NEST(a) ADD(SQ(a), TWO)
int a = TWO;
int b = SQ(TWO);
int c = NEST(ADD(1, 2));
int d = ADD( , );
int e = SQ((1, 2));
int f = ADD((1, 2), [3]);
/* A function-like macro name without '(' is not an invocation. */
int SQ = SQ + 1;
int g = SQ
(3);
#define f2 SQ
int h = f2(4);
#define LP (
int i = SQ LP 5);
int j = SQ EMPTY (6);
/* object-like macro whose expansion ends with a function-like name */
#define CALLER SQ
int k = CALLER(7) + CALLER (8);
#define PAREN_ARGS (9)
int l = SQ PAREN_ARGS;
/* expansion producing a name whose '(' comes from the rest of the input */
#define fa(a) a*ga
#define ga(a) fa(a)
int m = fa(2)(9);
/* a function-like macro whose arguments span lines */
int n = ADD(1,
            2
            );
/* parameters that are also macro names */
#define PARAM(ONE, TWO) ONE TWO
int o = PARAM(x, y) PARAM(ONE, TWO);
/* arguments containing unbalanced-looking brackets */
#define FIRST(a, ...) a
int q = FIRST([1, 2], {3, 4});
/* empty object-like macros between tokens */
int EMPTY r EMPTY = EMPTY 1 EMPTY;
