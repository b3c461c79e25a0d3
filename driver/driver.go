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
	"github.com/kpreempt/kpreempt/internal/stage"
	"github.com/kpreempt/kpreempt/interproc"
	"github.com/kpreempt/kpreempt/kbuild"
	"github.com/kpreempt/kpreempt/rules"
)

// Options configure a run.
type Options struct {
	Jobs  int           // parallel units; 0 means one per CPU
	Rules []*rules.Rule // nil means all
	// Done, if set, is called after each unit, from the worker that
	// handled it (so it must be safe for concurrent use).
	Done func(err error)
	// Source, if set, gives the contents of a unit's file instead of the
	// file on disk (nil: read the file): patched copies are checked from
	// memory, never written next to the user's files.
	Source func(*kbuild.Unit) []byte
	// Env, if set, places each unit in its program for the check phase:
	// entry contexts and callees across files. Nil checks each unit on
	// its own.
	Env func(*kbuild.Unit) dataflow.Env
	// Keep, if set, is given each unit Summarize parses, from the
	// worker (so it must be safe for concurrent use), and Parsed, if
	// set, gives Summarize and Run a unit parsed already (nil: parse
	// it): a run parses each unit once, not once per phase.
	Keep   func(*kbuild.Unit, *cparse.Unit)
	Parsed func(*kbuild.Unit) *cparse.Unit
	// Program, if set, gives the program the summarise phase places each
	// unit in: calls of other units' functions apply its summaries
	// (interproc.SummarizeIn). It is asked once a unit is parsed, and
	// may wait for a program still being linked: the few units of a
	// pre-commit run are read while the rest of the tree's facts load.
	Program func() interproc.Linked
	// Summarized, if set, is called with each unit's facts as soon as
	// they are made, from the worker (so it must be safe for concurrent
	// use): a store keeps what a run made even if the run is stopped.
	Summarized func(Facts)
	// Discard drops each unit's facts once Summarized has them: a run
	// that only fills the store keeps no unit's facts in memory.
	Discard bool
}

// Result is the outcome of one unit's check.
type Result struct {
	Unit      *kbuild.Unit
	Diags     []rules.Diagnostic
	Functions int
	Err       error // the unit could not be analysed; Diags is empty
}

// Facts is the outcome of one unit's summarise phase.
type Facts struct {
	Unit     *kbuild.Unit
	Facts    *interproc.UnitFacts
	Includes []string // the files preprocessing read
	Err      error
}

func (o *Options) jobs() int {
	if o.Jobs <= 0 {
		return runtime.GOMAXPROCS(0)
	}
	return o.Jobs
}

// headersPerJob is the memory of headers kept between units for each
// unit parsed at once: more than a whole kernel tree's headers take at
// two jobs, so that they are read once; a bound all the same.
const headersPerJob = 192 << 20

// parsePerJob is how many reduced tokens each job may parse at once
// (cparse.LimitParse): at two jobs, the largest unit of the defconfig
// tree (drivers/gpu/drm/i915/display/intel_display.c, 780k tokens)
// parses alone, and arch/x86/kvm/x86.c (570k) beside small ones only. On
// the whole tree the peak RSS was 2,292 MB without the bound, 2,164 MB
// with it, and 2,193 MB at 300k per job: the peak is then that largest
// unit alone, and a lower bound only makes units wait.
const parsePerJob = 400_000

// limitHeaders bounds the headers kept, and the tokens parsed at once,
// by the number of jobs.
func (o *Options) limitHeaders() {
	cparse.LimitHeaders(int64(o.jobs()) * headersPerJob)
	cparse.LimitParse(int64(o.jobs()) * parsePerJob)
}

func (o *Options) source(u *kbuild.Unit) []byte {
	if o.Source == nil {
		return nil
	}
	return o.Source(u)
}

// Run checks every unit.
func Run(units []*kbuild.Unit, opt Options) []Result {
	rs := opt.Rules
	if rs == nil {
		rs = rules.All()
	}
	opt.limitHeaders()
	m := iter.Mapper[*kbuild.Unit, Result]{MaxGoroutines: opt.jobs()}
	return m.Map(units, func(u **kbuild.Unit) Result {
		var env dataflow.Env
		if opt.Env != nil {
			env = opt.Env(*u)
		}
		var r Result
		if opt.Parsed != nil {
			if cu := opt.Parsed(*u); cu != nil {
				r = checkParsed(*u, cu, rs, env)
			}
		}
		if r.Unit == nil {
			r = CheckSource(*u, opt.source(*u), rs, env)
		}
		if opt.Done != nil {
			opt.Done(r.Err)
		}
		return r
	})
}

// Summarize runs the summarise phase on every unit: its facts, files
// named by name.
func Summarize(units []*kbuild.Unit, opt Options, name interproc.Namer) []Facts {
	opt.limitHeaders()
	m := iter.Mapper[*kbuild.Unit, Facts]{MaxGoroutines: opt.jobs()}
	return m.Map(units, func(u **kbuild.Unit) Facts {
		f := Facts{Unit: *u}
		f.Err = isolate(*u, func() error {
			var cu *cparse.Unit
			if opt.Parsed != nil {
				cu = opt.Parsed(*u)
			}
			if cu == nil {
				var err error
				if cu, err = parse(*u, opt.source(*u)); err != nil {
					return err
				}
				if opt.Keep != nil {
					opt.Keep(*u, cu)
				}
			}
			var prog interproc.Linked
			if opt.Program != nil {
				prog = opt.Program()
			}
			stage.Do("summarize", func() { f.Facts = interproc.SummarizeIn(cu, name, prog) })
			f.Includes = cu.Includes
			return nil
		})
		if opt.Summarized != nil {
			opt.Summarized(f)
			if opt.Discard {
				f.Facts, f.Includes = nil, nil
			}
		}
		if opt.Done != nil {
			opt.Done(f.Err)
		}
		return f
	})
}

// Check runs the analysis on one unit on its own. A panic inside is
// caught and returned as the unit's error.
func Check(u *kbuild.Unit, rs []*rules.Rule) Result { return CheckSource(u, nil, rs, nil) }

// CheckSource is Check with the file's contents given (nil: read the
// file) and the unit's environment in its program (nil: on its own).
func CheckSource(u *kbuild.Unit, src []byte, rs []*rules.Rule, env dataflow.Env) Result {
	res := Result{Unit: u}
	res.Err = isolate(u, func() error {
		cu, err := parse(u, src)
		if err != nil {
			return err
		}
		res.Functions = len(cu.Funcs)
		stage.Do("analyse", func() { res.Diags = rules.Run(dataflow.AnalyzeUnitIn(cu, env), rs) })
		return nil
	})
	if res.Err != nil {
		res.Diags, res.Functions = nil, 0
	}
	return res
}

// checkParsed checks a unit parsed already.
func checkParsed(u *kbuild.Unit, cu *cparse.Unit, rs []*rules.Rule, env dataflow.Env) Result {
	res := Result{Unit: u}
	res.Err = isolate(u, func() error {
		res.Functions = len(cu.Funcs)
		stage.Do("analyse", func() { res.Diags = rules.Run(dataflow.AnalyzeUnitIn(cu, env), rs) })
		return nil
	})
	if res.Err != nil {
		res.Diags, res.Functions = nil, 0
	}
	return res
}

func parse(u *kbuild.Unit, src []byte) (*cparse.Unit, error) {
	if src == nil {
		return cparse.Parse(u)
	}
	return cparse.ParseSource(u, src)
}

// isolate runs work for a unit, turning a panic into the unit's error.
func isolate(u *kbuild.Unit, work func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &cparse.Error{File: u.File, Msg: fmt.Sprintf("internal error: %v (please report this with the file)", p)}
			if debugPanics {
				debug.PrintStack()
			}
		}
	}()
	return work()
}

// debugPanics prints the stack of a caught panic: KPREEMPT_DEBUG=1 in the
// environment, when a file's "internal error" needs its stack.
var debugPanics = os.Getenv("KPREEMPT_DEBUG") != ""
