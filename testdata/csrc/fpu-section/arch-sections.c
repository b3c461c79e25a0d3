/*
 * The FPU/SIMD sections of arm64 (kernel_neon_begin()/kernel_neon_end(),
 * arch/arm64/include/asm/neon.h) and powerpc
 * (enable_kernel_altivec()/disable_kernel_altivec(),
 * arch/powerpc/include/asm/switch_to.h), which RULE #2 covers as it does
 * x86's: nothing in the section may sleep; powerpc's enable and disable
 * calls must run with preemption already disabled.
 */
#include <linux/preempt.h>
#include <linux/delay.h>

void kernel_neon_begin(void);
void kernel_neon_end(void);
void enable_kernel_altivec(void);
void disable_kernel_altivec(void);

void neon_xor(void)
{
	kernel_neon_begin();
	kernel_neon_end();
}

void neon_sleepy(void)
{
	kernel_neon_begin();
	msleep(1); /* want "msleep\\(\\) may sleep in atomic context" */
	kernel_neon_end();
}

void neon_end_only(void)
{
	kernel_neon_end(); /* want "kernel_neon_end\\(\\) without matching kernel_neon_begin\\(\\)" */
}

void altivec_copy(void)
{
	preempt_disable();
	enable_kernel_altivec();
	disable_kernel_altivec();
	preempt_enable();
}

void altivec_preemptible(void)
{
	enable_kernel_altivec(); /* want "enable_kernel_altivec\\(\\) used in preemptible code" */
	disable_kernel_altivec(); /* want "disable_kernel_altivec\\(\\) used in preemptible code" */
}

int neon_early_return(int n)
{
	kernel_neon_begin();
	if (n < 0)
		return -1;	/* want "returns inside a kernel_neon_begin\\(\\) section" */
	kernel_neon_end();
	return 0;
}
