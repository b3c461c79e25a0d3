q_h __FILE__ __INCLUDE_LEVEL__
#include "q2.h"
