package main

import (
	"bytes"
	"fmt"
	"os"
	"runtime/pprof"

	"github.com/spf13/cobra"

	"github.com/kpreempt/kpreempt/internal/peakheap"
	"github.com/kpreempt/kpreempt/internal/stage"
	"github.com/kpreempt/kpreempt/pipeline"
)

func checkCommand() *cobra.Command {
	var f runFlags
	var verbose bool
	var cpuProfile, memProfile string
	cmd := &cobra.Command{
		Use:   "check [flags] [PATH...]",
		Short: "check C files and directories",
		Long: `Checks every .c file named, and every .c file under the directories named
(default: the current directory). In a configured kernel tree files are read
as kbuild compiles them; outside one they are checked as standalone snippets
against kpreempt's built-in stub headers. Options may come before or after the
paths; -- ends them.

Exit status: 0 no findings, 1 findings, 2 bad usage or files that could not be
analysed (the report is still written whole; --allow-failures N accepts up to N).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := f.open(cmd)
			if err != nil {
				return err
			}
			defer s.abandon()
			t, err := pipeline.Discover(f.dir, args, f.srcroot)
			if err != nil {
				return err
			}
			if err := f.applyShard(t); err != nil {
				return err
			}
			if len(t.Items) == 0 && len(t.Failed) == 0 {
				return fmt.Errorf("no .c files found")
			}
			if cpuProfile != "" {
				stop, err := startCPUProfile(cpuProfile)
				if err != nil {
					return err
				}
				defer stop()
			}
			if memProfile != "" {
				rec, err := peakheap.Start(memProfile)
				if err != nil {
					return fmt.Errorf("--memprofile: %v", err)
				}
				defer func() {
					if _, err := rec.Stop(); err != nil {
						fmt.Fprintf(s.stderr, "kpreempt: --memprofile: %v\n", err)
					}
				}()
			}
			// Each unit is summarised, then checked.
			prog := newProgress(s.stderr, 2*len(t.Items), s.format == "text" || s.toFile())
			s.opt.Done = prog.done
			rep := pipeline.Check(s.opt, t)
			prog.finish()
			s.fo.Checkpatch.FileMode = true
			for _, it := range t.Items {
				s.fo.Checkpatch.Lines += bytes.Count(rep.Sources.Content(it.Unit.File), []byte("\n"))
			}
			stage.Do("output", func() { err = s.write(rep) })
			if err != nil {
				return err
			}
			if isTerminal(s.stderr) && s.format == "text" || verbose {
				fmt.Fprintf(s.stderr, "kpreempt: %d finding(s); %d file(s) checked, %d failed, %d function(s), %.2fs",
					len(rep.Findings), rep.Stats.Files, len(rep.Stats.FailedFiles), rep.Stats.Functions, rep.Stats.Seconds)
				if ph := rep.Stats.Phases; ph != nil {
					fmt.Fprintf(s.stderr, " (summarise %.2fs, link %.2fs, check %.2fs; kept from earlier runs: facts of %d, findings of %d, the program's answers to %d; summarised again in the link: %d, left unsettled: %d)",
						ph.Summarize, ph.Link, ph.Check, ph.FactsReused, ph.ChecksReused, ph.Replayed, ph.Resummarized, ph.Unsettled)
				}
				fmt.Fprintln(s.stderr)
			}
			return s.exit(rep)
		},
	}
	f.register(cmd.Flags(), "text")
	cmd.Flags().BoolVar(&verbose, "stats", false, "print the run's statistics and the time of each phase on stderr")
	cmd.Flags().StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile of the run to `FILE`, its samples labelled by stage (go tool pprof -tags FILE)")
	cmd.Flags().StringVar(&memProfile, "memprofile", "", "write a heap profile of the moment the run's live heap was highest to `FILE` (go tool pprof $(which kpreempt) FILE)")
	return cmd
}

// startCPUProfile profiles the process into path until the returned
// function is called.
func startCPUProfile(path string) (func(), error) {
	out, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("--cpuprofile: %v", err)
	}
	if err := pprof.StartCPUProfile(out); err != nil {
		out.Close()
		return nil, fmt.Errorf("--cpuprofile: %v", err)
	}
	return func() {
		pprof.StopCPUProfile()
		out.Close()
	}, nil
}
