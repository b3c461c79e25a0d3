/*
 * fpu-section: inline assembly that touches SIMD registers (%%xmm, %%ymm,
 * %%zmm) or uses vector instructions (movdqa, movdqu, pxor, paddd, movaps,
 * vmovdqu, vpxor, vaddps, ...) must run inside kernel_fpu_begin()/
 * kernel_fpu_end(): the kernel does not save the FPU/SIMD state of kernel
 * code on preemption (preempt-locking.rst RULE #2, "the FPU registers will
 * be sold to the lowest bidder"). Reported at the line of the asm
 * statement. Assembly with only general-purpose registers is not FPU use.
 */
#include <asm/fpu/api.h>
#include <asm/simd.h>
#include <linux/types.h>
#include <linux/compiler.h>

struct blk128 {
	u64 lo;
	u64 hi;
} __aligned(16);

extern void xor_blocks_generic(struct blk128 *dst, const struct blk128 *src, unsigned int n);

/* SSE xor of two blocks inside a section. Not flagged. */
void xor_block_sse(struct blk128 *dst, const struct blk128 *src)
{
	kernel_fpu_begin();
	asm volatile("movdqa %0, %%xmm0" : : "m" (*dst));
	asm volatile("pxor %0, %%xmm0" : : "m" (*src));
	asm volatile("movdqa %%xmm0, %0" : "=m" (*dst));
	kernel_fpu_end();
}

/* The same without kernel_fpu_begin(): clobbers a user task's xmm0. Flagged at each asm. */
void xor_block_sse_racy(struct blk128 *dst, const struct blk128 *src)
{
	asm volatile("movdqa %0, %%xmm0" : : "m" (*dst));	/* want "SIMD instruction in asm outside kernel_fpu_begin\\(\\)/kernel_fpu_end\\(\\)" */
	asm volatile("pxor %0, %%xmm0" : : "m" (*src));	/* want "SIMD instruction in asm outside kernel_fpu_begin\\(\\)/kernel_fpu_end\\(\\)" */
	asm volatile("movdqa %%xmm0, %0" : "=m" (*dst));	/* want "SIMD instruction in asm outside kernel_fpu_begin\\(\\)/kernel_fpu_end\\(\\)" */
}

/* Clearing a 256-bit register with vpxor, no section. Flagged. */
void ymm_scrub(void)
{
	asm volatile("vpxor %%ymm0, %%ymm0, %%ymm0" : : : "memory");	/* want "SIMD instruction in asm outside kernel_fpu_begin" */
}

/* Clearing the same register inside a section. Not flagged. */
void ymm_scrub_fpu(void)
{
	kernel_fpu_begin();
	asm volatile("vpxor %%ymm0, %%ymm0, %%ymm0" : : : "memory");
	kernel_fpu_end();
}

/* An AVX-512 load after the section was already closed. Flagged. */
void zmm_load_late(const void *src)
{
	kernel_fpu_begin();
	asm volatile("vmovdqu64 %0, %%zmm1" : : "m" (*(const u8 (*)[64])src));
	kernel_fpu_end();
	asm volatile("vmovdqu64 %0, %%zmm2" : : "m" (*(const u8 (*)[64])src));	/* want "SIMD instruction in asm outside kernel_fpu_begin" */
}

/* Reading an xmm register into a general-purpose one still touches SIMD state. Flagged. */
u64 xmm0_peek(void)
{
	u64 v;

	asm volatile("movq %%xmm0, %0" : "=r" (v));	/* want "SIMD instruction in asm outside kernel_fpu_begin" */
	return v;
}

/* Byte swap and rdtsc use general-purpose registers only. Not flagged. */
u64 cycles_be(u32 x)
{
	u32 lo, hi;

	asm volatile("bswap %0" : "+r" (x));
	asm volatile("rdtsc" : "=a" (lo), "=d" (hi));
	return ((u64)hi << 32 | lo) ^ x;
}

/* A pause loop and a locked add: no SIMD. Not flagged. */
void spin_until_set(volatile int *flag, int *counter)
{
	while (!*flag)
		asm volatile("pause" : : : "memory");
	asm volatile("lock; addl $1, %0" : "+m" (*counter));
}

/* may_use_simd() guards the section; the fallback is plain C. Not flagged. */
void xor_blocks(struct blk128 *dst, const struct blk128 *src, unsigned int n)
{
	unsigned int i;

	if (!may_use_simd()) {
		xor_blocks_generic(dst, src, n);
		return;
	}
	kernel_fpu_begin();
	for (i = 0; i < n; i++) {
		asm volatile("movdqu %0, %%xmm0" : : "m" (dst[i]));
		asm volatile("movdqu %0, %%xmm1" : : "m" (src[i]));
		asm volatile("pxor %%xmm1, %%xmm0" : : : "memory");
		asm volatile("movdqu %%xmm0, %0" : "=m" (dst[i]));
	}
	kernel_fpu_end();
}

/* A 32-bit lane add with paddd, only the MXCSR part of the state requested. Not flagged. */
void lanes_add(u32 *acc, const u32 *v)
{
	kernel_fpu_begin_mask(KFPU_MXCSR);
	asm volatile("movdqu %0, %%xmm0" : : "m" (*(const u32 (*)[4])acc));
	asm volatile("paddd %0, %%xmm0" : : "m" (*(const u32 (*)[4])v));
	asm volatile("movdqu %%xmm0, %0" : "=m" (*(u32 (*)[4])acc));
	kernel_fpu_end();
}

/* Two movaps in one multi-instruction template: one finding for the statement. Flagged. */
void vec_copy16(void *dst, const void *src)
{
	asm volatile("movaps (%1), %%xmm3\n\tmovaps %%xmm3, (%0)" : : "r" (dst), "r" (src) : "memory");	/* want "SIMD instruction in asm outside kernel_fpu_begin" */
}

/* AVX single-precision add inside a section. Not flagged. */
void vec_add8(float *acc, const float *v)
{
	kernel_fpu_begin();
	asm volatile("vmovups %0, %%ymm0" : : "m" (*(const float (*)[8])acc));
	asm volatile("vaddps %0, %%ymm0, %%ymm0" : : "m" (*(const float (*)[8])v));
	asm volatile("vmovups %%ymm0, %0" : "=m" (*(float (*)[8])acc));
	kernel_fpu_end();
}

/* An unaligned AVX load on the irq_fpu_usable() path only, inside the section. Not flagged. */
int vec_load32(void *dst, const void *src)
{
	if (!irq_fpu_usable())
		return -1;
	kernel_fpu_begin();
	asm volatile("vmovdqu %0, %%ymm4" : : "m" (*(const u8 (*)[32])src));
	asm volatile("vmovdqu %%ymm4, %0" : "=m" (*(u8 (*)[32])dst));
	kernel_fpu_end();
	return 0;
}

/* Reading the control register cr0: a general-purpose move, no SIMD. Not flagged. */
unsigned long read_cr0_raw(void)
{
	unsigned long val;

	asm volatile("mov %%cr0, %0" : "=r" (val));
	return val;
}

/*
 * A helper that opens the section for its caller, and one that closes it
 * (arch/x86/kernel/fpu/core.c, fpregs_lock_and_load(); arch/x86/power/cpu.c,
 * do_fpu_end()): each is flagged on its own, and its caller is checked with
 * what it does to the section. The SIMD code between them is inside; after
 * the closing helper, outside.
 */
static void xor_section_begin(void)
{
	kernel_fpu_begin();
}	/* want "returns inside a kernel_fpu_begin\\(\\) section" */

static void xor_section_end(void)
{
	kernel_fpu_end();	/* want "kernel_fpu_end\\(\\) without matching kernel_fpu_begin\\(\\)" */
}

void xor_block_helpers(struct blk128 *dst, const struct blk128 *src)
{
	xor_section_begin();
	asm volatile("movdqa %0, %%xmm0" : : "m" (*dst));
	asm volatile("pxor %0, %%xmm0" : : "m" (*src));
	xor_section_end();
	asm volatile("movdqa %%xmm0, %0" : "=m" (*dst));	/* want "SIMD instruction in asm outside kernel_fpu_begin\\(\\)/kernel_fpu_end\\(\\)" */
}
