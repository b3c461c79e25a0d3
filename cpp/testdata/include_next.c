// flags: -Itestdata/include/inext1 -Itestdata/include/inext2
#include <linux/n.h>
#include "linux/n.h"
#if __has_include(<linux/only2.h>)
has_only2
#endif
#include <linux/only2.h>
