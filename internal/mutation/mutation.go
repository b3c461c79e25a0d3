// Package mutation breaks, one at a time, the protections kernel code puts
// around per-CPU data, CPU ids, locks, the preempt count and FPU sections,
// in the ways Documentation/locking/preempt-locking.rst forbids. Each
// Mutant is a C file with one break and the finding kpreempt must report
// for it (rule and lines). The mutation recall test
// (pipeline/mutation_test.go) applies the operators to the functions of a
// kernel tree that use the primitives correctly.
//
// The operators work on source lines, in kernel coding style: a function
// body opens with "{" and closes with "}" alone in column 0, and each
// statement the operators touch is alone on its line. A site inside an
// #if block is skipped (the configuration may compile it out), as is a
// statement that spans lines.
package mutation

import (
	"regexp"
	"sort"
	"strings"
)

// Mutant is a file with one protection broken.
type Mutant struct {
	Op   string // the operator's name
	Rule string // the rule that must report the break
	// Site is the line (1-based) of the original file the operator
	// changed: the deleted, moved or preceding line.
	Site int
	// Func is the first and last line of the function, in the original
	// file: the unmutated function must have no finding of Rule there.
	Func [2]int
	// MutFunc is the function's lines in the mutated file.
	MutFunc [2]int
	// Name is the function's name, as its declarator writes it; Static
	// whether it is static (its callers are then in the same file).
	Name   string
	Static bool
	// Want are the lines of the mutated file where the finding may be;
	// nil accepts any line of MutFunc.
	Want []int
	Src  []byte
}

// Operator is one way of breaking a protection.
type Operator struct {
	Name string
	Rule string
	Doc  string
	// Alt is another rule that reports the same break where the
	// function's context makes it more specific: cond_resched() with
	// interrupts off in a function every caller enters atomic is a sleep
	// in atomic context, and a defect is reported once, under its most
	// specific rule.
	Alt string
	// Callers is set when the rule needs the function's entry context
	// (whether its callers may be preempted): a non-static function is
	// to be checked with units that call it.
	Callers bool
	find    func(f *file, fn span) []Mutant
}

// ByName returns the operator of that name, or nil.
func ByName(name string) *Operator {
	for _, op := range Operators {
		if op.Name == name {
			return op
		}
	}
	return nil
}

// Operators are the operators, in a fixed order.
var Operators = []*Operator{
	{
		Name: "drop-preempt-pair", Rule: "percpu-preemptible",
		Doc:     "delete a preempt_disable()/preempt_enable() pair around a per-CPU use (RULE #1)",
		Callers: true,
		find:    dropPreemptPair,
	},
	{
		Name: "drop-unlock-before-exit", Rule: "lock-owner",
		Doc:  "delete the unlock before an early return or a goto out of a locked region",
		find: dropUnlockBeforeExit,
	},
	{
		Name: "sleep-under-spinlock", Rule: "sleep-in-atomic",
		Doc:  "insert msleep(1) after spin_lock*()",
		find: sleepUnderSpinlock,
	},
	{
		Name: "resched-irqs-off", Rule: "irqoff-resched", Alt: "sleep-in-atomic",
		Doc:  "insert cond_resched() after local_irq_save()/local_irq_disable() with no lock held",
		find: reschedIRQsOff,
	},
	{
		Name: "put-cpu-early", Rule: "stale-cpu",
		Doc:  "move put_cpu() (or the preempt_enable() or interrupt enabling ending the protection smp_processor_id() was read under) above the last per-CPU access indexed by the CPU id",
		find: putCPUEarly,
	},
	{
		Name: "drop-preempt-enable", Rule: "preempt-imbalance",
		Doc:  "delete the preempt_enable() before an early return",
		find: dropPreemptEnable,
	},
	{
		Name: "fpu-end-early", Rule: "fpu-section",
		Doc:  "move kernel_fpu_end() above the last SIMD instruction of its section",
		find: fpuEndEarly,
	},
}

// Find returns every mutant of src, operator by operator, in line order.
func Find(src []byte) []Mutant {
	f := parseFile(src)
	var out []Mutant
	for _, op := range Operators {
		for _, fn := range f.funcs {
			for _, m := range op.find(f, fn) {
				m.Op, m.Rule = op.Name, op.Rule
				out = append(out, m)
			}
		}
	}
	return out
}

// ExternalCallers are the functions of src with external linkage that
// call the function name, directly or through static functions of src
// (at most three deep): where other files' calls reach a static
// function's context from.
func ExternalCallers(src []byte, name string) []string {
	f := parseFile(src)
	type fn struct {
		name   string
		static bool
		body   string
	}
	var fns []fn
	for _, sp := range f.funcs {
		n, static := f.name(sp)
		if n == "" {
			continue
		}
		fns = append(fns, fn{n, static, strings.Join(f.lines[sp.open-1:sp.close], "\n")})
	}
	seen := map[string]bool{name: true}
	var out []string
	callees := []string{name}
	for depth := 0; depth < 3 && len(callees) > 0; depth++ {
		var next []string
		for _, callee := range callees {
			call := regexp.MustCompile(`\b` + regexp.QuoteMeta(callee) + `\s*\(`)
			for _, c := range fns {
				if seen[c.name] || !call.MatchString(c.body) {
					continue
				}
				seen[c.name] = true
				if c.static {
					next = append(next, c.name)
				} else {
					out = append(out, c.name)
				}
			}
		}
		callees = next
	}
	sort.Strings(out)
	return out
}

// file is a C file as lines, with its function bodies.
type file struct {
	lines []string
	// inIf marks lines inside an #if/#ifdef block.
	inIf  []bool
	funcs []span
}

// span is a function's lines, 1-based, from its "{" to its "}".
type span struct{ open, close int }

// declName finds the name of a function whose body opens at line open:
// the identifier before the first "(" of the declarator lines above it.
var declName = regexp.MustCompile(`(\w+)\s*\(`)

func (f *file) name(fn span) (string, bool) {
	var decl string
	for j := fn.open - 1; j >= 1 && j >= fn.open-6; j-- {
		l := f.line(j)
		t := strings.TrimSpace(l)
		if t == "" || strings.HasSuffix(t, ";") || strings.HasSuffix(t, "}") || strings.HasPrefix(t, "#") || strings.HasSuffix(t, "*/") {
			break
		}
		decl = l + " " + decl
	}
	m := declName.FindStringSubmatch(decl)
	if m == nil {
		return "", false
	}
	return m[1], strings.Contains(decl, "static ")
}

func parseFile(src []byte) *file {
	f := &file{lines: strings.Split(string(src), "\n")}
	f.inIf = make([]bool, len(f.lines)+1)
	depth := 0
	open := 0
	for i, l := range f.lines {
		n := i + 1
		t := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(t, "#if"):
			depth++
		case strings.HasPrefix(t, "#endif"):
			depth = max(depth-1, 0)
		}
		f.inIf[n] = depth > 0
		switch strings.TrimRight(l, " \t\r") {
		case "{":
			open = n
		case "}", "};":
			if open > 0 && strings.TrimRight(l, " \t\r") == "}" {
				f.funcs = append(f.funcs, span{open, n})
			}
			open = 0
		}
	}
	return f
}

// line returns line n (1-based).
func (f *file) line(n int) string { return f.lines[n-1] }

// ok reports whether line n may be mutated: outside #if blocks, and a
// statement of its own (the line before ends one, so it starts one).
func (f *file) ok(n int) bool {
	if n < 2 || n > len(f.lines) || f.inIf[n] {
		return false
	}
	prev := strings.TrimSpace(stripComment(f.line(n - 1)))
	return prev == "" || strings.HasSuffix(prev, ";") || strings.HasSuffix(prev, "{") || strings.HasSuffix(prev, "}") ||
		strings.HasSuffix(prev, ":") || strings.HasSuffix(prev, ")") && (strings.HasPrefix(prev, "if") || strings.HasPrefix(prev, "else") || strings.HasPrefix(prev, "for") || strings.HasPrefix(prev, "while")) || prev == "else"
}

// braced reports whether line n sits in a block of its own braces: a
// statement inserted or deleted there does not change which statement an
// unbraced if or loop governs.
func (f *file) braced(n int) bool {
	prev := strings.TrimSpace(stripComment(f.line(n - 1)))
	return !(strings.HasSuffix(prev, ")") || prev == "else")
}

// early reports whether the exit at line n leaves the function before
// its end: a goto, or a return other than the body's last statement.
// Without the release before its last return, a function releases on no
// path: it is then a lock (or preempt-disabling) helper, as the kernel
// writes hundreds, and its callers are where a missing release shows.
func (f *file) early(n int, fn span) bool {
	if !returnLine.MatchString(f.line(n)) {
		return true
	}
	for j := n + 1; j < fn.close; j++ {
		if t := strings.TrimSpace(stripComment(f.line(j))); t != "" {
			return true
		}
	}
	return false
}

func stripComment(l string) string {
	if i := strings.Index(l, "/*"); i >= 0 {
		l = l[:i]
	}
	if i := strings.Index(l, "//"); i >= 0 {
		l = l[:i]
	}
	return l
}

func indent(l string) string { return l[:len(l)-len(strings.TrimLeft(l, " \t"))] }

// edit applies deletions and insertions (before the given original lines)
// and returns the new text with a map from original to new line numbers.
type edit struct {
	del    map[int]bool
	insert map[int][]string // before the original line
}

func (f *file) apply(e edit) ([]byte, []int) {
	newNum := make([]int, len(f.lines)+2)
	var out []string
	for i, l := range f.lines {
		n := i + 1
		out = append(out, e.insert[n]...)
		if e.del[n] {
			newNum[n] = len(out) + 1 // the next line's number
			continue
		}
		out = append(out, l)
		newNum[n] = len(out)
	}
	newNum[len(f.lines)+1] = len(out) + 1
	return []byte(strings.Join(out, "\n")), newNum
}

func (f *file) mutant(fn span, site int, e edit, want []int) Mutant {
	src, nn := f.apply(e)
	var w []int
	for _, l := range want {
		w = append(w, nn[l])
	}
	name, static := f.name(fn)
	return Mutant{Site: site, Func: [2]int{fn.open, fn.close}, MutFunc: [2]int{nn[fn.open], nn[fn.close]}, Want: w, Src: src, Name: name, Static: static}
}

var (
	preemptDisable = regexp.MustCompile(`^\s*preempt_disable\(\);\s*$`)
	preemptEnable  = regexp.MustCompile(`^\s*preempt_enable\(\);\s*$`)
	preemptAny     = regexp.MustCompile(`\bpreempt_(disable|enable)\w*\(`)
	// per-CPU uses that need a stable CPU (kapi: NeedsStableCPU).
	percpuUse = regexp.MustCompile(`\b(__this_cpu_\w+|this_cpu_ptr|smp_processor_id)\s*\(`)
	unlock    = regexp.MustCompile(`^\s*((raw_)?(spin|read|write)_unlock(_irq|_irqrestore|_bh)?|mutex_unlock)\((.*)\);\s*$`)
	exit      = regexp.MustCompile(`^\s*(return\b.*;|goto\s+\w+;)\s*$`)
	spinLock  = regexp.MustCompile(`^\s*(raw_)?spin_lock(_irq|_irqsave|_bh)?\((.*)\);\s*$`)
	irqsOff   = regexp.MustCompile(`^\s*local_irq_(save\(\w+\)|disable\(\));\s*$`)
	// protection other than interrupts: a lock, a preempt or bottom-half
	// section.
	otherProtection = regexp.MustCompile(`\b((raw_)?spin_lock|(read|write)_lock|preempt_disable|local_bh_disable|get_cpu|local_lock)\w*\(`)
	otherRelease    = regexp.MustCompile(`\b((raw_)?spin_unlock|(read|write)_unlock|preempt_enable|local_bh_enable|put_cpu|local_unlock)\w*\(`)
	// a CPU id obtained under protection, and the end of that protection.
	getCPU     = regexp.MustCompile(`^\s*(\w+)\s*=\s*(get_cpu|smp_processor_id)\(\);\s*$`)
	putCPU     = regexp.MustCompile(`^\s*(put_cpu\(\)|preempt_enable\(\)|local_irq_enable\(\)|local_irq_restore\(\w+\));\s*$`)
	returnLine = regexp.MustCompile(`^\s*return\b.*;\s*$`)
	fpuBegin   = regexp.MustCompile(`^\s*kernel_fpu_begin\(\);\s*$`)
	fpuEnd     = regexp.MustCompile(`^\s*kernel_fpu_end\(\);\s*$`)
	simdAsm    = regexp.MustCompile(`^\s*(asm|__asm__)\b.*%%[xyz]mm`)
)

// firstArg is the first argument of a call's argument text.
func firstArg(args string) string {
	depth := 0
	for i, c := range args {
		switch c {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				return strings.TrimSpace(args[:i])
			}
		}
	}
	return strings.TrimSpace(args)
}

func dropPreemptPair(f *file, fn span) []Mutant {
	var out []Mutant
	for k := fn.open + 1; k < fn.close; k++ {
		if !preemptDisable.MatchString(f.line(k)) || !f.ok(k) || !f.braced(k) {
			continue
		}
		var uses []int
		for m := k + 1; m < fn.close; m++ {
			l := f.line(m)
			if preemptEnable.MatchString(l) {
				if len(uses) > 0 && f.ok(m) && f.braced(m) && indent(l) == indent(f.line(k)) {
					out = append(out, f.mutant(fn, k, edit{del: map[int]bool{k: true, m: true}}, uses))
				}
				break
			}
			if preemptAny.MatchString(l) || f.inIf[m] {
				break
			}
			if percpuUse.MatchString(l) {
				uses = append(uses, m)
			}
		}
	}
	return out
}

func dropUnlockBeforeExit(f *file, fn span) []Mutant {
	var out []Mutant
	for k := fn.open + 1; k+1 < fn.close; k++ {
		mm := unlock.FindStringSubmatch(f.line(k))
		if mm == nil || !f.ok(k) || !f.braced(k) || !exit.MatchString(f.line(k+1)) || !f.early(k+1, fn) {
			continue
		}
		// The lock must be taken earlier in the function, by name.
		lock := firstArg(mm[5])
		taken := false
		for j := fn.open + 1; j < k; j++ {
			if strings.Contains(f.line(j), "lock") && strings.Contains(f.line(j), "("+lock) && !unlock.MatchString(f.line(j)) {
				taken = true
			}
		}
		if !taken {
			continue
		}
		var want []int
		if returnLine.MatchString(f.line(k + 1)) {
			want = []int{k + 1}
		}
		out = append(out, f.mutant(fn, k, edit{del: map[int]bool{k: true}}, want))
	}
	return out
}

func sleepUnderSpinlock(f *file, fn span) []Mutant {
	var out []Mutant
	for k := fn.open + 1; k < fn.close; k++ {
		l := f.line(k)
		if !spinLock.MatchString(l) || !f.ok(k) || !f.braced(k) || f.inIf[k+1] {
			continue
		}
		out = append(out, f.mutant(fn, k, edit{insert: map[int][]string{k + 1: {indent(l) + "msleep(1);"}}}, nil).withInserted(k))
	}
	return out
}

func reschedIRQsOff(f *file, fn span) []Mutant {
	var out []Mutant
	for k := fn.open + 1; k < fn.close; k++ {
		l := f.line(k)
		if !irqsOff.MatchString(l) || !f.ok(k) || !f.braced(k) || f.inIf[k+1] {
			continue
		}
		// Protection other than interrupts taken earlier and not given
		// back, counted by lines (an unlock on an early-exit path counts
		// too: a conservative count).
		held := 0
		for j := fn.open + 1; j < k; j++ {
			if otherProtection.MatchString(f.line(j)) {
				held++
			}
			if otherRelease.MatchString(f.line(j)) {
				held--
			}
		}
		if held > 0 {
			continue
		}
		out = append(out, f.mutant(fn, k, edit{insert: map[int][]string{k + 1: {indent(l) + "cond_resched();"}}}, nil).withInserted(k))
	}
	return out
}

// withInserted sets Want to the line inserted after original line k.
func (m Mutant) withInserted(k int) Mutant {
	// The inserted line follows line k, whose new number is k's, as
	// nothing before it moved.
	m.Want = []int{k + 1}
	return m
}

func putCPUEarly(f *file, fn span) []Mutant {
	var out []Mutant
	for k := fn.open + 1; k < fn.close; k++ {
		mm := getCPU.FindStringSubmatch(f.line(k))
		if mm == nil || f.inIf[k] {
			continue
		}
		// A use is what RULE #1 calls a reference of the critical
		// variables: per-CPU data indexed by the id (buf[cpu],
		// per_cpu(x, cpu), per_cpu_ptr(p, cpu)). Passing the id to
		// another function or comparing it is not one (the id is then a
		// hint, as smp_call_function_single(cpu, ...) takes it).
		id := regexp.QuoteMeta(mm[1])
		use := regexp.MustCompile(`\[\s*` + id + `\s*\]|\bper_cpu(_ptr)?\s*\(.*,\s*` + id + `\s*\)`)
		last := 0
		for m := k + 1; m < fn.close; m++ {
			l := f.line(m)
			if putCPU.MatchString(l) {
				if last > 0 && f.ok(m) && f.braced(m) && f.ok(last) && f.braced(last) && indent(f.line(last)) == indent(l) {
					e := edit{del: map[int]bool{m: true}, insert: map[int][]string{last: {l}}}
					out = append(out, f.mutant(fn, m, e, []int{last}))
				}
				break
			}
			if f.inIf[m] || getCPU.MatchString(l) {
				break
			}
			if use.MatchString(stripComment(l)) {
				last = m
			}
		}
	}
	return out
}

func dropPreemptEnable(f *file, fn span) []Mutant {
	var out []Mutant
	for k := fn.open + 1; k+1 < fn.close; k++ {
		if !preemptEnable.MatchString(f.line(k)) || !f.ok(k) || !f.braced(k) || !returnLine.MatchString(f.line(k+1)) || !f.early(k+1, fn) {
			continue
		}
		out = append(out, f.mutant(fn, k, edit{del: map[int]bool{k: true}}, []int{k + 1}))
	}
	return out
}

func fpuEndEarly(f *file, fn span) []Mutant {
	var out []Mutant
	begin := 0
	for k := fn.open + 1; k < fn.close; k++ {
		l := f.line(k)
		switch {
		case fpuBegin.MatchString(l):
			begin = k
		case fpuEnd.MatchString(l) && begin > 0:
			last := 0
			for j := begin + 1; j < k; j++ {
				if simdAsm.MatchString(f.line(j)) && f.ok(j) {
					last = j
				}
			}
			if last > 0 && !f.inIf[k] {
				e := edit{del: map[int]bool{k: true}, insert: map[int][]string{last: {indent(f.line(last)) + "kernel_fpu_end();"}}}
				out = append(out, f.mutant(fn, k, e, []int{last}))
			}
			begin = 0
		}
	}
	return out
}
