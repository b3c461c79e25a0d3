only2 __FILE__
#include_next <linux/only2.h>
