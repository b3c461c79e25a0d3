package report

import (
	"bytes"
	"sync"

	"github.com/kpreempt/kpreempt/internal/boundedio"
)

// Sources reads the files findings point into, each once, for the
// source lines of text output, fingerprints and suppression comments.
// A file that cannot be read has no lines; callers degrade gracefully.
type Sources struct {
	mu    sync.Mutex
	files map[string][]byte
}

// NewSources returns an empty cache.
func NewSources() *Sources { return &Sources{files: map[string][]byte{}} }

// Content returns the bytes of a file, nil if it cannot be read.
func (s *Sources) Content(path string) []byte {
	if s == nil || path == "" {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.files[path]
	if !ok {
		b, _ = boundedio.ReadFile(path, boundedio.SourceLimit)
		s.files[path] = b
	}
	return b
}

// Set gives a file's contents without reading it (a patched copy held in
// memory, or a file the caller has read already).
func (s *Sources) Set(path string, content []byte) {
	s.mu.Lock()
	s.files[path] = content
	s.mu.Unlock()
}

// Line returns line n (1-based) of a file without its line end, and
// whether there is such a line.
func (s *Sources) Line(path string, n int) (string, bool) {
	b := s.Content(path)
	if b == nil || n < 1 {
		return "", false
	}
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(b, '\n')
		if j < 0 {
			return "", false
		}
		b = b[j+1:]
	}
	if j := bytes.IndexByte(b, '\n'); j >= 0 {
		b = b[:j]
	} else if len(b) == 0 {
		return "", false
	}
	return string(bytes.TrimSuffix(b, []byte("\r"))), true
}
