package rules

import (
	"slices"
	"sort"
	"strings"

	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/dataflow"
)

// Rule is one check.
type Rule struct {
	ID       string // stable identifier, e.g. "percpu-preemptible"
	Name     string // SARIF's name, which must differ from ID; a camel-case ID when empty
	Summary  string // one line
	Severity string // "warning" or "error"
	Doc      string // what the rule flags and what it exempts
	Quote    string // the paragraph of preempt-locking.rst it enforces
	Source   string // where Quote comes from
	Bad      string // C code the rule flags
	Good     string // the same code fixed
	// Model is the kernels the rule's findings hold on, unless a
	// finding says otherwise (Pass.ReportOn); "" is every kernel.
	Model Model
	// ModelNote, when set, says on which kernels the rule's findings
	// hold, for a rule whose findings differ (see Kernels).
	ModelNote string
	Run       func(*Pass)
}

// Model names the kernels a finding holds on: the classic model, where
// spinlock_t, rwlock_t and local_lock disable preemption, or PREEMPT_RT's,
// where they are sleeping locks (Documentation/locking/locktypes.rst).
type Model string

const (
	BothModels Model = "both"    // every kernel
	RTModel    Model = "rt"      // PREEMPT_RT kernels only
	Classic    Model = "classic" // kernels without PREEMPT_RT only
)

// ParseModel reads a --model value.
func ParseModel(s string) (Model, bool) {
	switch m := Model(s); m {
	case BothModels, RTModel, Classic:
		return m, true
	}
	return "", false
}

// Shows reports whether a run for the kernels m stands for reports a
// finding that holds on f.
func (m Model) Shows(f Model) bool {
	return m == "" || m == BothModels || f == "" || f == BothModels || f == m
}

// Diagnostic is one finding.
type Diagnostic struct {
	Rule     string
	Severity string
	Pos      cparse.Pos
	Function string
	Message  string
	Trace    []dataflow.Note // how the path reaches Pos, in path order
	Model    Model           // the kernels it holds on
	// only is the kind of kernel the walk that found it assumed, when
	// the function tests IS_ENABLED(CONFIG_PREEMPT_RT): Run merges what
	// both walks find.
	only     dataflow.Kernels
	narrowed bool
}

// Pass is what a rule sees of one unit.
type Pass struct {
	Unit  *dataflow.Unit
	rule  *Rule
	diags *[]Diagnostic
	at    *dataflow.State // the state before the event Walk is at
	ev    *cfg.Event      // the event Walk is at
}

// Walk is fr.Walk, keeping the state before each event for Report: a
// finding made where only one kind of kernel runs (past a branch on
// IS_ENABLED(CONFIG_PREEMPT_RT)) holds on that kind only.
// A function that tests the kind of kernel is walked once per kind (its
// analysis and its Alt); what both walks find holds on both (see Run).
func (p *Pass) Walk(fr *dataflow.Func, fn func(b *cfg.Block, e *cfg.Event, before *dataflow.State)) {
	for ; fr != nil; fr = fr.Alt {
		fr.Walk(func(b *cfg.Block, e *cfg.Event, before *dataflow.State) {
			p.at, p.ev = before, e
			fn(b, e, before)
		})
	}
	p.at, p.ev = nil, nil
}

// booting reports whether fn is the kernel's early boot (a root of
// kapi.Boot, or a function only it calls): the rules about sleeping leave it alone, as the kernel's
// own checks do (see dataflow.Entry.Booting).
func (p *Pass) booting(fn *cparse.Func) bool {
	env := p.Unit.Env()
	return env != nil && env.Entry(fn).Booting
}

// locksKept reports whether the program shows that no caller of fn
// releases the locks it returns held (dataflow.Entry.LocksKept).
func (p *Pass) locksKept(fn *cparse.Func) bool {
	env := p.Unit.Env()
	return env != nil && env.Entry(fn).LocksKept
}

// handsOver reports whether a framework releases what fn returns holding
// (dataflow.Entry.HandsOver), and whether only where fn returned 0
// (dataflow.Entry.HandsOverOnZero).
func (p *Pass) handsOver(fn *cparse.Func) (handsOver, onZero bool) {
	env := p.Unit.Env()
	if env == nil {
		return false, false
	}
	e := env.Entry(fn)
	return e.HandsOver, e.HandsOverOnZero
}

// callersRelease reports whether every caller of fn that the program
// shows releases the lock key that fn returns holding on some ways out
// only (dataflow.Entry.CallersRelease).
func (p *Pass) callersRelease(fn *cparse.Func, key string) bool {
	env := p.Unit.Env()
	return env != nil && slices.Contains(env.Entry(fn).CallersRelease, key)
}

// Report records a finding of the running rule. A note that carries the
// steps leading to it (across functions) is reported with them.
func (p *Pass) Report(fn *cparse.Func, pos cparse.Pos, msg string, trace ...dataflow.Note) {
	p.ReportOn(p.rule.Model, fn, pos, msg, trace...)
}

// ReportOn is Report for a finding that holds on the kernels m only.
func (p *Pass) ReportOn(m Model, fn *cparse.Func, pos cparse.Pos, msg string, trace ...dataflow.Note) {
	if m == "" {
		m = BothModels
	}
	var only dataflow.Kernels
	narrowed := false // a finding of every kernel, made on one kind's walk
	if p.at != nil && p.at.Kernels != dataflow.AnyKernel {
		only = p.at.Kernels
		switch {
		case only == dataflow.RTKernel && m == Classic, only == dataflow.ClassicKernel && m == RTModel:
			return // the code does not run on that kind of kernel
		case m == BothModels:
			m = Classic
			if only == dataflow.RTKernel {
				m = RTModel
			}
			narrowed = true
		}
	}
	if p.unseenKind(m, trace) {
		return
	}
	var kept []dataflow.Note
	for _, t := range trace {
		for _, n := range t.Steps() {
			if n.Pos.IsValid() && n.Text != "" {
				kept = append(kept, n)
			}
		}
	}
	*p.diags = append(*p.diags, Diagnostic{
		Rule: p.rule.ID, Severity: p.rule.Severity, Pos: pos, Function: fn.Name, Message: msg, Trace: kept, Model: m, only: only, narrowed: narrowed,
	})
}

// unseenKind reports whether a finding that holds on the kernels m only
// rests on variant code (cparse.APIUse.Variant) while m is the kind the
// unit's .config did not choose: the event at hand, or what made the
// context what it is, is code that kind compiles differently (#ifndef
// CONFIG_PREEMPT_RT), and what it compiles instead was not read.
func (p *Pass) unseenKind(m Model, trace []dataflow.Note) bool {
	configured := Classic
	if p.Unit.Src.RT {
		configured = RTModel
	}
	if m == BothModels || m == configured {
		return false
	}
	if p.ev != nil && p.ev.API != nil && p.ev.API.Variant {
		return true
	}
	for _, t := range trace {
		if t.Variant {
			return true
		}
	}
	return false
}

var registry []*Rule

func register(r *Rule) *Rule {
	if r.Severity == "" {
		r.Severity = "warning"
	}
	registry = append(registry, r)
	return r
}

// All returns every rule, ordered by ID.
func All() []*Rule {
	r := append([]*Rule(nil), registry...)
	sort.Slice(r, func(i, j int) bool { return r[i].ID < r[j].ID })
	return r
}

// ByID returns the rule with the given ID (Known's rules), or nil. It
// also takes the checkpatch type kpreempt prints for a rule
// (KPREEMPT_PERCPU_PREEMPTIBLE).
func ByID(id string) *Rule {
	for _, r := range Known() {
		if r.ID == id || strings.EqualFold(id, "KPREEMPT_"+strings.ReplaceAll(r.ID, "-", "_")) {
			return r
		}
	}
	return nil
}

// Run applies rules to a unit and returns the findings in position order,
// one per position, rule and message.
func Run(u *dataflow.Unit, rules []*Rule) []Diagnostic {
	var diags []Diagnostic
	for _, r := range rules {
		if r.Run != nil { // suppression is applied after the analysis
			r.Run(&Pass{Unit: u, rule: r, diags: &diags})
		}
	}
	diags = mergeKernels(diags)
	Sort(diags)
	out := diags[:0]
	for i, d := range diags {
		if i > 0 {
			p := diags[i-1]
			if p.Pos == d.Pos && p.Rule == d.Rule && p.Message == d.Message {
				continue
			}
		}
		out = append(out, d)
	}
	return out
}

// mergeKernels merges what the walks of a function for each kind of
// kernel found: a finding both made holds on both kernels; one made on
// one kind only says so in its message.
func mergeKernels(diags []Diagnostic) []Diagnostic {
	type key struct {
		pos        cparse.Pos
		rule, text string
	}
	found := map[key]dataflow.Kernels{}
	for _, d := range diags {
		if d.only != 0 {
			found[key{d.Pos, d.Rule, d.Message}] |= d.only
		}
	}
	out := diags[:0]
	for _, d := range diags {
		if d.only == 0 {
			out = append(out, d)
			continue
		}
		k := key{d.Pos, d.Rule, d.Message}
		switch found[k] {
		case 0:
			continue // merged into the first
		case dataflow.AnyKernel:
			if d.narrowed {
				d.Model = BothModels
			}
		case dataflow.RTKernel:
			if d.narrowed {
				d.Message += " (on PREEMPT_RT kernels only, where IS_ENABLED(CONFIG_PREEMPT_RT) holds)"
			}
		case dataflow.ClassicKernel:
			if d.narrowed {
				d.Message += " (on kernels without PREEMPT_RT only, where IS_ENABLED(CONFIG_PREEMPT_RT) is false)"
			}
		}
		found[k] = 0
		d.only, d.narrowed = 0, false
		out = append(out, d)
	}
	return out
}

// Sort orders diagnostics by file, line, column, rule and message.
func Sort(d []Diagnostic) {
	sort.SliceStable(d, func(i, j int) bool {
		a, b := d[i], d[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
}
