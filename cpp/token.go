package cpp

import (
	"fmt"
	"strconv"
)

// Kind is the class of a preprocessing token.
type Kind uint8

// Token kinds. Placemarker, HeaderName and EOF never appear in a Result.
const (
	Ident Kind = iota + 1
	Number
	String // "..." with any prefix (L, u, U, u8)
	Char   // '...' with any prefix
	Punct
	Other // a byte that begins no other token, or an unterminated quote (to the end of its line)

	Placemarker // an empty macro argument next to ##
	HeaderName  // <...> after #include or __has_include(
	EOF         // end of an argument, a directive or a file
)

var kindNames = [...]string{"?", "Ident", "Number", "String", "Char", "Punct", "Other", "Placemarker", "HeaderName", "EOF"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Pos is a position in a file: 1-based line and byte column. 32 bits
// each, as the lexer counts them: every token carries one, and a large
// unit's output is millions of tokens.
type Pos struct {
	File      string
	Line, Col int32
}

func (p Pos) String() string {
	switch {
	case p.Line > 0:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	case p.File != "":
		return p.File
	}
	return "-"
}

// Token is one preprocessing token of the output.
//
// It holds no pointer (see the tables in intern.go): its spelling and file
// are numbers in the process's tables, its expansion the Expansion's number
// in its unit (Result.Expansion). That keeps it at 28 bytes, and a unit's
// millions of them out of the collector's way.
type Token struct {
	Kind    Kind
	Space   bool // preceded by white space in the output
	FromArg bool // substituted for a parameter of its macro: Pos is where the argument was written
	flags   uint8
	sym     uint32 // Ident: interned name; a parameter in a macro body: its index
	text    uint32 // spelling: its number in names (Ident) or spellings
	// Pos: where it was spelled; in a macro body, the body's position.
	line, col int32
	file      uint32 // in fileNames
	// exp is the id of the innermost macro expansion that produced it; 0
	// if it comes straight from a file.
	exp uint32
}

// Text is the token's spelling.
func (t Token) Text() string {
	if t.Kind == Ident {
		return names.at(t.text)
	}
	return spellings.at(t.text)
}

// Name is an identifier's number, the same for every identifier spelled
// alike in the process, below NameCount() once the token exists: a unit's
// names index a slice where a map of strings would hash each. 0 for any
// other token.
func (t Token) Name() uint32 {
	if t.Kind == Ident {
		return t.text
	}
	return 0
}

// NameCount is one more than the largest number Name has given so far.
func NameCount() int { return names.len() }

// SetText gives the token the spelling s, which must be of its Kind.
func (t *Token) SetText(s string) {
	if t.Kind == Ident {
		t.text = names.id(s)
		t.sym = t.text
		return
	}
	t.text = spellings.id(s)
}

// Pos is where the token was spelled; in a macro body, the body's position.
func (t Token) Pos() Pos {
	return Pos{File: fileNames.at(t.file), Line: t.line, Col: t.col}
}

// at gives t the position of o.
func (t *Token) at(o Token) { t.line, t.col, t.file = o.line, o.col, o.file }

// Token flags.
const (
	fBOL       uint8 = 1 << iota // first token of a source line
	fNoExpand                    // an identifier met while its macro was disabled: never expanded again
	fPasteLeft                   // in a macro body: followed by ##
	fParam                       // in a macro body: a parameter (sym is its index)
	fStringify                   // in a macro body: a parameter preceded by #
	fVaOpt                       // in a macro body: __VA_OPT__ of a variadic macro
	fVariant                     // output: read in variant code (Config.Watch)
)

// Variant reports whether the token was output where a conditional group
// testing a watched macro was open (Config.Watch): another configuration
// compiles that code differently, or not at all. Tokens of a macro defined
// there are marked by their Expansion instead.
func (t Token) Variant() bool { return t.flags&fVariant != 0 }

func (t Token) String() string { return t.Text() }

// Expansion is one macro invocation. Expansions are shared: every token an
// invocation produced names the same record (Result.Expansion).
type Expansion struct {
	Name string
	Pos  Pos      // where the macro name was written (for a nested expansion: the name token's Pos)
	Args []string // arguments as written, white space collapsed; nil for object-like macros
	// Parent is the expansion whose result contained this invocation, or,
	// for an invocation written in a macro argument, the expansion that
	// argument belongs to; nil for an invocation written in a file.
	Parent *Expansion
	// Variant is set when the macro was defined in variant code (see
	// Config.Watch): another configuration may define it otherwise.
	Variant bool

	// loc is the expansion the name token came from, before arguments were
	// relabelled: gcc resolves __LINE__ through this chain.
	loc *Expansion
	id  uint32 // creation order within a unit
}

// Chain returns the expansions from the outermost to e.
func (e *Expansion) Chain() []*Expansion {
	n := 0
	for x := e; x != nil; x = x.Parent {
		n++
	}
	r := make([]*Expansion, n)
	for x := e; x != nil; x = x.Parent {
		n--
		r[n] = x
	}
	return r
}

func (e *Expansion) String() string {
	if e == nil {
		return "<nil>"
	}
	return e.Name + "@" + e.Pos.String()
}
