#define FIRST(a, ...) a
#define SECOND(a, b, ...) b
#define ID(x) x
/* parentheses protect commas, brackets and braces do not */
FIRST((1, 2), 3) SECOND([1, 2], 3) SECOND({1, 2}, 3)
/* arguments spanning lines, with comments */
ID(a /* comment */
   b // line comment
   c)
/* a directive inside the arguments */
ID(
#ifdef ID
   defined_branch
#else
   undefined_branch
#endif
)
ID(
#define INSIDE inside_value
  INSIDE)
/* an argument containing a macro that is invoked by the rest of the argument */
#define f(x) [x]
ID(f (1))
ID(f) (2)
/* empty arguments */
#define THREE(a, b, c) <a|b|c>
THREE(,,) THREE( , , ) THREE(1,,3) THREE((,),[x],{)
/* an argument pre-expanded once, used twice */
#define TWICE(x) x x
#define CNT __COUNTER__
TWICE(CNT)
/* an argument used both with # and expanded */
#define BOTH(x) #x x
#define VAL 42
BOTH(VAL)
/* nested invocations in arguments */
#define ADD(a, b) (a + b)
ADD(ADD(1, 2), ADD(ADD(3, 4), 5))
