/* bitops.h: atomic and non-atomic bit operations; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_BITOPS_H
#define _LINUX_BITOPS_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/bits.h>

#define BITS_TO_LONGS(nr)	(((nr) + BITS_PER_LONG - 1) / BITS_PER_LONG)
#define BITS_TO_U32(nr)		(((nr) + 31) / 32)
#define BITS_TO_BYTES(nr)	(((nr) + BITS_PER_BYTE - 1) / BITS_PER_BYTE)
#define DECLARE_BITMAP(name, bits) unsigned long name[BITS_TO_LONGS(bits)]

void set_bit(long nr, volatile unsigned long *addr);
void clear_bit(long nr, volatile unsigned long *addr);
void change_bit(long nr, volatile unsigned long *addr);
bool test_bit(long nr, const volatile unsigned long *addr);
bool test_and_set_bit(long nr, volatile unsigned long *addr);
bool test_and_clear_bit(long nr, volatile unsigned long *addr);
bool test_and_change_bit(long nr, volatile unsigned long *addr);
bool test_and_set_bit_lock(long nr, volatile unsigned long *addr);
void clear_bit_unlock(long nr, volatile unsigned long *addr);
void __clear_bit_unlock(long nr, volatile unsigned long *addr);
void __set_bit(long nr, volatile unsigned long *addr);
void __clear_bit(long nr, volatile unsigned long *addr);
void __change_bit(long nr, volatile unsigned long *addr);
bool __test_and_set_bit(long nr, volatile unsigned long *addr);
bool __test_and_clear_bit(long nr, volatile unsigned long *addr);

unsigned long find_first_bit(const unsigned long *addr, unsigned long size);
unsigned long find_next_bit(const unsigned long *addr, unsigned long size, unsigned long offset);
unsigned long find_first_zero_bit(const unsigned long *addr, unsigned long size);
unsigned long find_next_zero_bit(const unsigned long *addr, unsigned long size, unsigned long offset);
unsigned long find_last_bit(const unsigned long *addr, unsigned long size);

#define for_each_set_bit(bit, addr, size) \
	for ((bit) = find_first_bit((addr), (size)); (bit) < (size); \
	     (bit) = find_next_bit((addr), (size), (bit) + 1))
#define for_each_clear_bit(bit, addr, size) \
	for ((bit) = find_first_zero_bit((addr), (size)); (bit) < (size); \
	     (bit) = find_next_zero_bit((addr), (size), (bit) + 1))

int ffs(int x);
int fls(unsigned int x);
int fls64(u64 x);
unsigned long __ffs(unsigned long word);
unsigned long __fls(unsigned long word);
unsigned long ffz(unsigned long word);
unsigned int hweight8(unsigned int w);
unsigned int hweight16(unsigned int w);
unsigned int hweight32(unsigned int w);
unsigned long hweight64(u64 w);
unsigned long hweight_long(unsigned long w);
int ilog2(unsigned long n);
bool is_power_of_2(unsigned long n);
unsigned long roundup_pow_of_two(unsigned long n);
unsigned long rounddown_pow_of_two(unsigned long n);
u32 rol32(u32 word, unsigned int shift);
u32 ror32(u32 word, unsigned int shift);

void bitmap_zero(unsigned long *dst, unsigned int nbits);
void bitmap_fill(unsigned long *dst, unsigned int nbits);
void bitmap_copy(unsigned long *dst, const unsigned long *src, unsigned int nbits);
bool bitmap_empty(const unsigned long *src, unsigned int nbits);
bool bitmap_full(const unsigned long *src, unsigned int nbits);
unsigned int bitmap_weight(const unsigned long *src, unsigned int nbits);

#endif /* _LINUX_BITOPS_H */
