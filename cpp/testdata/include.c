#include "quote/q.h"
#include <sub/a.h>
#include "sub/a.h"
#include <guarded.h>
#include <guarded.h>
#include "guarded.h"
#include <once.h>
#include <once.h>
#define HDR "quote/q.h"
#include HDR
#define AHDR <sub/a.h>
#include AHDR
#define str(x) #x
#define xstr(x) str(x)
#define NAME(d, f) xstr(d/f.h)
#include NAME(sub, b)
#define ANGLE(f) <sub/f.h>
#include ANGLE(b)
#ifndef GUARD_H
#error guard not defined
#endif
level __INCLUDE_LEVEL__ file __FILE__
