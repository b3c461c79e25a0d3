package report

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// A Format renders a finished report. Every output kpreempt writes (text,
// JSON, SARIF, checkpatch, the per-maintainer digest) is one, chosen by
// name. The HTML site is a directory, not a stream: package report/html.
type Format interface {
	Write(w io.Writer, r *Result) error
}

// FormatFunc adapts a function to Format.
type FormatFunc func(w io.Writer, r *Result) error

// Write calls f.
func (f FormatFunc) Write(w io.Writer, r *Result) error { return f(w, r) }

// FormatOptions are what the formats need besides the report (which
// carries its source files); each format reads the part that concerns it.
type FormatOptions struct {
	Text       TextOptions
	SARIF      SARIFOptions
	Checkpatch CheckpatchOptions
	Digest     DigestOptions
}

var formats = map[string]func(FormatOptions) Format{
	"text": func(o FormatOptions) Format {
		return FormatFunc(func(w io.Writer, r *Result) error { return Text(w, r, o.Text) })
	},
	"json": func(FormatOptions) Format { return FormatFunc(JSON) },
	"sarif": func(o FormatOptions) Format {
		return FormatFunc(func(w io.Writer, r *Result) error { return SARIF(w, r, o.SARIF) })
	},
	"checkpatch": func(o FormatOptions) Format {
		return FormatFunc(func(w io.Writer, r *Result) error { return Checkpatch(w, r, r.Sources, o.Checkpatch) })
	},
	"digest": func(o FormatOptions) Format {
		return FormatFunc(func(w io.Writer, r *Result) error { return Digest(w, r, o.Digest) })
	},
}

// Formats lists the format names, sorted.
func Formats() []string {
	names := make([]string, 0, len(formats))
	for n := range formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// NewFormat returns the format called name.
func NewFormat(name string, opt FormatOptions) (Format, error) {
	mk, ok := formats[name]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (want %s)", name, strings.Join(Formats(), ", "))
	}
	return mk(opt), nil
}
