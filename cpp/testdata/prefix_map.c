// flags: -fmacro-prefix-map=testdata/=mapped/ -include testdata/include/sub/b.h
__FILE__ __BASE_FILE__
#include "quote/q.h"
