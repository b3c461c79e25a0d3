package cpp

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkPreprocessKernelFile preprocesses a few files of the configured
// kernel tree named by KPREEMPT_KERNEL, with one Cache for all iterations
// (headers are tokenised once per process). One op is one file.
func BenchmarkPreprocessKernelFile(b *testing.B) {
	tree := kernelTree(b)
	units := kernelUnits(b, tree, 4)
	b.Chdir(units[0].Directory)
	type job struct {
		cfg  *Config
		file string
	}
	var jobs []job
	for _, u := range units {
		args := u.args()
		cfg, predefFlags := commandConfig(args[1:])
		var err error
		if cfg.Predefined, err = Predefined(args[0], predefFlags); err != nil {
			b.Fatal(err)
		}
		rel, _ := filepath.Rel(u.Directory, u.File)
		jobs = append(jobs, job{cfg, rel})
	}
	c := NewCache()
	for _, j := range jobs { // warm the cache
		if _, err := Preprocess(c, j.cfg, j.file, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	tokens := 0
	for i := 0; i < b.N; i++ {
		j := jobs[i%len(jobs)]
		res, err := Preprocess(c, j.cfg, j.file, nil)
		if err != nil {
			b.Fatal(err)
		}
		tokens += len(res.Tokens)
	}
	b.ReportMetric(float64(tokens)/float64(b.N), "tokens/op")
}

// synthetic is a macro-heavy unit in the style of the kernel's per-CPU and
// logging macros.
func synthetic(n int) string {
	var b strings.Builder
	b.WriteString(`
#define __stringify_1(x...) #x
#define __stringify(x...) __stringify_1(x)
#define ___PASTE(a, b) a##b
#define __PASTE(a, b) ___PASTE(a, b)
#define __pcpu_size_call(stem, variable, ...) do { switch (sizeof(variable)) { \
	case 1: stem##1(variable, __VA_ARGS__); break; case 2: stem##2(variable, __VA_ARGS__); break; \
	case 4: stem##4(variable, __VA_ARGS__); break; case 8: stem##8(variable, __VA_ARGS__); break; \
	default: __bad_size_call_parameter(); break; } } while (0)
#define percpu_to_op(size, qual, op, _var, _val) do { asm qual (op " %[val], %%gs:%[var]" \
	: [var] "+m" (_var) : [val] "ri" (_val)); } while (0)
#define raw_cpu_add_1(pcp, val) percpu_to_op(1, , "addb", (pcp), val)
#define raw_cpu_add_2(pcp, val) percpu_to_op(2, , "addw", (pcp), val)
#define raw_cpu_add_4(pcp, val) percpu_to_op(4, , "addl", (pcp), val)
#define raw_cpu_add_8(pcp, val) percpu_to_op(8, , "addq", (pcp), val)
#define raw_cpu_add(pcp, val) __pcpu_size_call(raw_cpu_add_, pcp, val)
#define __this_cpu_add(pcp, val) do { __this_cpu_preempt_check("add"); raw_cpu_add(pcp, val); } while (0)
#define __this_cpu_inc(pcp) __this_cpu_add(pcp, 1)
#define SNMP_INC_STATS(mib, field) __this_cpu_inc(mib->mibs[field])
#define __TCP_INC_STATS(net, field) SNMP_INC_STATS((net)->mib.tcp_statistics, field)
#define printk(fmt, ...) _printk(fmt, ##__VA_ARGS__)
#define pr_fmt(fmt) "mod: " fmt
#define pr_info(fmt, ...) printk("\001" "6" pr_fmt(fmt), ##__VA_ARGS__)
#define min(a, b) ({ typeof(a) __a = (a); typeof(b) __b = (b); __a < __b ? __a : __b; })
#define max3(a, b, c) min(min(a, b), c)
#define IS_ENABLED(x) __PASTE(__is_, x)
`)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "static int f%d(struct net *net, int x)\n{\n", i)
		fmt.Fprintf(&b, "\t__TCP_INC_STATS(net, %d);\n", i%7)
		fmt.Fprintf(&b, "\tpr_info(\"value %%d %%s\\n\", x, __stringify(f%d));\n", i)
		fmt.Fprintf(&b, "\treturn max3(x, %d, IS_ENABLED(CONFIG_%d));\n}\n", i, i%5)
	}
	return b.String()
}

// BenchmarkPreprocessSynthetic preprocesses a generated macro-heavy unit.
func BenchmarkPreprocessSynthetic(b *testing.B) {
	src := []byte(synthetic(500))
	c := NewCache()
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	tokens := 0
	for i := 0; i < b.N; i++ {
		res, err := Preprocess(c, &Config{}, "synthetic.c", src)
		if err != nil {
			b.Fatal(err)
		}
		tokens = len(res.Tokens)
	}
	b.ReportMetric(float64(tokens), "tokens/op")
}
