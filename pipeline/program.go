package pipeline

import (
	"path/filepath"

	"github.com/kpreempt/kpreempt/dataflow"
	"github.com/kpreempt/kpreempt/driver"
	"github.com/kpreempt/kpreempt/interproc"
	"github.com/kpreempt/kpreempt/kbuild"
)

// link groups the summarised units into programs and links each: the
// units of a kernel tree form one program; outside a tree, the files of
// one directory do (a standalone file alone is a program of its own).
// Versions of one file (the patches of a series) never share a program:
// each is linked with the others' facts in a program of its own. It
// returns each unit's environment, and the units whose summarise phase
// failed.
func link(t *Targets, facts []driver.Facts, names *namer) (map[*kbuild.Unit]dataflow.Env, map[*kbuild.Unit]error) {
	failed := map[*kbuild.Unit]error{}
	groups := map[string][]driver.Facts{}
	var order []string
	for _, f := range facts {
		if f.Err != nil {
			failed[f.Unit] = f.Err
			continue
		}
		key := "tree"
		if f.Unit.Stubs {
			key = filepath.Dir(f.Unit.File)
		}
		if _, ok := groups[key]; !ok {
			order = append(order, key)
		}
		groups[key] = append(groups[key], f)
	}
	envs := map[*kbuild.Unit]dataflow.Env{}
	for _, key := range order {
		group := groups[key]
		complete := key != "tree" || t.Whole
		// Rounds: each identity at most once per program.
		for len(group) > 0 {
			var round, rest []driver.Facts
			seen := map[string]bool{}
			for _, f := range group {
				if seen[f.Facts.Unit] {
					rest = append(rest, f)
					continue
				}
				seen[f.Facts.Unit] = true
				round = append(round, f)
			}
			units := make([]*interproc.UnitFacts, 0, len(round))
			for _, f := range round {
				units = append(units, f.Facts)
			}
			prog := interproc.Link(units, t.Root, complete)
			for _, f := range round {
				envs[f.Unit] = prog.Env(f.Facts.Unit)
			}
			group = rest
		}
	}
	return envs, failed
}
