// flags: -DFOO -DBAR=2 -DBAZ=a+b -D'FN(x)=[x]' -UBAR -DBAR=3 -DEMPTY= -U__STDC_HOSTED__ -iquote testdata/include/quote
FOO BAR BAZ FN(1) [EMPTY] __STDC_HOSTED__
#include "q2.h"
