/* percpu-defs.h: per-CPU variable definitions and accessors; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_PERCPU_DEFS_H
#define _LINUX_PERCPU_DEFS_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/preempt.h>

/*
 * Definitions: a per-CPU variable is a plain object of its type, placed (as
 * in the kernel) in a ".data..percpu" section, which marks it as per-CPU.
 */
#define __PCPU_ATTRS(sec)	__attribute__((__section__(".data..percpu" sec)))

#define DECLARE_PER_CPU_SECTION(type, name, sec)	extern __typeof__(type) name __PCPU_ATTRS(sec)
#define DEFINE_PER_CPU_SECTION(type, name, sec)		__typeof__(type) name __PCPU_ATTRS(sec)
#define DECLARE_PER_CPU(type, name)			extern __typeof__(type) name __PCPU_ATTRS("")
#define DEFINE_PER_CPU(type, name)			__typeof__(type) name __PCPU_ATTRS("")
#define DECLARE_PER_CPU_FIRST(type, name)		extern __typeof__(type) name __PCPU_ATTRS("..first")
#define DEFINE_PER_CPU_FIRST(type, name)		__typeof__(type) name __PCPU_ATTRS("..first")
#define DECLARE_PER_CPU_SHARED_ALIGNED(type, name) \
	extern __typeof__(type) name __PCPU_ATTRS("..shared_aligned") ____cacheline_aligned
#define DEFINE_PER_CPU_SHARED_ALIGNED(type, name) \
	__typeof__(type) name __PCPU_ATTRS("..shared_aligned") ____cacheline_aligned
#define DECLARE_PER_CPU_ALIGNED(type, name) \
	extern __typeof__(type) name __PCPU_ATTRS("..shared_aligned") ____cacheline_aligned
#define DEFINE_PER_CPU_ALIGNED(type, name) \
	__typeof__(type) name __PCPU_ATTRS("..shared_aligned") ____cacheline_aligned
#define DECLARE_PER_CPU_PAGE_ALIGNED(type, name) \
	extern __typeof__(type) name __PCPU_ATTRS("..page_aligned") __aligned(4096)
#define DEFINE_PER_CPU_PAGE_ALIGNED(type, name) \
	__typeof__(type) name __PCPU_ATTRS("..page_aligned") __aligned(4096)
#define DECLARE_PER_CPU_READ_MOSTLY(type, name)		extern __typeof__(type) name __PCPU_ATTRS("..read_mostly")
#define DEFINE_PER_CPU_READ_MOSTLY(type, name)		__typeof__(type) name __PCPU_ATTRS("..read_mostly")
#define DECLARE_PER_CPU_DECRYPTED(type, name)		extern __typeof__(type) name __PCPU_ATTRS("..decrypted")
#define DEFINE_PER_CPU_DECRYPTED(type, name)		__typeof__(type) name __PCPU_ATTRS("..decrypted")
#define DECLARE_PER_CPU_CACHE_HOT(type, name)		extern __typeof__(type) name __PCPU_ATTRS("..hot")
#define DEFINE_PER_CPU_CACHE_HOT(type, name)		__typeof__(type) name __PCPU_ATTRS("..hot")
#define EXPORT_PER_CPU_SYMBOL(var)			extern __typeof__(var) var
#define EXPORT_PER_CPU_SYMBOL_GPL(var)			extern __typeof__(var) var

/* Helpers behind the accessors (not kernel API). */
void *__kp_per_cpu_ptr(const void *ptr, int cpu);
void *__kp_this_cpu_ptr(const void *ptr);
void *__kp_raw_cpu_ptr(const void *ptr);
void *__kp_get_cpu_ptr(const void *ptr);
void __kp_put_cpu_ptr(const void *ptr);
unsigned long __kp_pcpu_read(const void *pcp);
void __kp_pcpu_write(void *pcp, unsigned long val);
void __kp_pcpu_op(void *pcp, unsigned long val);
unsigned long __kp_pcpu_op_return(void *pcp, unsigned long val);
unsigned long __kp_pcpu_xchg(void *pcp, unsigned long nval);
unsigned long __kp_pcpu_cmpxchg(void *pcp, unsigned long oval, unsigned long nval);
bool __kp_pcpu_try_cmpxchg(void *pcp, void *ovalp, unsigned long nval);

/*
 * Each accessor expands to a call of a function with its own name, so that
 * an accessor written inside another macro's arguments stays visible as a
 * call. The parentheses keep the prototypes from being macro-expanded.
 */
void * (per_cpu_ptr)(const void *ptr, int cpu);
void * (per_cpu)(const void *ptr, int cpu);
void * (this_cpu_ptr)(const void *ptr);
void * (raw_cpu_ptr)(const void *ptr);
void * (get_cpu_ptr)(const void *ptr);
void (put_cpu_ptr)(const void *ptr);
void * (get_cpu_var)(const void *ptr);
void (put_cpu_var)(const void *ptr);
void * (__get_cpu_var)(const void *ptr);
unsigned long (this_cpu_read)(const void *pcp);
void (this_cpu_write)(void *pcp, unsigned long val);
void (this_cpu_add)(void *pcp, unsigned long val);
void (this_cpu_sub)(void *pcp, unsigned long val);
void (this_cpu_inc)(void *pcp, unsigned long val);
void (this_cpu_dec)(void *pcp, unsigned long val);
void (this_cpu_and)(void *pcp, unsigned long val);
void (this_cpu_or)(void *pcp, unsigned long val);
unsigned long (this_cpu_add_return)(void *pcp, unsigned long val);
unsigned long (this_cpu_sub_return)(void *pcp, unsigned long val);
unsigned long (this_cpu_inc_return)(void *pcp, unsigned long val);
unsigned long (this_cpu_dec_return)(void *pcp, unsigned long val);
unsigned long (this_cpu_xchg)(void *pcp, unsigned long nval);
unsigned long (this_cpu_cmpxchg)(void *pcp, unsigned long oval, unsigned long nval);
bool (this_cpu_try_cmpxchg)(void *pcp, void *ovalp, unsigned long nval);
unsigned long (__this_cpu_read)(const void *pcp);
void (__this_cpu_write)(void *pcp, unsigned long val);
void (__this_cpu_add)(void *pcp, unsigned long val);
void (__this_cpu_sub)(void *pcp, unsigned long val);
void (__this_cpu_inc)(void *pcp, unsigned long val);
void (__this_cpu_dec)(void *pcp, unsigned long val);
void (__this_cpu_and)(void *pcp, unsigned long val);
void (__this_cpu_or)(void *pcp, unsigned long val);
unsigned long (__this_cpu_add_return)(void *pcp, unsigned long val);
unsigned long (__this_cpu_sub_return)(void *pcp, unsigned long val);
unsigned long (__this_cpu_inc_return)(void *pcp, unsigned long val);
unsigned long (__this_cpu_dec_return)(void *pcp, unsigned long val);
unsigned long (__this_cpu_xchg)(void *pcp, unsigned long nval);
unsigned long (__this_cpu_cmpxchg)(void *pcp, unsigned long oval, unsigned long nval);
bool (__this_cpu_try_cmpxchg)(void *pcp, void *ovalp, unsigned long nval);
unsigned long (raw_cpu_read)(const void *pcp);
void (raw_cpu_write)(void *pcp, unsigned long val);
void (raw_cpu_add)(void *pcp, unsigned long val);
void (raw_cpu_sub)(void *pcp, unsigned long val);
void (raw_cpu_inc)(void *pcp, unsigned long val);
void (raw_cpu_dec)(void *pcp, unsigned long val);
void (raw_cpu_and)(void *pcp, unsigned long val);
void (raw_cpu_or)(void *pcp, unsigned long val);
unsigned long (raw_cpu_add_return)(void *pcp, unsigned long val);
unsigned long (raw_cpu_sub_return)(void *pcp, unsigned long val);
unsigned long (raw_cpu_inc_return)(void *pcp, unsigned long val);
unsigned long (raw_cpu_dec_return)(void *pcp, unsigned long val);
unsigned long (raw_cpu_xchg)(void *pcp, unsigned long nval);
unsigned long (raw_cpu_cmpxchg)(void *pcp, unsigned long oval, unsigned long nval);
bool (raw_cpu_try_cmpxchg)(void *pcp, void *ovalp, unsigned long nval);

/* Pointers and lvalues. */
#define per_cpu_ptr(ptr, cpu)	((__typeof__(*(ptr)) *)per_cpu_ptr((const void *)(ptr), (cpu)))
#define per_cpu(var, cpu)	(*(__typeof__(&(var)))per_cpu((const void *)&(var), (cpu)))
#define this_cpu_ptr(ptr)	((__typeof__(*(ptr)) *)this_cpu_ptr((const void *)(ptr)))
#define raw_cpu_ptr(ptr)	((__typeof__(*(ptr)) *)raw_cpu_ptr((const void *)(ptr)))
#define get_cpu_ptr(ptr)	((__typeof__(*(ptr)) *)get_cpu_ptr((const void *)(ptr)))
#define put_cpu_ptr(ptr)	(put_cpu_ptr((const void *)(ptr)))
#define get_cpu_var(var)	(*(__typeof__(&(var)))get_cpu_var((const void *)&(var)))
#define put_cpu_var(var)	(put_cpu_var((const void *)&(var)))
/* Removed in Linux 3.19; still met in old snippets. */
#define __get_cpu_var(var)	(*(__typeof__(&(var)))__get_cpu_var((const void *)&(var)))

/* this_cpu_*: operations on the current CPU's instance. */
#define this_cpu_read(pcp)		((__typeof__(pcp))this_cpu_read((const void *)&(pcp)))
#define this_cpu_write(pcp, val)	(this_cpu_write((void *)&(pcp), (unsigned long)(val)))
#define this_cpu_add(pcp, val)		(this_cpu_add((void *)&(pcp), (unsigned long)(val)))
#define this_cpu_sub(pcp, val)		(this_cpu_sub((void *)&(pcp), -(unsigned long)(val)))
#define this_cpu_inc(pcp)		(this_cpu_inc((void *)&(pcp), 1))
#define this_cpu_dec(pcp)		(this_cpu_dec((void *)&(pcp), -1UL))
#define this_cpu_and(pcp, val)		(this_cpu_and((void *)&(pcp), (unsigned long)(val)))
#define this_cpu_or(pcp, val)		(this_cpu_or((void *)&(pcp), (unsigned long)(val)))
#define this_cpu_add_return(pcp, val)	((__typeof__(pcp))this_cpu_add_return((void *)&(pcp), (unsigned long)(val)))
#define this_cpu_sub_return(pcp, val)	((__typeof__(pcp))this_cpu_sub_return((void *)&(pcp), -(unsigned long)(val)))
#define this_cpu_inc_return(pcp)	((__typeof__(pcp))this_cpu_inc_return((void *)&(pcp), 1))
#define this_cpu_dec_return(pcp)	((__typeof__(pcp))this_cpu_dec_return((void *)&(pcp), -1UL))
#define this_cpu_xchg(pcp, nval)	((__typeof__(pcp))this_cpu_xchg((void *)&(pcp), (unsigned long)(nval)))
#define this_cpu_cmpxchg(pcp, oval, nval) \
	((__typeof__(pcp))this_cpu_cmpxchg((void *)&(pcp), (unsigned long)(oval), (unsigned long)(nval)))
#define this_cpu_try_cmpxchg(pcp, ovalp, nval) \
	(this_cpu_try_cmpxchg((void *)&(pcp), (void *)(ovalp), (unsigned long)(nval)))

/* __this_cpu_*: the caller guarantees preemption is already disabled. */
#define __this_cpu_read(pcp)		((__typeof__(pcp))__this_cpu_read((const void *)&(pcp)))
#define __this_cpu_write(pcp, val)	(__this_cpu_write((void *)&(pcp), (unsigned long)(val)))
#define __this_cpu_add(pcp, val)	(__this_cpu_add((void *)&(pcp), (unsigned long)(val)))
#define __this_cpu_sub(pcp, val)	(__this_cpu_sub((void *)&(pcp), -(unsigned long)(val)))
#define __this_cpu_inc(pcp)		(__this_cpu_inc((void *)&(pcp), 1))
#define __this_cpu_dec(pcp)		(__this_cpu_dec((void *)&(pcp), -1UL))
#define __this_cpu_and(pcp, val)	(__this_cpu_and((void *)&(pcp), (unsigned long)(val)))
#define __this_cpu_or(pcp, val)		(__this_cpu_or((void *)&(pcp), (unsigned long)(val)))
#define __this_cpu_add_return(pcp, val)	((__typeof__(pcp))__this_cpu_add_return((void *)&(pcp), (unsigned long)(val)))
#define __this_cpu_sub_return(pcp, val)	((__typeof__(pcp))__this_cpu_sub_return((void *)&(pcp), -(unsigned long)(val)))
#define __this_cpu_inc_return(pcp)	((__typeof__(pcp))__this_cpu_inc_return((void *)&(pcp), 1))
#define __this_cpu_dec_return(pcp)	((__typeof__(pcp))__this_cpu_dec_return((void *)&(pcp), -1UL))
#define __this_cpu_xchg(pcp, nval)	((__typeof__(pcp))__this_cpu_xchg((void *)&(pcp), (unsigned long)(nval)))
#define __this_cpu_cmpxchg(pcp, oval, nval) \
	((__typeof__(pcp))__this_cpu_cmpxchg((void *)&(pcp), (unsigned long)(oval), (unsigned long)(nval)))
#define __this_cpu_try_cmpxchg(pcp, ovalp, nval) \
	(__this_cpu_try_cmpxchg((void *)&(pcp), (void *)(ovalp), (unsigned long)(nval)))

/* raw_cpu_*: no preemption checks at all. */
#define raw_cpu_read(pcp)		((__typeof__(pcp))raw_cpu_read((const void *)&(pcp)))
#define raw_cpu_write(pcp, val)		(raw_cpu_write((void *)&(pcp), (unsigned long)(val)))
#define raw_cpu_add(pcp, val)		(raw_cpu_add((void *)&(pcp), (unsigned long)(val)))
#define raw_cpu_sub(pcp, val)		(raw_cpu_sub((void *)&(pcp), -(unsigned long)(val)))
#define raw_cpu_inc(pcp)		(raw_cpu_inc((void *)&(pcp), 1))
#define raw_cpu_dec(pcp)		(raw_cpu_dec((void *)&(pcp), -1UL))
#define raw_cpu_and(pcp, val)		(raw_cpu_and((void *)&(pcp), (unsigned long)(val)))
#define raw_cpu_or(pcp, val)		(raw_cpu_or((void *)&(pcp), (unsigned long)(val)))
#define raw_cpu_add_return(pcp, val)	((__typeof__(pcp))raw_cpu_add_return((void *)&(pcp), (unsigned long)(val)))
#define raw_cpu_sub_return(pcp, val)	((__typeof__(pcp))raw_cpu_sub_return((void *)&(pcp), -(unsigned long)(val)))
#define raw_cpu_inc_return(pcp)		((__typeof__(pcp))raw_cpu_inc_return((void *)&(pcp), 1))
#define raw_cpu_dec_return(pcp)		((__typeof__(pcp))raw_cpu_dec_return((void *)&(pcp), -1UL))
#define raw_cpu_xchg(pcp, nval)		((__typeof__(pcp))raw_cpu_xchg((void *)&(pcp), (unsigned long)(nval)))
#define raw_cpu_cmpxchg(pcp, oval, nval) \
	((__typeof__(pcp))raw_cpu_cmpxchg((void *)&(pcp), (unsigned long)(oval), (unsigned long)(nval)))
#define raw_cpu_try_cmpxchg(pcp, ovalp, nval) \
	(raw_cpu_try_cmpxchg((void *)&(pcp), (void *)(ovalp), (unsigned long)(nval)))

#endif /* _LINUX_PERCPU_DEFS_H */
