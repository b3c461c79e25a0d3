// Package stage labels the work of a run's stages (preprocess, parse,
// convert, summarize, link, analyse, output) in CPU profiles, with the
// pprof label "stage": a profile of a whole run then splits by stage
// (go tool pprof -tags). A stage run inside another is counted as its
// own.
package stage

import (
	"context"
	"runtime/pprof"
)

// Do runs f as the named stage.
func Do(name string, f func()) {
	pprof.Do(context.Background(), pprof.Labels("stage", name), func(context.Context) { f() })
}
