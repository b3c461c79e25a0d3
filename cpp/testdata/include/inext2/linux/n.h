inext2 __FILE__
#if __has_include_next(<linux/n.h>)
more_n
#else
no_more_n
#endif
