package pipeline

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"

	"github.com/kpreempt/kpreempt/baseline"
	"github.com/kpreempt/kpreempt/kbuild"
	"github.com/kpreempt/kpreempt/rules"
)

// Options configure a run.
type Options struct {
	// Rules are the rules to run (see SelectRules); nil runs every rule.
	// rules.Suppression among them reports malformed and unused
	// suppression comments.
	Rules []*rules.Rule
	// Jobs is how many units are analysed at once; 0 means one per CPU.
	Jobs int
	// Baseline, if set, removes the findings it holds.
	Baseline *baseline.Set
	// SrcRoot is the source root files are named relative to; "" derives
	// it (see the package documentation).
	SrcRoot string
	// Log receives one line per file that could not be analysed; nil
	// discards them.
	Log io.Writer
	// Done, if set, is called after each unit's summarise phase and
	// after its check, from the worker that did it: it must be safe for
	// concurrent use.
	Done func(failed bool)
	// FactsDir is the facts store of a kernel tree; "" is the user's
	// cache directory (see interproc.DefaultStoreDir). NoFacts runs
	// without a store: facts of other files are neither read nor kept.
	FactsDir string
	NoFacts  bool
	// NoFactsWarning silences the line saying that facts of other units
	// are missing (the run that is collecting them).
	NoFactsWarning bool
	// Model is the kernels to check for (--model): findings that hold
	// on other kernels only are left out. "" follows the tree (see
	// DefaultModel).
	Model rules.Model
}

// DefaultModel is the model a tree is checked for: PREEMPT_RT when its
// .config enables it, the classic model when its architecture cannot
// have it (no ARCH_SUPPORTS_RT), and both otherwise, so that code is
// checked for both kinds of kernel before it is sent. Outside a tree,
// both.
func DefaultModel(t *kbuild.Tree) rules.Model {
	if t == nil {
		return rules.BothModels
	}
	switch enabled, possible := t.RT(); {
	case enabled:
		return rules.RTModel
	case !possible:
		return rules.Classic
	}
	return rules.BothModels
}

func (o *Options) model(t *kbuild.Tree) rules.Model {
	if o.Model != "" {
		return o.Model
	}
	return DefaultModel(t)
}

func (o *Options) rules() []*rules.Rule {
	if o.Rules == nil {
		return rules.Known()
	}
	return o.Rules
}

func (o *Options) log() io.Writer {
	if o.Log == nil {
		return io.Discard
	}
	return o.Log
}

// SelectRules applies --enable (only these; none given: all) and then
// --disable to the known rules. Rules are named by ID or checkpatch type.
func SelectRules(enable, disable []string) ([]*rules.Rule, error) {
	var on, off []*rules.Rule
	for _, l := range []struct {
		names []string
		into  *[]*rules.Rule
	}{{enable, &on}, {disable, &off}} {
		for _, id := range l.names {
			r := rules.ByID(id)
			if r == nil {
				return nil, fmt.Errorf("unknown rule %q (see kpreempt rules)", id)
			}
			*l.into = append(*l.into, r)
		}
	}
	var out []*rules.Rule
	for _, r := range rules.Known() {
		if (len(on) == 0 || slices.Contains(on, r)) && !slices.Contains(off, r) {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("--enable and --disable leave no rule to run")
	}
	return out, nil
}

// jobs is how many units are analysed at once.
func (o Options) jobs() int {
	if o.Jobs > 0 {
		return o.Jobs
	}
	return runtime.GOMAXPROCS(0)
}
