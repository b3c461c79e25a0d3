#define NONL_F(x) [x]
nonl_h NONL_F