package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/kpreempt/kpreempt/internal/memlimit"
	"github.com/kpreempt/kpreempt/pipeline"
)

// summarizeCommand collects a kernel tree's facts without checking: the
// first stage of a CI matrix, each shard its share.
func summarizeCommand() *cobra.Command {
	var f runFlags
	cmd := &cobra.Command{
		Use:   "summarize [flags] [PATH...]",
		Short: "collect the facts of a kernel tree's files (callers, callees, sleeps) without checking them",
		Long: `Reads the files of a kernel tree (default: all of them) and keeps their facts in
the tree's facts store, so that later runs (kpreempt check of one file, patch,
diff, the pre-commit hook, kbuild's kpreempt cc) see callers and callees in the
other files. Files whose facts are fresh are not read again. With --shard I/N,
only the I-th of N shares: facts stores of several shards merge by copying
their files into one.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if f.jobs < 0 {
				return fmt.Errorf("--jobs %d: give 1 or more", f.jobs)
			}
			t, err := pipeline.Discover(f.dir, args, f.srcroot)
			if err != nil {
				return err
			}
			if err := f.applyShard(t); err != nil {
				return err
			}
			stderr := cmd.ErrOrStderr()
			prog := newProgress(stderr, len(t.Items), true)
			memlimit.ForJobs(f.jobs)
			done, failed := pipeline.Summarize(pipeline.Options{Jobs: f.jobs, FactsDir: f.facts, Log: stderr, Done: prog.done}, t)
			prog.finish()
			for _, x := range failed {
				fmt.Fprintf(stderr, "kpreempt: %s\n", x.Error)
			}
			fmt.Fprintf(stderr, "kpreempt: facts of %d file(s) collected, %d failed\n", done, len(failed))
			if len(failed) > f.allowFailures {
				return exitError(2)
			}
			return nil
		},
	}
	fs := cmd.Flags()
	fs.IntVarP(&f.jobs, "jobs", "j", 0, "files read in parallel (default: the number of CPUs)")
	fs.StringVarP(&f.dir, "directory", "C", "", "the kernel tree (default: the one holding the paths, or the current directory)")
	fs.StringVar(&f.srcroot, "srcroot", "", "name files relative to `DIR`")
	fs.IntVar(&f.allowFailures, "allow-failures", 0, "exit 0, not 2, when at most `N` files could not be read")
	fs.StringVar(&f.shard, "shard", "", "only the `I/N`-th share of the files")
	fs.StringVar(&f.facts, "facts", "", "the facts store `DIR` (default: one per tree under the user's cache directory)")
	return cmd
}

// applyShard keeps the --shard I/N share of the targets.
func (f *runFlags) applyShard(t *pipeline.Targets) error {
	if f.shard == "" {
		return nil
	}
	var i, n int
	if _, err := fmt.Sscanf(f.shard, "%d/%d", &i, &n); err != nil {
		return fmt.Errorf("--shard %q: want I/N, such as 2/8", f.shard)
	}
	return t.Shard(i, n)
}
