// Package driver runs the analysis (parse, graphs, dataflow, rules) over
// many units in parallel and returns their results in the order the units
// were given, whatever the parallelism, with per-file isolation: a failing
// or panicking file is that file's error, the others go on. The run
// pipeline (package pipeline) is its one caller besides benchmarks.
package driver

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"

	"github.com/sourcegraph/conc/iter"

	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/dataflow"
	"github.com/kpreempt/kpreempt/kbuild"
	"github.com/kpreempt/kpreempt/rules"
)

// Options configure a run.
type Options struct {
	Jobs  int           // parallel units; 0 means one per CPU
	Rules []*rules.Rule // nil means all
	// Done, if set, is called after each unit, from the worker that checked
	// it (so it must be safe for concurrent use).
	Done func(Result)
	// Source, if set, gives the contents of a unit's file instead of the
	// file on disk (nil: read the file): patched copies are checked from
	// memory, never written next to the user's files.
	Source func(*kbuild.Unit) []byte
}

// Result is the outcome of one unit.
type Result struct {
	Unit      *kbuild.Unit
	Diags     []rules.Diagnostic
	Functions int
	Err       error // the unit could not be analysed; Diags is empty
}

// Run checks every unit.
func Run(units []*kbuild.Unit, opt Options) []Result {
	jobs := opt.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	rs := opt.Rules
	if rs == nil {
		rs = rules.All()
	}
	m := iter.Mapper[*kbuild.Unit, Result]{MaxGoroutines: jobs}
	return m.Map(units, func(u **kbuild.Unit) Result {
		var src []byte
		if opt.Source != nil {
			src = opt.Source(*u)
		}
		r := CheckSource(*u, src, rs)
		if opt.Done != nil {
			opt.Done(r)
		}
		return r
	})
}

// Check runs the pipeline on one unit. A panic inside is caught and
// returned as the unit's error.
func Check(u *kbuild.Unit, rs []*rules.Rule) Result { return CheckSource(u, nil, rs) }

// CheckSource is Check with the file's contents given (nil: read the file).
func CheckSource(u *kbuild.Unit, src []byte, rs []*rules.Rule) (res Result) {
	res.Unit = u
	defer func() {
		if p := recover(); p != nil {
			res = Result{Unit: u, Err: &cparse.Error{File: u.File,
				Msg: fmt.Sprintf("internal error: %v (please report this with the file)", p)}}
			if debugPanics {
				debug.PrintStack()
			}
		}
	}()
	var cu *cparse.Unit
	var err error
	if src == nil {
		cu, err = cparse.Parse(u)
	} else {
		cu, err = cparse.ParseSource(u, src)
	}
	if err != nil {
		res.Err = err
		return res
	}
	du := dataflow.AnalyzeUnit(cu)
	res.Functions = len(cu.Funcs)
	res.Diags = rules.Run(du, rs)
	return res
}

// debugPanics prints the stack of a caught panic: KPREEMPT_DEBUG=1 in the
// environment, when a file's "internal error" needs its stack.
var debugPanics = os.Getenv("KPREEMPT_DEBUG") != ""
