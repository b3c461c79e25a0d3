/* stringify.h: __stringify(); stub for standalone checking, not the kernel's definitions. */
#ifndef __LINUX_STRINGIFY_H
#define __LINUX_STRINGIFY_H

#define __stringify_1(...)	#__VA_ARGS__
#define __stringify(...)	__stringify_1(__VA_ARGS__)

#endif /* __LINUX_STRINGIFY_H */
