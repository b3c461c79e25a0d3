#define f(x) <x>
#define g f
#define EMPTY
/* '(' on the next line */
f
(1)
/* a directive between the name and '(' stops the invocation */
f
#define NOTHING
(2)
/* '(' after the end of an expansion */
g(3) g (4)
#define h(x) x f
h(5)(6)
h(5) EMPTY (7)
#define k(x) x g
k(8)(9)
/* '(' from an argument is not seen beyond the argument */
#define id(x) x
id(f)(10)
id(f)
(11)
/* a name at the end of a header */
#include "tail_name.h"
(12)
/* an expansion ending in a function-like name, '(' inside a second macro */
#define PAR (13)
g PAR
#define CALL(m, args) m args
CALL(f, (14))
CALL(g, (15))
