package cpp

import (
	"bytes"
	"strings"
)

// ctok is a token as the file cache stores it: 24 bytes, its text a slice of
// the file's spliced source. A header's tokens live as long as the Cache, so
// they are kept small; Token is built from them as they are read.
type ctok struct {
	off, n    uint32
	line, col int32
	sym       uint32 // Ident: its symbol
	text      uint32 // its spelling's number (in names for an Ident, else in spellings)
	kind      Kind
	flags     uint8 // cSpace, cBOL
}

const (
	cSpace uint8 = 1 << iota
	cBOL
)

// splice removes backslash-newlines (a backslash followed by blanks and a
// newline, as gcc accepts) and carriage returns before newlines. It returns
// the cleaned text and, for each physical line, the offset in the cleaned
// text where it starts, so that positions stay those of the file.
func splice(b []byte) (string, []int32) {
	lines := make([]int32, 1, len(b)/24+2)
	if bytes.IndexByte(b, '\r') < 0 && !hasSplice(b) {
		for i, c := range b {
			if c == '\n' {
				lines = append(lines, int32(i+1))
			}
		}
		return string(b), lines
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == '\r' && i+1 < len(b) && b[i+1] == '\n' {
			continue
		}
		if c == '\\' {
			j := i + 1
			for j < len(b) && (b[j] == ' ' || b[j] == '\t') {
				j++
			}
			if j+1 < len(b) && b[j] == '\r' && b[j+1] == '\n' {
				j++
			}
			if j < len(b) && b[j] == '\n' {
				i = j
				lines = append(lines, int32(len(out)))
				continue
			}
		}
		out = append(out, c)
		if c == '\n' {
			lines = append(lines, int32(len(out)))
		}
	}
	return string(out), lines
}

func hasSplice(b []byte) bool {
	for {
		i := bytes.IndexByte(b, '\\')
		if i < 0 {
			return false
		}
		j := i + 1
		for j < len(b) && (b[j] == ' ' || b[j] == '\t') {
			j++
		}
		if j < len(b) && b[j] == '\n' {
			return true
		}
		b = b[i+1:]
	}
}

// lexer turns spliced source into ctoks. Comments become white space; a
// newline inside a block comment does not end a line (a directive goes on).
type lexer struct {
	s     string
	lines []int32
	li    int
	toks  []ctok
	err   string // first problem: an unterminated comment
	errAt ctok
	// tooMany is set when the file has more than maxFileTokens tokens;
	// lexing stops there.
	tooMany bool
}

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$' || c >= 0x80
}

func isIdentChar(c byte) bool {
	return isIdentStart(c) || c >= '0' && c <= '9'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// ucnLen is the length of a universal character name (\uXXXX, \UXXXXXXXX)
// at i, 0 if there is none: identifiers may contain them.
func ucnLen(s string, i int) int {
	if i+1 >= len(s) || s[i] != '\\' || s[i+1] != 'u' && s[i+1] != 'U' {
		return 0
	}
	n := 6
	if s[i+1] == 'U' {
		n = 10
	}
	if i+n > len(s) {
		return 0
	}
	for j := i + 2; j < i+n; j++ {
		if !isDigitOf(s[j], 16) {
			return 0
		}
	}
	return n
}

// lineCol returns the physical line and column of a cleaned offset; offsets
// must be asked for in increasing order.
func (l *lexer) lineCol(off int) (int32, int32) {
	for l.li+1 < len(l.lines) && int(l.lines[l.li+1]) <= off {
		l.li++
	}
	return int32(l.li + 1), int32(off - int(l.lines[l.li]) + 1)
}

func (l *lexer) run() {
	s := l.s
	n := len(s)
	flags := cBOL | cSpace
	dirState := 0 // 1: after a '#' that starts a line; 2: after #include and the like
	for i := 0; i < n; {
		c := s[i]
		switch c {
		case '\n':
			flags = cBOL | cSpace
			dirState = 0
			i++
			continue
		case ' ', '\t', '\f', '\v', '\r', 0: // gcc ignores NULs
			flags |= cSpace
			i++
			continue
		case '/':
			if i+1 < n && s[i+1] == '*' {
				j := strings.Index(s[i+2:], "*/")
				if j < 0 {
					if l.err == "" {
						line, col := l.lineCol(i)
						l.err, l.errAt = "unterminated comment", ctok{line: line, col: col}
					}
					i = n
				} else {
					i += j + 4
				}
				flags |= cSpace
				continue
			}
			if i+1 < n && s[i+1] == '/' {
				j := strings.IndexByte(s[i:], '\n')
				if j < 0 {
					i = n
				} else {
					i += j
				}
				flags |= cSpace
				continue
			}
		}
		if len(l.toks) == maxFileTokens {
			l.tooMany = true
			return
		}
		start := i
		var kind Kind
		i, kind = scanToken(s, i, dirState == 2)
		line, col := l.lineCol(start)
		l.toks = append(l.toks, ctok{off: uint32(start), n: uint32(i - start), line: line, col: col, kind: kind, flags: flags})
		switch {
		case flags&cBOL != 0 && kind == Punct && s[start:i] == "#":
			dirState = 1
		case dirState == 1 && kind == Ident:
			switch s[start:i] {
			case "include", "include_next", "import":
				dirState = 2
			default:
				dirState = 0
			}
		case dirState == 2:
			dirState = 0
		}
		flags = 0
	}
}

// scanToken scans the token that starts at s[i] (not white space or a
// comment) and returns its end and kind. header asks for <...> to be a
// header name.
func scanToken(s string, i int, header bool) (int, Kind) {
	n := len(s)
	c := s[i]
	switch {
	case isIdentStart(c) || ucnLen(s, i) > 0:
		j := i + max(1, ucnLen(s, i))
		for j < n {
			if isIdentChar(s[j]) {
				j++
			} else if u := ucnLen(s, j); u > 0 {
				j += u
			} else {
				break
			}
		}
		if j < n && (s[j] == '"' || s[j] == '\'') {
			var kind Kind
			switch s[i:j] {
			case "L", "u", "U":
				kind = String
				if s[j] == '\'' {
					kind = Char
				}
			case "u8":
				if s[j] == '"' {
					kind = String
				}
			}
			if kind != 0 {
				end, ok := quoted(s, j)
				if !ok {
					kind = Other
				}
				return end, kind
			}
		}
		return j, Ident
	case isDigit(c) || c == '.' && i+1 < n && isDigit(s[i+1]):
		return ppNumber(s, i), Number
	case c == '"' || c == '\'':
		kind := String
		if c == '\'' {
			kind = Char
		}
		end, ok := quoted(s, i)
		if !ok {
			kind = Other // unterminated: gcc makes the rest of the line one CPP_OTHER
		}
		return end, kind
	case c == '<' && header:
		if j := strings.IndexAny(s[i:], ">\n"); j >= 0 && s[i+j] == '>' {
			return i + j + 1, HeaderName
		}
	}
	if m := punctLen(s[i:]); m > 0 {
		return i + m, Punct
	}
	return i + 1, Other
}

// quoted scans a string or character literal whose quote is at i and
// returns the offset after it; an unterminated one runs to the end of the
// line and ok is false.
func quoted(s string, i int) (end int, ok bool) {
	q := s[i]
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			if j+1 < len(s) && s[j+1] != '\n' {
				j++
			}
		case '\n':
			return j, false
		case q:
			return j + 1, true
		}
	}
	return len(s), false
}

// ppNumber scans a preprocessing number starting at i.
func ppNumber(s string, i int) int {
	j := i + 1
	for j < len(s) {
		c := s[j]
		switch {
		case (c == '+' || c == '-') && (s[j-1] == 'e' || s[j-1] == 'E' || s[j-1] == 'p' || s[j-1] == 'P'):
			j++
		case isIdentChar(c) || c == '.':
			j++
		default:
			return j
		}
	}
	return j
}

// punctLen returns the length of the punctuator at the start of s, 0 if
// there is none. Digraphs are recognised, as gcc does in C.
func punctLen(s string) int {
	if s == "" {
		return 0
	}
	c := s[0]
	at := func(i int) byte {
		if i < len(s) {
			return s[i]
		}
		return 0
	}
	c1 := at(1)
	switch c {
	case '[', ']', '(', ')', '{', '}', ';', ',', '?', '~':
		return 1
	case '.':
		if c1 == '.' && at(2) == '.' {
			return 3
		}
		return 1
	case '-':
		if c1 == '>' || c1 == '-' || c1 == '=' {
			return 2
		}
		return 1
	case '+', '&', '|':
		if c1 == c || c1 == '=' {
			return 2
		}
		return 1
	case '*', '/', '!', '=', '^':
		if c1 == '=' {
			return 2
		}
		return 1
	case '%':
		if c1 == ':' {
			if at(2) == '%' && at(3) == ':' {
				return 4
			}
			return 2
		}
		if c1 == '=' || c1 == '>' {
			return 2
		}
		return 1
	case '<':
		if c1 == '<' {
			if at(2) == '=' {
				return 3
			}
			return 2
		}
		if c1 == '=' || c1 == ':' || c1 == '%' {
			return 2
		}
		return 1
	case '>':
		if c1 == '>' {
			if at(2) == '=' {
				return 3
			}
			return 2
		}
		if c1 == '=' {
			return 2
		}
		return 1
	case '#':
		if c1 == '#' {
			return 2
		}
		return 1
	case ':':
		if c1 == '>' {
			return 2
		}
		return 1
	}
	return 0
}

// lexOne lexes s as a single token, for ##: ok is false unless s is
// exactly one token.
func lexOne(s string) (Kind, bool) {
	if s == "" || strings.HasPrefix(s, "//") || strings.HasPrefix(s, "/*") {
		return 0, false
	}
	switch s[0] {
	case ' ', '\t', '\f', '\v', '\r', '\n', 0:
		return 0, false
	}
	end, kind := scanToken(s, 0, false)
	if end != len(s) || kind == Other && len(s) > 1 {
		return 0, false
	}
	return kind, true
}
