a_h __FILE__
#include "b.h"
