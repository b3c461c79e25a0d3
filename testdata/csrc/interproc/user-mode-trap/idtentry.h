/* The x86 exception entry, in the shape of arch/x86/include/asm/idtentry.h and traps.h. */
#include <linux/irqflags.h>

struct pt_regs {
	unsigned long flags;
	unsigned long cs;
};

#define X86_EFLAGS_IF	0x200

typedef struct { int exit_rcu; } irqentry_state_t;

irqentry_state_t irqentry_enter(struct pt_regs *regs);
void irqentry_exit(struct pt_regs *regs, irqentry_state_t state);

#define DEFINE_IDTENTRY(func)						\
static inline void __##func(struct pt_regs *regs);			\
									\
void func(struct pt_regs *regs)						\
{									\
	irqentry_state_t state = irqentry_enter(regs);			\
									\
	__##func(regs);							\
	irqentry_exit(regs, state);					\
}									\
									\
static inline void __##func(struct pt_regs *regs)

static inline void cond_local_irq_enable(struct pt_regs *regs)
{
	if (regs->flags & X86_EFLAGS_IF)
		local_irq_enable();
}

static inline void cond_local_irq_disable(struct pt_regs *regs)
{
	if (regs->flags & X86_EFLAGS_IF)
		local_irq_disable();
}

static inline int user_mode(struct pt_regs *regs)
{
	return regs->cs & 3;
}

void die(const char *str, struct pt_regs *regs, long err);
void force_sig(int sig);
