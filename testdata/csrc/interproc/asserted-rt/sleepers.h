/* The sleepers' queue of the asynchronous page fault. */
void task_wait_schedule_demo(unsigned int token);

int __handle_async_pf_demo(unsigned int token);

extern int async_pf_enabled_demo;

/*
 * arch/x86/include/asm/kvm_para.h kvm_handle_async_pf(): an inline
 * helper in front of the out-of-line handler.
 */
static inline int handle_async_pf_demo(unsigned int token)
{
	if (async_pf_enabled_demo)
		return __handle_async_pf_demo(token);
	return 0;
}
