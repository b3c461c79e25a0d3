package cparse

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"modernc.org/cc/v4"

	"github.com/kpreempt/kpreempt/cpp"
)

// chainOrigins reads provenance off kpreempt's preprocessor: the parser
// sees the preprocessor's text, and every parser token maps back, by its
// offset in that text, to a preprocessor token that knows its spelling
// position and the chain of macro expansions it came from.
type chainOrigins struct {
	name    string // the parser's name for the preprocessed text
	text    []byte
	toks    []cpp.Token
	offsets []int32
	frameOf map[*cpp.Expansion]*frame
	// res has the expansions, and the expanded arguments of lock
	// primitives' invocations (cpp.Result.Expanded).
	res *cpp.Result
}

func newChainOrigins(text []byte, toks []cpp.Token, offsets []int32, name string, res *cpp.Result) *chainOrigins {
	return &chainOrigins{name: name, text: text, toks: toks, offsets: offsets, frameOf: map[*cpp.Expansion]*frame{}, res: res}
}

func (o *chainOrigins) ref(t cc.Token) tokRef {
	if !has(t) {
		return 0
	}
	p := t.Position()
	if p.Filename != o.name {
		return 0
	}
	off := int32(p.Offset)
	i := sort.Search(len(o.offsets), func(i int) bool { return o.offsets[i] >= off })
	if i < len(o.offsets) && o.offsets[i] == off {
		return tokRef(i + 1)
	}
	return 0
}

// at is the preprocessor's token r names, nil for none.
func (o *chainOrigins) at(r tokRef) *cpp.Token {
	if r == 0 {
		return nil
	}
	return &o.toks[r-1]
}

func (o *chainOrigins) where(t cc.Token) Pos        { return o.whereRef(o.ref(t)) }
func (o *chainOrigins) variant(t cc.Token) bool     { return o.variantRef(o.ref(t)) }
func (o *chainOrigins) userWritten(t cc.Token) bool { return o.userWrittenRef(o.ref(t)) }
func (o *chainOrigins) frames(t cc.Token) []*frame  { return o.framesRef(o.ref(t)) }
func (o *chainOrigins) spelling(t cc.Token) Pos     { return o.spellingRef(o.ref(t)) }
func (o *chainOrigins) variantRef(r tokRef) bool    { tk := o.at(r); return tk != nil && tk.Variant() }

func toPos(p cpp.Pos) Pos { return Pos{File: p.File, Line: int(p.Line), Col: int(p.Col)} }

// whereRef reports a token where the user wrote what produced it: the
// outermost macro invocation, or the token itself when it was written in
// the same file as an argument of that invocation.
func (o *chainOrigins) whereRef(r tokRef) Pos {
	tk := o.at(r)
	if tk == nil {
		return Pos{}
	}
	e := o.res.Expansion(*tk)
	if e == nil {
		return toPos(tk.Pos())
	}
	outer := e.Chain()[0]
	if at := tk.Pos(); tk.FromArg && at.File == outer.Pos.File {
		return toPos(at)
	}
	return toPos(outer.Pos)
}

func (o *chainOrigins) spellingRef(r tokRef) Pos {
	if tk := o.at(r); tk != nil {
		return toPos(tk.Pos())
	}
	return Pos{}
}

func (o *chainOrigins) userWrittenRef(r tokRef) bool {
	tk := o.at(r)
	if tk == nil {
		return false
	}
	e := o.res.Expansion(*tk)
	if e == nil {
		return true
	}
	outer := e.Chain()[0]
	at := tk.Pos()
	return tk.FromArg && at.File == outer.Pos.File && !toPos(at).Before(toPos(outer.Pos))
}

func (o *chainOrigins) framesRef(r tokRef) []*frame {
	tk := o.at(r)
	if tk == nil {
		return nil
	}
	chain := o.res.Expansion(*tk).Chain()
	if len(chain) == 0 {
		return nil
	}
	fs := make([]*frame, len(chain))
	for i, e := range chain {
		f, ok := o.frameOf[e]
		if !ok {
			f = &frame{name: e.Name, pos: toPos(e.Pos), args: splitVariadic(e.Args), variant: e.Variant}
			if x := o.res.Expanded[e]; x != nil && len(x) == len(e.Args) {
				f.expanded = splitVariadic(x)
			}
			o.frameOf[e] = f
		}
		fs[i] = f
	}
	return fs
}

// explain turns a parser error, whose position is in the preprocessed
// text, into one line naming the place in the user's files.
func (o *chainOrigins) explain(err error) string {
	msg := firstLine(err.Error())
	prefix := o.name + ":"
	rest, ok := strings.CutPrefix(msg, prefix)
	if !ok {
		return msg
	}
	// rest is "line:col: message"
	parts := strings.SplitN(rest, ":", 3)
	if len(parts) != 3 {
		return msg
	}
	line, err1 := strconv.Atoi(parts[0])
	col, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil {
		return msg
	}
	// Find the token at that line and column of the text.
	off := o.offsetOf(line, col)
	i := sort.Search(len(o.offsets), func(i int) bool { return o.offsets[i] >= off })
	if i >= len(o.toks) {
		return strings.TrimSpace(parts[2])
	}
	tk := &o.toks[i]
	where := tk.Pos()
	via := ""
	if e := o.res.Expansion(*tk); e != nil {
		chain := e.Chain()
		where = chain[0].Pos
		via = " (in the expansion of " + chain[0].Name + ")"
	}
	return fmt.Sprintf("%s:%d:%d:%s%s", where.File, where.Line, where.Col, parts[2], via)
}

// offsetOf converts a 1-based line and column of the preprocessed text
// into a byte offset.
func (o *chainOrigins) offsetOf(line, col int) int32 {
	off := 0
	for l := 1; l < line && off < len(o.text); l++ {
		i := bytes.IndexByte(o.text[off:], '\n')
		if i < 0 {
			return int32(len(o.text))
		}
		off += i + 1
	}
	return int32(off + col - 1)
}

// splitVariadic splits the arguments that a variadic macro received as one
// (kmalloc_array(...) is alloc_hooks(kmalloc_array_noprof(__VA_ARGS__)))
// at their top-level commas, so that argument positions are those of the
// call as written. Only a variadic parameter can hold a top-level comma,
// so splitting every argument is safe.
func splitVariadic(args []string) []string {
	var out []string
	split := false
	for i, a := range args {
		parts := splitTopLevel(a)
		if len(parts) > 1 && !split {
			split = true
			out = append(out, args[:i]...)
		}
		if split {
			out = append(out, parts...)
		}
	}
	if !split {
		return args
	}
	return out
}

func splitTopLevel(s string) []string {
	var parts []string
	depth, start := 0, 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '(' || c == '[' || c == '{':
			depth++
		case c == ')' || c == ']' || c == '}':
			depth--
		case c == ',' && depth == 0:
			parts = append(parts, strings.TrimSpace(s[start:i]))
			start = i + 1
		}
	}
	return append(parts, strings.TrimSpace(s[start:]))
}
