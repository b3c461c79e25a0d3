// Package scratch keeps the list of the temporary files and directories a
// run has made and not yet removed: parsed units kept on disk, kbuild's
// dry-run directory, an output file written beside its destination. A run
// interrupted by a signal removes them (OnSignal), so that neither the
// temporary directory nor the user's tree keeps what an interrupted run
// was writing.
package scratch

import (
	"os"
	"os/signal"
	"sync"
	"syscall"
)

var (
	mu    sync.Mutex
	paths = map[string]bool{}
)

// Track records path, a file or directory the run made and removes
// itself when it is done.
func Track(path string) {
	mu.Lock()
	paths[path] = true
	mu.Unlock()
}

// Untrack forgets path: it is removed, or in its final place.
func Untrack(path string) {
	mu.Lock()
	delete(paths, path)
	mu.Unlock()
}

// MkdirTemp makes a temporary directory, as os.MkdirTemp does, and
// tracks it; Remove removes it.
func MkdirTemp(dir, pattern string) (string, error) {
	d, err := os.MkdirTemp(dir, pattern)
	if err == nil {
		Track(d)
	}
	return d, err
}

// Remove removes a tracked path and what it holds, and forgets it.
func Remove(path string) error {
	err := os.RemoveAll(path)
	Untrack(path)
	return err
}

// RemoveAll removes every tracked path. The lock stays held, so that no
// path is tracked after it: the process is about to exit.
func RemoveAll() {
	mu.Lock()
	for p := range paths {
		_ = os.RemoveAll(p)
	}
	paths = map[string]bool{}
}

// OnSignal makes an interrupt, a hangup or a termination remove every
// tracked path and exit with 128 plus the signal's number, as a shell
// reports a process a signal ended.
func OnSignal() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		s := <-c
		RemoveAll()
		code := 1
		if n, ok := s.(syscall.Signal); ok {
			code = 128 + int(n)
		}
		os.Exit(code)
	}()
}
