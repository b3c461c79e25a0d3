package cparse

import (
	"strings"
	"unicode/utf8"

	"modernc.org/cc/v4"
)

// frame is one macro expansion a token came from.
type frame struct {
	name string
	pos  Pos
	args []string // as written, whitespace collapsed; nil for object-like
	// expanded are the arguments fully macro-expanded, where the
	// preprocessor kept them (cpp.Config.ExpandedArgs), else nil.
	expanded []string
	// variant: the macro was defined in variant code (cpp.Expansion.Variant)
	variant bool
}

// origins answers, for a parsed token, where to report it and which macro
// expansions produced it. It is the one place that knows how provenance is
// obtained, so that the source can be swapped.
type origins interface {
	// where returns the position to report for t: for a token produced by a
	// macro, the invocation the user wrote.
	where(t cc.Token) Pos
	// frames returns the expansions that produced t, outermost first. The
	// same expansion is the same *frame for all its tokens.
	frames(t cc.Token) []*frame
	// userWritten reports whether t was written in a file the user wrote,
	// directly or as a macro argument, rather than by a macro definition.
	userWritten(t cc.Token) bool
	// spelling returns where t itself was spelled (in a macro body: there).
	spelling(t cc.Token) Pos
	// variant reports whether t was read in variant code
	// (cpp.Token.Variant).
	variant(t cc.Token) bool

	// ref names t for the questions below, in 4 bytes where t takes 40
	// (a unit's spans name millions of tokens): 0 for a token of no file
	// the unit read.
	ref(t cc.Token) tokRef
	// whereRef, framesRef, userWrittenRef and variantRef are where,
	// frames, userWritten and variant of the token ref named.
	whereRef(r tokRef) Pos
	framesRef(r tokRef) []*frame
	userWrittenRef(r tokRef) bool
	variantRef(r tokRef) bool
}

// tokRef names a parsed token (origins.ref); 0 names none.
type tokRef int32

func isIdentByte(c byte, first bool) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || !first && c >= '0' && c <= '9' || c >= utf8.RuneSelf
}

// macroArgs reads a parenthesised argument list starting at or after off,
// splitting on top-level commas. It returns nil when no '(' follows.
func macroArgs(src []byte, off int) []string {
	i := skipSpace(src, off)
	if i >= len(src) || src[i] != '(' {
		return nil
	}
	var args []string
	var cur strings.Builder
	depth := 0
	space := false
	flush := func() { args = append(args, strings.TrimSpace(cur.String())); cur.Reset() }
	for i++; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '"' || c == '\'':
			j := skipQuoted(src, i)
			cur.Write(src[i:j])
			i = j - 1
			continue
		case c == '/' && i+1 < len(src) && (src[i+1] == '*' || src[i+1] == '/'):
			i = skipSpace(src, i) - 1
			space = true
			continue
		case c == '\\' && i+1 < len(src) && src[i+1] == '\n':
			i++
			continue
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			space = true
			continue
		case c == '(' || c == '[' || c == '{':
			depth++
		case c == ')' || c == ']' || c == '}':
			if depth == 0 {
				if cur.Len() > 0 || len(args) > 0 {
					flush()
				}
				return args
			}
			depth--
		case c == ',' && depth == 0:
			flush()
			space = false
			continue
		}
		if space && cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		space = false
		cur.WriteByte(c)
	}
	return args // unterminated: what was read
}

func skipSpace(src []byte, i int) int {
	for i < len(src) {
		switch {
		case src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r':
			i++
		case src[i] == '\\' && i+1 < len(src) && src[i+1] == '\n':
			i += 2
		case src[i] == '/' && i+1 < len(src) && src[i+1] == '*':
			end := strings.Index(string(src[i+2:]), "*/")
			if end < 0 {
				return len(src)
			}
			i += end + 4
		case src[i] == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		default:
			return i
		}
	}
	return i
}

func skipQuoted(src []byte, i int) int {
	q := src[i]
	for i++; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case q:
			return i + 1
		case '\n':
			return i
		}
	}
	return i
}
