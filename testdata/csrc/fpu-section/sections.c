/*
 * fpu-section: pairing of kernel_fpu_begin()/kernel_fpu_begin_mask()/
 * fpregs_lock() with kernel_fpu_end()/fpregs_unlock(). preempt-locking.rst
 * RULE #2: "entering and exiting FPU mode is now a critical section that
 * must occur while preemption is disabled"; kernel_fpu_begin() disables
 * preemption and kernel_fpu_end() enables it again. Reported: an end
 * outside any section (on every path, or " on some paths"), a return
 * reached inside a section on some path (at the return, or at the closing
 * brace), and a begin inside a section that is already open.
 *
 * The section is an in/out state, as the kernel's in_kernel_fpu flag is:
 * a nested kernel_fpu_begin() does not stack, so the first kernel_fpu_end()
 * after it closes the section and the next one has nothing to close.
 */
#include <asm/fpu/api.h>
#include <asm/simd.h>
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/bug.h>

#define CHACHA_BLOCK_SIZE	64
#define SZ_4K			4096

struct chacha_state {
	u32 x[16];
};

struct xor_req {
	unsigned long *dst;
	const unsigned long *src;
	unsigned int len;
};

extern void chacha_4block_xor_avx2(struct chacha_state *st, u8 *dst, const u8 *src, unsigned int len);
extern void chacha_block_xor_ssse3(struct chacha_state *st, u8 *dst, const u8 *src, unsigned int len);
extern void chacha_crypt_generic(struct chacha_state *st, u8 *dst, const u8 *src, unsigned int len);
extern u32 crc32c_pcl_intel(u32 crc, const u8 *p, unsigned int len);
extern u32 crc32c_generic(u32 crc, const u8 *p, unsigned int len);
extern void xor_avx_2(unsigned long bytes, unsigned long *p1, const unsigned long *p2);
extern bool fpu_state_needs_restore(void);
extern void fpregs_restore_userregs(void);
extern int sha256_check_len(unsigned int len);
extern void sha256_transform_avx(u32 *state, const u8 *data, int blocks);

/* One section around the SIMD work. Not flagged. */
void chacha_crypt_simd(struct chacha_state *st, u8 *dst, const u8 *src, unsigned int len)
{
	kernel_fpu_begin();
	chacha_4block_xor_avx2(st, dst, src, len);
	kernel_fpu_end();
}

/* A separate begin/end pair in each branch of an if. Not flagged. */
void chacha_crypt_pick(struct chacha_state *st, u8 *dst, const u8 *src, unsigned int len)
{
	if (len > 4 * CHACHA_BLOCK_SIZE) {
		kernel_fpu_begin();
		chacha_4block_xor_avx2(st, dst, src, len);
		kernel_fpu_end();
	} else {
		kernel_fpu_begin();
		chacha_block_xor_ssse3(st, dst, src, len);
		kernel_fpu_end();
	}
}

/* The section opened in both branches (two masks), closed once after the join. Not flagged. */
void chacha_crypt_mask(struct chacha_state *st, u8 *dst, const u8 *src, unsigned int len, bool x87)
{
	if (x87)
		kernel_fpu_begin();
	else
		kernel_fpu_begin_mask(KFPU_MXCSR);
	chacha_block_xor_ssse3(st, dst, src, len);
	kernel_fpu_end();
}

/* Fallback when the FPU is not usable, by an early return before the section. Not flagged. */
u32 crc32c_update(u32 crc, const u8 *p, unsigned int len)
{
	if (!irq_fpu_usable())
		return crc32c_generic(crc, p, len);
	kernel_fpu_begin();
	crc = crc32c_pcl_intel(crc, p, len);
	kernel_fpu_end();
	return crc;
}

/* may_use_simd() guards the SIMD path; the generic path never opens a section. Not flagged. */
void chacha_crypt(struct chacha_state *st, u8 *dst, const u8 *src, unsigned int len)
{
	if (!may_use_simd()) {
		chacha_crypt_generic(st, dst, src, len);
		return;
	}
	kernel_fpu_begin();
	chacha_block_xor_ssse3(st, dst, src, len);
	kernel_fpu_end();
}

/* Lock break: one short section per 4K chunk, to bound the preempt-off time. Not flagged. */
void chacha_crypt_chunked(struct chacha_state *st, u8 *dst, const u8 *src, unsigned int len)
{
	while (len) {
		unsigned int todo = len < SZ_4K ? len : SZ_4K;

		kernel_fpu_begin();
		chacha_4block_xor_avx2(st, dst, src, todo);
		kernel_fpu_end();
		len -= todo;
		src += todo;
		dst += todo;
	}
}

/* The error path returns with the FPU section still open. Flagged. */
int sha256_update_avx(u32 *state, const u8 *data, unsigned int len)
{
	kernel_fpu_begin();
	if (sha256_check_len(len))
		return -EINVAL;	/* want "returns inside a kernel_fpu_begin\\(\\) section" */
	sha256_transform_avx(state, data, len / 64);
	kernel_fpu_end();
	return 0;
}

/* The same with the check before the section. Not flagged. */
int sha256_update_avx_fixed(u32 *state, const u8 *data, unsigned int len)
{
	if (sha256_check_len(len))
		return -EINVAL;
	kernel_fpu_begin();
	sha256_transform_avx(state, data, len / 64);
	kernel_fpu_end();
	return 0;
}

/* The section is never closed: the closing brace is a return inside it. Flagged. */
void xor_avx_blocks(unsigned long bytes, unsigned long *p1, const unsigned long *p2)
{
	kernel_fpu_begin();
	xor_avx_2(bytes, p1, p2);
}	/* want "returns inside a kernel_fpu_begin\\(\\) section" */

/* goto to an exit label placed after kernel_fpu_end(). Flagged. */
int sha256_finup_avx(u32 *state, const u8 *data, unsigned int len)
{
	int ret = 0;

	kernel_fpu_begin();
	if (sha256_check_len(len)) {
		ret = -EINVAL;
		goto out;
	}
	sha256_transform_avx(state, data, len / 64);
	kernel_fpu_end();
out:
	return ret;	/* want "returns inside a kernel_fpu_begin\\(\\) section" */
}

/* goto to a label before kernel_fpu_end(). Not flagged. */
int sha256_finup_avx_fixed(u32 *state, const u8 *data, unsigned int len)
{
	int ret = 0;

	kernel_fpu_begin();
	if (sha256_check_len(len)) {
		ret = -EINVAL;
		goto out_end;
	}
	sha256_transform_avx(state, data, len / 64);
out_end:
	kernel_fpu_end();
	return ret;
}

/* kernel_fpu_begin_mask() section left open on the error path. Flagged. */
int sha256_update_mxcsr(u32 *state, const u8 *data, unsigned int len)
{
	kernel_fpu_begin_mask(KFPU_MXCSR);
	if (!len)
		return -EINVAL;	/* want "returns inside a kernel_fpu_begin" */
	sha256_transform_avx(state, data, len / 64);
	kernel_fpu_end();
	return 0;
}

/* kernel_fpu_end() twice: the second has no section to close. Flagged. */
void xor_avx_blocks_twice(unsigned long bytes, unsigned long *p1, const unsigned long *p2)
{
	kernel_fpu_begin();
	xor_avx_2(bytes, p1, p2);
	kernel_fpu_end();
	kernel_fpu_end();	/* want "kernel_fpu_end\\(\\) without matching kernel_fpu_begin\\(\\)$" */
}

/* The error path already ended the section, then falls into the common end. Flagged on some paths. */
int sha256_update_avx_err(u32 *state, const u8 *data, unsigned int len)
{
	int ret = 0;

	kernel_fpu_begin();
	if (sha256_check_len(len)) {
		kernel_fpu_end();
		ret = -EINVAL;
		goto out;
	}
	sha256_transform_avx(state, data, len / 64);
out:
	kernel_fpu_end();	/* want "kernel_fpu_end\\(\\) without matching kernel_fpu_begin\\(\\) on some paths" */
	return ret;
}

/* Section opened only when SIMD is usable, closed unconditionally. Flagged on some paths. */
u32 crc32c_update_sloppy(u32 crc, const u8 *p, unsigned int len)
{
	if (may_use_simd())
		kernel_fpu_begin();
	crc = crc32c_generic(crc, p, len);
	kernel_fpu_end();	/* want "kernel_fpu_end\\(\\) without matching kernel_fpu_begin\\(\\) on some paths" */
	return crc;
}

/*
 * A second begin inside the open section: the kernel WARNs, and the first
 * end closes the section (in_kernel_fpu is a flag, not a count), so the
 * second end has nothing to close. Flagged twice.
 */
void chacha_crypt_double(struct chacha_state *st, u8 *dst, const u8 *src, unsigned int len)
{
	kernel_fpu_begin();
	chacha_block_xor_ssse3(st, dst, src, CHACHA_BLOCK_SIZE);
	kernel_fpu_begin();	/* want "kernel_fpu_begin\\(\\) nested inside another FPU section" */
	chacha_4block_xor_avx2(st, dst + CHACHA_BLOCK_SIZE, src + CHACHA_BLOCK_SIZE, len - CHACHA_BLOCK_SIZE);
	kernel_fpu_end();
	kernel_fpu_end();	/* want "kernel_fpu_end\\(\\) without matching kernel_fpu_begin\\(\\)$" */
}

/*
 * continue skips kernel_fpu_end(): the next iteration begins inside the
 * section left open, and the loop can exit with it open. Flagged at the
 * begin and at the closing brace.
 */
void xor_avx_reqs(struct xor_req *reqs, int nr)
{
	int i;

	for (i = 0; i < nr; i++) {
		kernel_fpu_begin();	/* want "kernel_fpu_begin\\(\\) nested inside another FPU section" */
		if (!reqs[i].len)
			continue;
		xor_avx_2(reqs[i].len, reqs[i].dst, reqs[i].src);
		kernel_fpu_end();
	}
}	/* want "returns inside a kernel_fpu_begin\\(\\) section" */

/* The same loop with the empty request skipped before the section. Not flagged. */
void xor_avx_reqs_fixed(struct xor_req *reqs, int nr)
{
	int i;

	for (i = 0; i < nr; i++) {
		if (!reqs[i].len)
			continue;
		kernel_fpu_begin();
		xor_avx_2(reqs[i].len, reqs[i].dst, reqs[i].src);
		kernel_fpu_end();
	}
}

/* fpregs_lock()/fpregs_unlock() around restoring the user FPU registers. Not flagged. */
void fpu_restore_if_needed(void)
{
	fpregs_lock();
	if (fpu_state_needs_restore())
		fpregs_restore_userregs();
	fpregs_unlock();
}

/* The only path that skips kernel_fpu_end() ends in BUG(). Not flagged. */
void xor_avx_checked(unsigned long bytes, unsigned long *p1, const unsigned long *p2)
{
	kernel_fpu_begin();
	if (!bytes)
		BUG();
	xor_avx_2(bytes, p1, p2);
	kernel_fpu_end();
}

/* Both arms end the section and return. Not flagged. */
u32 crc32c_finup(u32 crc, const u8 *p, unsigned int len)
{
	kernel_fpu_begin();
	if (len < 8) {
		crc = crc32c_generic(crc, p, len);
		kernel_fpu_end();
		return ~crc;
	}
	crc = crc32c_pcl_intel(crc, p, len);
	kernel_fpu_end();
	return ~crc;
}
