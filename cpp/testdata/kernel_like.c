/* Shapes of the kernel's per-CPU, alternative and diagnostic macros. */
#define __stringify_1(x...)	#x
#define __stringify(x...)	__stringify_1(x)
#define ___PASTE(a, b) a##b
#define __PASTE(a, b) ___PASTE(a, b)
#define __UNIQUE_ID(prefix) __PASTE(__PASTE(__UNIQUE_ID_, prefix), __COUNTER__)
#define __percpu_seg_override __seg_gs
#define __force
#define __kernel
#define __percpu_arg(x) "%%gs:%" #x

#define __pcpu_size_call_return(stem, variable)				\
({									\
	typeof(variable) pscr_ret__;					\
	switch(sizeof(variable)) {					\
	case 1: pscr_ret__ = stem##1(variable); break;			\
	case 2: pscr_ret__ = stem##2(variable); break;			\
	case 4: pscr_ret__ = stem##4(variable); break;			\
	case 8: pscr_ret__ = stem##8(variable); break;			\
	default:							\
		__bad_size_call_parameter(); break;			\
	}								\
	pscr_ret__;							\
})
#define __pcpu_size_call(stem, variable, ...)				\
do {									\
	switch(sizeof(variable)) {					\
		case 1: stem##1(variable, __VA_ARGS__);break;		\
		case 2: stem##2(variable, __VA_ARGS__);break;		\
		case 4: stem##4(variable, __VA_ARGS__);break;		\
		case 8: stem##8(variable, __VA_ARGS__);break;		\
		default: 						\
			__bad_size_call_parameter();break;		\
	}								\
} while (0)
#define percpu_to_op(size, qual, op, _var, _val)			\
do {									\
	asm qual (__pcpu_op2_##size(op, "%[val]", __percpu_arg([var]))	\
	    : [var] "+m" (__my_cpu_var(_var))				\
	    : [val] __pcpu_reg_imm_##size(_val));			\
} while (0)
#define __pcpu_op2_1(op, src, dst) op "b " src ", " dst
#define __pcpu_op2_4(op, src, dst) op "l " src ", " dst
#define __pcpu_op2_8(op, src, dst) op "q " src ", " dst
#define __pcpu_reg_imm_4(x) "ri" (x)
#define __pcpu_reg_imm_8(x) "re" (x)
#define __my_cpu_var(var) (*(typeof(var) __percpu_seg_override __force *)(uintptr_t)(&(var)))
#define raw_cpu_add_4(pcp, val)		percpu_to_op(4, , "add", (pcp), val)
#define raw_cpu_add_8(pcp, val)		percpu_to_op(8, , "add", (pcp), val)
#define raw_cpu_add(pcp, val)	__pcpu_size_call(raw_cpu_add_, pcp, val)
#define __this_cpu_add(pcp, val)					\
do {									\
	__this_cpu_preempt_check("add");				\
	raw_cpu_add(pcp, val);						\
} while (0)
#define __this_cpu_inc(pcp)		__this_cpu_add(pcp, 1)
#define SNMP_INC_STATS(mib, field)	__this_cpu_inc(mib->mibs[field])
#define __TCP_INC_STATS(net, field)	SNMP_INC_STATS((net)->mib.tcp_statistics, field)
#define raw_cpu_read_4(pcp) (*(pcp))
#define raw_cpu_read(pcp) __pcpu_size_call_return(raw_cpu_read_, pcp)
#define this_cpu_read(pcp) raw_cpu_read(pcp)
#define smp_processor_id() this_cpu_read(pcpu_hot.cpu_number)

void f(struct net *net)
{
	__TCP_INC_STATS(net, TCP_MIB_ACTIVEOPENS);
	int cpu = smp_processor_id();
	int __UNIQUE_ID(x) = 1, __UNIQUE_ID(x) = 2;
}

#define ALTINSTR_ENTRY(ft_flags)					      \
	".pushsection .altinstructions,\"a\"\n"				      \
	" .long 661b - .\n"				/* label           */ \
	" .4byte " __stringify(ft_flags) "\n"		/* feature + flags */ \
	".popsection\n"
#define OLDINSTR(oldinstr)	"661:\n\t" oldinstr "\n662:\n"
#define ALTERNATIVE(oldinstr, newinstr, ft_flags)			\
	OLDINSTR(oldinstr)						\
	ALTINSTR_ENTRY(ft_flags)
#define X86_FEATURE_ALWAYS (3*32+21)
#define alternative(oldinstr, newinstr, ft_flags)			\
	asm_inline volatile(ALTERNATIVE(oldinstr, newinstr, ft_flags) : : : "memory")
void g(void) { alternative("lfence", "mfence", X86_FEATURE_ALWAYS); }

#define __diag_str1(s)		#s
#define __diag_str(s)		__diag_str1(s)
#define __diag(s)		_Pragma(__diag_str(GCC diagnostic s))
#define __diag_GCC_ignore(option)	__diag(ignored option)
#define __diag_push()	__diag(push)
#define __diag_pop()	__diag(pop)
#define __diag_ignore_all(option, comment) __diag_GCC_ignore(option)
__diag_push();
__diag_ignore_all("-Wmissing-prototypes", "Global kfuncs as their definitions will be in BTF");
int h(void);
__diag_pop();

#define container_of(ptr, type, member) ({				\
	void *__mptr = (void *)(ptr);					\
	((type *)(__mptr - offsetof(type, member))); })
#define list_entry(ptr, type, member) container_of(ptr, type, member)
#define list_for_each_entry(pos, head, member)				\
	for (pos = list_entry((head)->next, typeof(*pos), member);	\
	     &pos->member != (head);					\
	     pos = list_entry(pos->member.next, typeof(*pos), member))
void i(void) { list_for_each_entry(p, &head, list) { use(p); } }

#define BUILD_BUG_ON_ZERO(e) ((int)(sizeof(struct { int:(-!!(e)); })))
#define __must_be_array(a) BUILD_BUG_ON_ZERO(__same_type((a), &(a)[0]))
#define __same_type(a, b) __builtin_types_compatible_p(typeof(a), typeof(b))
#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]) + __must_be_array(arr))
int n = ARRAY_SIZE(arr);

#define DECLARE_BITMAP(name,bits) unsigned long name[BITS_TO_LONGS(bits)]
#define BITS_TO_LONGS(nr) __KERNEL_DIV_ROUND_UP(nr, BITS_PER_TYPE(long))
#define __KERNEL_DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define BITS_PER_TYPE(type) (sizeof(type) * BITS_PER_BYTE)
#define BITS_PER_BYTE 8
DECLARE_BITMAP(bits, 64);

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#define KBUILD_MODNAME "mod"
#define printk(fmt, ...) _printk(fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...) printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define KERN_INFO "\001" "6"
void j(void) { pr_info("a\n"); pr_info("b %d\n", 1); }
