/* atomic.h: atomic_t, atomic64_t, atomic_long_t operations, xchg/cmpxchg; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/barrier.h>

#define ATOMIC_INIT(i)		{ (i) }
#define ATOMIC64_INIT(i)	{ (i) }
#define ATOMIC_LONG_INIT(i)	{ (i) }

/* atomic_t */
int atomic_read(const atomic_t *v);
void atomic_set(atomic_t *v, int i);
void atomic_add(int i, atomic_t *v);
void atomic_sub(int i, atomic_t *v);
void atomic_and(int i, atomic_t *v);
void atomic_or(int i, atomic_t *v);
void atomic_xor(int i, atomic_t *v);
void atomic_andnot(int i, atomic_t *v);
void atomic_inc(atomic_t *v);
void atomic_dec(atomic_t *v);
int atomic_add_return(int i, atomic_t *v);
int atomic_sub_return(int i, atomic_t *v);
int atomic_inc_return(atomic_t *v);
int atomic_dec_return(atomic_t *v);
int atomic_fetch_add(int i, atomic_t *v);
int atomic_fetch_sub(int i, atomic_t *v);
int atomic_fetch_and(int i, atomic_t *v);
int atomic_fetch_or(int i, atomic_t *v);
int atomic_fetch_xor(int i, atomic_t *v);
int atomic_fetch_andnot(int i, atomic_t *v);
int atomic_fetch_inc(atomic_t *v);
int atomic_fetch_dec(atomic_t *v);
bool atomic_inc_and_test(atomic_t *v);
bool atomic_dec_and_test(atomic_t *v);
bool atomic_sub_and_test(int i, atomic_t *v);
bool atomic_add_negative(int i, atomic_t *v);
int atomic_xchg(atomic_t *v, int new);
int atomic_cmpxchg(atomic_t *v, int old, int new);
bool atomic_try_cmpxchg(atomic_t *v, int *old, int new);
bool atomic_inc_not_zero(atomic_t *v);
bool atomic_add_unless(atomic_t *v, int a, int u);
int atomic_fetch_add_unless(atomic_t *v, int a, int u);
int atomic_dec_if_positive(atomic_t *v);

/* atomic64_t */
s64 atomic64_read(const atomic64_t *v);
void atomic64_set(atomic64_t *v, s64 i);
void atomic64_add(s64 i, atomic64_t *v);
void atomic64_sub(s64 i, atomic64_t *v);
void atomic64_and(s64 i, atomic64_t *v);
void atomic64_or(s64 i, atomic64_t *v);
void atomic64_xor(s64 i, atomic64_t *v);
void atomic64_andnot(s64 i, atomic64_t *v);
void atomic64_inc(atomic64_t *v);
void atomic64_dec(atomic64_t *v);
s64 atomic64_add_return(s64 i, atomic64_t *v);
s64 atomic64_sub_return(s64 i, atomic64_t *v);
s64 atomic64_inc_return(atomic64_t *v);
s64 atomic64_dec_return(atomic64_t *v);
s64 atomic64_fetch_add(s64 i, atomic64_t *v);
s64 atomic64_fetch_sub(s64 i, atomic64_t *v);
s64 atomic64_fetch_and(s64 i, atomic64_t *v);
s64 atomic64_fetch_or(s64 i, atomic64_t *v);
s64 atomic64_fetch_xor(s64 i, atomic64_t *v);
s64 atomic64_fetch_andnot(s64 i, atomic64_t *v);
s64 atomic64_fetch_inc(atomic64_t *v);
s64 atomic64_fetch_dec(atomic64_t *v);
bool atomic64_inc_and_test(atomic64_t *v);
bool atomic64_dec_and_test(atomic64_t *v);
bool atomic64_sub_and_test(s64 i, atomic64_t *v);
bool atomic64_add_negative(s64 i, atomic64_t *v);
s64 atomic64_xchg(atomic64_t *v, s64 new);
s64 atomic64_cmpxchg(atomic64_t *v, s64 old, s64 new);
bool atomic64_try_cmpxchg(atomic64_t *v, s64 *old, s64 new);
bool atomic64_inc_not_zero(atomic64_t *v);
bool atomic64_add_unless(atomic64_t *v, s64 a, s64 u);
s64 atomic64_fetch_add_unless(atomic64_t *v, s64 a, s64 u);
s64 atomic64_dec_if_positive(atomic64_t *v);

/* atomic_long_t */
long atomic_long_read(const atomic_long_t *v);
void atomic_long_set(atomic_long_t *v, long i);
void atomic_long_add(long i, atomic_long_t *v);
void atomic_long_sub(long i, atomic_long_t *v);
void atomic_long_and(long i, atomic_long_t *v);
void atomic_long_or(long i, atomic_long_t *v);
void atomic_long_xor(long i, atomic_long_t *v);
void atomic_long_andnot(long i, atomic_long_t *v);
void atomic_long_inc(atomic_long_t *v);
void atomic_long_dec(atomic_long_t *v);
long atomic_long_add_return(long i, atomic_long_t *v);
long atomic_long_sub_return(long i, atomic_long_t *v);
long atomic_long_inc_return(atomic_long_t *v);
long atomic_long_dec_return(atomic_long_t *v);
long atomic_long_fetch_add(long i, atomic_long_t *v);
long atomic_long_fetch_sub(long i, atomic_long_t *v);
long atomic_long_fetch_and(long i, atomic_long_t *v);
long atomic_long_fetch_or(long i, atomic_long_t *v);
long atomic_long_fetch_xor(long i, atomic_long_t *v);
long atomic_long_fetch_andnot(long i, atomic_long_t *v);
long atomic_long_fetch_inc(atomic_long_t *v);
long atomic_long_fetch_dec(atomic_long_t *v);
bool atomic_long_inc_and_test(atomic_long_t *v);
bool atomic_long_dec_and_test(atomic_long_t *v);
bool atomic_long_sub_and_test(long i, atomic_long_t *v);
bool atomic_long_add_negative(long i, atomic_long_t *v);
long atomic_long_xchg(atomic_long_t *v, long new);
long atomic_long_cmpxchg(atomic_long_t *v, long old, long new);
bool atomic_long_try_cmpxchg(atomic_long_t *v, long *old, long new);
bool atomic_long_inc_not_zero(atomic_long_t *v);
bool atomic_long_add_unless(atomic_long_t *v, long a, long u);
long atomic_long_fetch_add_unless(atomic_long_t *v, long a, long u);
long atomic_long_dec_if_positive(atomic_long_t *v);

unsigned long __kp_xchg(volatile void *ptr, unsigned long new, int size);
unsigned long __kp_cmpxchg(volatile void *ptr, unsigned long old, unsigned long new, int size);
bool __kp_try_cmpxchg(volatile void *ptr, void *oldp, unsigned long new, int size);

#define xchg(ptr, new) \
	((__typeof__(*(ptr)))__kp_xchg((ptr), (unsigned long)(new), sizeof(*(ptr))))
#define cmpxchg(ptr, old, new) \
	((__typeof__(*(ptr)))__kp_cmpxchg((ptr), (unsigned long)(old), (unsigned long)(new), sizeof(*(ptr))))
#define try_cmpxchg(ptr, oldp, new) \
	(__kp_try_cmpxchg((ptr), (oldp), (unsigned long)(new), sizeof(*(ptr))))
#define cmpxchg_relaxed(ptr, old, new)	cmpxchg(ptr, old, new)
#define cmpxchg64(ptr, old, new)	cmpxchg(ptr, old, new)
#define xchg_relaxed(ptr, new)		xchg(ptr, new)

#endif /* _LINUX_ATOMIC_H */
