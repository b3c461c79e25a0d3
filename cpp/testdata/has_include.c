#if __has_include("quote/q.h")
has_q
#endif
#if __has_include(<sub/a.h>) && !__has_include(<sub/nonexistent.h>)
has_a
#endif
#if __has_include("nonexistent.h")
wrong
#elif __has_include(<guarded.h>)
elif_guarded
#endif
#define HQ "quote/q2.h"
#if __has_include(HQ)
has_macro_name
#endif
#define HA <sub/b.h>
#if __has_include(HA)
has_macro_angle
#endif
#ifdef __has_include
defined_has_include
#endif
#if defined(__has_include_next) && defined __has_attribute
defined_others
#endif
#define CHECK(h) __has_include(h)
#if CHECK(<once.h>)
has_via_macro
#endif
