1e+5 0x1p-3 1.0f 123ULL .5 1.2.3 0x1e+1 1E-7L 08 1_000 1..2 0xe+1
'a' L'b' u'c' U'd' "s" L"s" u"s" U"s" u8"s" "a\"b" '\''
... <<= >>= -> ++ -- && || == != <= >= += -= *= /= %= &= ^= |= ## # :: ?:
a+++++b a--->b x/ *y */ z
a/**/b a//comment
c
spl\
ice "str\
ing" 12\
34 /\
/ spliced comment
tab	space  and\	
backslash_space_newline
$dollar id$ _under __double__
<: :> <% %> %: %:%:
"unterminated string
'unterminated char
ok_after
@ ` \ x
int café = 1, naïve;
#include "nonl.h"
(1) after_nonl
