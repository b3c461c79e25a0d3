package rules

import (
	"fmt"
	"strings"
)

// Page renders the rule's documentation as plain text: what `kpreempt
// explain` prints and what SARIF carries as the rule's help text.
func (r *Rule) Page() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n\n", r.ID, r.Summary)
	fmt.Fprintf(&b, "%s\n\n", r.Doc)
	fmt.Fprintf(&b, "%s\n\n", wrap(r.Kernels(), 84))
	fmt.Fprintf(&b, "%s\n\n", wrap(r.Precision().String(), 84))
	fmt.Fprintf(&b, "It enforces %s:\n\n", r.Source)
	indent(&b, r.Quote)
	b.WriteString("\nFlagged:\n\n")
	indent(&b, r.Bad)
	b.WriteString("\nFixed:\n\n")
	indent(&b, r.Good)
	return b.String()
}

// Markdown renders the same page as Markdown, for code-scanning viewers.
func (r *Rule) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s\n\n%s\n\n%s\n\n%s\n\n", r.ID, r.Summary, r.Doc, r.Kernels(), r.Precision())
	fmt.Fprintf(&b, "It enforces %s:\n\n", r.Source)
	for _, l := range strings.Split(strings.TrimRight(r.Quote, "\n"), "\n") {
		fmt.Fprintf(&b, "> %s\n", l)
	}
	fmt.Fprintf(&b, "\n## Flagged\n\n```c\n%s\n```\n", strings.TrimRight(r.Bad, "\n"))
	fmt.Fprintf(&b, "\n## Fixed\n\n```c\n%s\n```\n", strings.TrimRight(r.Good, "\n"))
	return b.String()
}

// Kernels says which kinds of kernel the rule's findings hold on.
func (r *Rule) Kernels() string {
	if r.ModelNote != "" {
		return r.ModelNote
	}
	if r.Model == RTModel {
		return "Its findings hold on PREEMPT_RT kernels (model \"rt\"); a run for the classic model (--model classic) leaves them out."
	}
	return "Its findings hold on every kernel, with PREEMPT_RT or without (model \"both\"), except one made where IS_ENABLED(CONFIG_PREEMPT_RT) decides, which names its kind."
}

func indent(b *strings.Builder, text string) {
	for _, l := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		fmt.Fprintf(b, "    %s\n", l)
	}
}

// wrap breaks text into lines of at most width bytes, at spaces.
func wrap(text string, width int) string {
	var b strings.Builder
	n := 0
	for _, w := range strings.Fields(text) {
		if n > 0 && n+1+len(w) > width {
			b.WriteByte('\n')
			n = 0
		} else if n > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(w)
		n += len(w)
	}
	return b.String()
}
