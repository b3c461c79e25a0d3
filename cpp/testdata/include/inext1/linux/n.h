inext1 __FILE__
#include_next <linux/n.h>
after_next1
