package cpp

import (
	"strings"
	"sync"
	"sync/atomic"
)

// A token holds no pointer: its spelling, its file and its expansion are
// numbers (see Token). Tokens are most of what a unit allocates, and copied
// again at every expansion; without pointers the collector neither scans
// them nor runs write barriers while they are copied. Spellings and file
// names are numbered in tables shared by the whole process: the kernel's
// headers give every unit the same ones, so the tables grow with the
// distinct spellings of the tree (a few MB of text made by # and ## over
// kernel/, most of it the same in every unit), not with its tokens.
var (
	names     = newTable(fixedNames[:])  // identifiers: an identifier's number is its symbol
	spellings = newTable(punctuators[:]) // every other token's spelling
	fileNames = newTable([]string{""})   // 0: no file
)

// punctuators are numbered first: their spellings stay in the first page,
// which the tokens most often compared read.
var punctuators = [...]string{"", "[", "]", "(", ")", "{", "}", ".", "->", "++", "--", "&", "*", "+", "-",
	"~", "!", "/", "%", "<<", ">>", "<", ">", "<=", ">=", "==", "!=", "^", "|", "&&", "||", "?", ":",
	";", "...", "=", "*=", "/=", "%=", "+=", "-=", "<<=", ">>=", "&=", "^=", "|=", ",", "#", "##",
	"<:", ":>", "<%", "%>", "%:", "%:%:"}

// Spelling is a spelling's number: a token compares with it without
// reading its text (Token.Is).
type Spelling struct {
	ident bool
	id    uint32
}

// SpellingOf is the Spelling of s as a token of kind k spells it.
func SpellingOf(k Kind, s string) Spelling {
	if k == Ident {
		return Spelling{true, names.id(s)}
	}
	return Spelling{false, spellings.id(s)}
}

// Is reports whether t is spelled s.
func (t Token) Is(s Spelling) bool { return t.text == s.id && (t.Kind == Ident) == s.ident }

// table numbers strings in the order they are first seen. Reading a
// number's string takes no lock: the strings are kept in pages that never
// move, and a number is only ever handed out after its string is stored.
type table struct {
	mu    sync.RWMutex
	ids   map[string]uint32
	n     uint32
	pages atomic.Pointer[[]*page]
}

const pageBits = 12

type page [1 << pageBits]string

func newTable(first []string) *table {
	t := &table{ids: map[string]uint32{}}
	t.pages.Store(&[]*page{})
	t.mu.Lock()
	for _, s := range first {
		t.add(s)
	}
	t.mu.Unlock()
	return t
}

// at returns the string numbered i.
func (t *table) at(i uint32) string {
	return (*t.pages.Load())[i>>pageBits][i&(1<<pageBits-1)]
}

// id returns the number of s, adding it if new.
func (t *table) id(s string) uint32 {
	t.mu.RLock()
	i, ok := t.ids[s]
	t.mu.RUnlock()
	if ok {
		return i
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.idLocked(s)
}

// idBytes is id for a spelling being built: the string is made only when new.
func (t *table) idBytes(b []byte) uint32 {
	t.mu.RLock()
	i, ok := t.ids[string(b)]
	t.mu.RUnlock()
	if ok {
		return i
	}
	return t.id(string(b))
}

func (t *table) idLocked(s string) uint32 {
	if i, ok := t.ids[s]; ok {
		return i
	}
	return t.add(strings.Clone(s)) // the key must not pin a whole source text
}

func (t *table) add(s string) uint32 {
	i := t.n
	pages := *t.pages.Load()
	if int(i>>pageBits) == len(pages) {
		grown := append(pages[:len(pages):len(pages)], new(page))
		t.pages.Store(&grown)
		pages = grown
	}
	pages[i>>pageBits][i&(1<<pageBits-1)] = s
	t.ids[s] = i
	t.n++
	return i
}

func (t *table) len() int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return int(t.n)
}
