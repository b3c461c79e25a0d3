package cpp

import (
	"container/list"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"syscall"

	"github.com/kpreempt/kpreempt/internal/boundedio"
)

// Cache holds what does not depend on a translation unit: files read,
// tokenised and split into directives once, and the macros they define. It is safe for concurrent use.
//
// Files are keyed by the path as the include search forms it, so the process's
// working directory must not change while a Cache is in use; a file is read
// once while it stays in the Cache (edits made afterwards are not seen).
//
// With a limit (SetLimit), the files least recently used leave the Cache
// when the memory of those read passes it: a run over a whole tree reads
// thousands of headers, of which a unit uses a few hundred, and keeping
// them all made the cache grow with the tree, not with the units at work.
type Cache struct {
	mu     sync.Mutex
	files  map[fileKey]*fileEntry
	incs   map[incKey]string // the path formed for a name in a directory
	lru    list.List         // files read, most recently used first
	size   int64             // their cost
	limit  int64             // 0: none
	fss    []fs.FS
	predef map[string]*file

	builtins map[uint32]*macro
}

type fileKey struct {
	fs   int
	path string
}

// incKey is a name looked up in a directory: the include search asks the
// same questions unit after unit, and the key spares forming the path.
type incKey struct {
	fs        int
	dir, name string
}

type fileEntry struct {
	key  fileKey
	once sync.Once
	f    *file
	err  error
	// Under Cache.mu: the entry's place in the LRU list, nil until it
	// is read, and its cost.
	elem *list.Element
	cost int64
}

// costPerByte estimates the memory of a file read, tokenised and split
// into directives per byte of its source (measured on kernel headers:
// the tokens, the items and the macros defined, about 6x the text).
const costPerByte = 6

// SetLimit bounds the memory of the files kept, in bytes (0: no bound).
func (c *Cache) SetLimit(bytes int64) {
	c.mu.Lock()
	c.limit = bytes
	c.evict(nil)
	c.mu.Unlock()
}

// used records a use of an entry read: it moves to the front of the LRU
// list, and the least recently used entries leave past the limit. c.mu
// held.
func (c *Cache) used(e *fileEntry) {
	if e.elem != nil {
		c.lru.MoveToFront(e.elem)
		return
	}
	if c.files[e.key] != e {
		return // evicted while it was read
	}
	e.cost = 256
	if e.f != nil {
		e.cost += costPerByte * int64(len(e.f.src))
	}
	e.elem = c.lru.PushFront(e)
	c.size += e.cost
	c.evict(e)
}

// evict drops the least recently used entries, not keep, while the size
// is over the limit. c.mu held.
func (c *Cache) evict(keep *fileEntry) {
	for c.limit > 0 && c.size > c.limit {
		back := c.lru.Back()
		if back == nil {
			return
		}
		e := back.Value.(*fileEntry)
		if e == keep {
			return
		}
		c.lru.Remove(back)
		e.elem = nil
		c.size -= e.cost
		delete(c.files, e.key)
	}
}

// Identifiers the preprocessor itself looks at, interned first so that
// their symbols are constants.
const (
	symDefined uint32 = iota + 1
	symVAArgs
	symVAOpt
	symPragma
	symLine
	symFile
	symBaseFile
	symCounter
	symIncludeLevel
	symDate
	symTime
	symTimestamp
	symHasInclude
	symHasIncludeNext
	symHasAttribute
	symHasCPPAttribute
	symHasBuiltin
	symHasFeature
	symHasExtension
	symOnce
	symPushMacro
	symPopMacro
	numFixedSyms
)

var fixedNames = [...]string{
	"", "defined", "__VA_ARGS__", "__VA_OPT__", "_Pragma", "__LINE__", "__FILE__", "__BASE_FILE__",
	"__COUNTER__", "__INCLUDE_LEVEL__", "__DATE__", "__TIME__", "__TIMESTAMP__",
	"__has_include", "__has_include_next", "__has_attribute", "__has_cpp_attribute",
	"__has_builtin", "__has_feature", "__has_extension", "once", "push_macro", "pop_macro",
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	c := &Cache{
		files:    map[fileKey]*fileEntry{},
		incs:     map[incKey]string{},
		predef:   map[string]*file{},
		builtins: map[uint32]*macro{},
	}
	for sym := symPragma; sym <= symHasBuiltin; sym++ {
		c.builtins[sym] = &macro{name: names.at(sym), sym: sym, builtin: true}
	}
	return c
}

// intern returns the symbol of an identifier, adding it if new.
func (c *Cache) intern(s string) uint32 { return names.id(s) }

// internPair returns the symbol of the identifier a+b.
func (c *Cache) internPair(a, b string) uint32 {
	var buf [64]byte
	return names.idBytes(append(append(buf[:0], a...), b...))
}

// internAll numbers the spelling of every token of a freshly lexed file,
// under one lock per table: an identifier's is its symbol.
func (c *Cache) internAll(src string, toks []ctok) {
	for _, tb := range [...]*table{names, spellings} {
		tb.mu.Lock()
		for i := range toks {
			t := &toks[i]
			if (t.kind == Ident) != (tb == names) {
				continue
			}
			t.text = tb.idLocked(src[t.off : t.off+t.n])
			if t.kind == Ident {
				t.sym = t.text
			}
		}
		tb.mu.Unlock()
	}
}

func (c *Cache) numSyms() int { return names.len() }

// fsID numbers an overlay file system so that files read through different
// overlays are cached apart. Values that cannot be compared get a fresh
// number: nothing is shared for them.
func (c *Cache) fsID(f fs.FS) int {
	if f == nil {
		return 0
	}
	v := reflect.ValueOf(f)
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, g := range c.fss {
		if sameFS(v, reflect.ValueOf(g)) {
			return i + 1
		}
	}
	c.fss = append(c.fss, f)
	return len(c.fss)
}

func sameFS(a, b reflect.Value) bool {
	if a.Type() != b.Type() {
		return false
	}
	switch a.Kind() {
	case reflect.Map, reflect.Pointer, reflect.Func, reflect.Chan, reflect.Slice, reflect.UnsafePointer:
		return a.Pointer() == b.Pointer()
	}
	return a.Comparable() && b.Comparable() && a.Equal(b)
}

var errNotFound = errors.New("no such file or directory")

// load returns the file at path, read and tokenised once; errNotFound if it
// does not exist.
func (c *Cache) load(fsys fs.FS, fsid int, path string) (*file, error) {
	c.mu.Lock()
	e := c.entry(fsid, path)
	c.mu.Unlock()
	return c.loadEntry(e, fsys, path)
}

// entry returns the entry of a path, c.mu held.
func (c *Cache) entry(fsid int, path string) *fileEntry {
	key := fileKey{fsid, path}
	e := c.files[key]
	if e == nil {
		e = &fileEntry{key: key}
		c.files[key] = e
	}
	return e
}

// entryIn returns the entry of name in directory dir, and its path.
func (c *Cache) entryIn(fsid int, dir, name string) (*fileEntry, string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if path, ok := c.incs[incKey{fsid, dir, name}]; ok {
		return c.entry(fsid, path), path
	}
	path := joinPath(dir, name)
	e := c.entry(fsid, path)
	c.incs[incKey{fsid, strings.Clone(dir), strings.Clone(name)}] = path
	return e, path
}

func (c *Cache) loadEntry(e *fileEntry, fsys fs.FS, path string) (*file, error) {
	e.once.Do(func() {
		var b []byte
		b, e.err = readFile(fsys, path)
		if e.err == nil {
			e.f = c.parse(path, b)
		}
	})
	c.mu.Lock()
	c.used(e)
	c.mu.Unlock()
	return e.f, e.err
}

// readFile reads a source file or header. Only regular files are read,
// and none larger than boundedio.SourceLimit: a FIFO or /dev/stdin would
// block, /dev/zero would never end.
func readFile(fsys fs.FS, path string) ([]byte, error) {
	if fsys != nil {
		b, err := boundedio.ReadFS(fsys, filepath.ToSlash(path), boundedio.SourceLimit)
		if err == nil {
			return b, nil
		}
		if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, fs.ErrInvalid) {
			return nil, unwrapPath(err)
		}
	}
	b, err := boundedio.ReadFile(path, boundedio.SourceLimit)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) || errors.Is(err, syscall.EISDIR) {
			return nil, errNotFound
		}
		return nil, unwrapPath(err)
	}
	return b, nil
}

// unwrapPath drops the path and operation of a *fs.PathError: the caller
// names the file.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// file is a source file split into text runs and directives.
type file struct {
	name   string
	nameID uint32 // in fileNames
	src    string
	items  []item
	guard  uint32 // the include guard macro, 0 if the file has none
	err    *Error // a structural problem (unterminated #if, comment), reported when the file is read
	fatal  bool   // err is a limit the file exceeds: it is not read at all
	toks   []ctok
}

type dirKind uint8

const (
	dText dirKind = iota
	dDefine
	dUndef
	dInclude
	dIncludeNext
	dIf
	dIfdef
	dIfndef
	dElif
	dElifdef
	dElifndef
	dElse
	dEndif
	dLine
	dError
	dPragma
	dIgnore // #warning, #ident, #sccs, #assert, #unassert, the null directive
	dInvalid
)

var dirNames = map[string]dirKind{
	"define": dDefine, "undef": dUndef, "include": dInclude, "include_next": dIncludeNext, "import": dInclude,
	"if": dIf, "ifdef": dIfdef, "ifndef": dIfndef, "elif": dElif, "elifdef": dElifdef, "elifndef": dElifndef,
	"else": dElse, "endif": dEndif, "line": dLine, "error": dError, "pragma": dPragma,
	"warning": dIgnore, "ident": dIgnore, "sccs": dIgnore, "assert": dIgnore, "unassert": dIgnore,
}

// item is a run of text lines or one directive.
type item struct {
	kind dirKind
	toks []ctok // the text, or the directive's operands (after its name)
	hash ctok   // the directive's '#'
	name string // the directive's name
	// next links a conditional group to the next #elif/#else/#endif of the
	// same #if: skipping a group is one jump.
	next  int32
	macro *macro // #define
	msg   string // #define: why the definition is invalid; #error: its text
}

// parse tokenises a file and splits it into items.
func (c *Cache) parse(name string, b []byte) *file {
	f := &file{name: name, nameID: fileNames.id(name)}
	if len(b) >= math.MaxUint32 {
		f.err, f.fatal = &Error{Pos: Pos{File: name}, Msg: "file too large"}, true
		return f
	}
	src, lines := splice(b)
	l := lexer{s: src, lines: lines}
	l.run()
	if l.tooMany {
		f.err, f.fatal = &Error{Pos: Pos{File: name}, Msg: fmt.Sprintf("file has more than %d tokens", maxFileTokens)}, true
		return f
	}
	f.src = src
	c.internAll(src, l.toks)
	f.toks = l.toks
	if l.err != "" {
		f.err = &Error{Pos: Pos{File: name, Line: l.errAt.line, Col: l.errAt.col}, Msg: l.err}
	}
	f.itemize(c)
	return f
}

func (f *file) text(t ctok) string { return f.src[t.off : t.off+t.n] }

func (f *file) pos(t ctok) Pos { return Pos{File: f.name, Line: t.line, Col: t.col} }

// token builds the Token of a stored token.
func (f *file) token(t ctok) Token {
	tok := Token{Kind: t.kind, Space: t.flags&cSpace != 0, sym: t.sym, text: t.text,
		line: t.line, col: t.col, file: f.nameID}
	if t.flags&cBOL != 0 {
		tok.flags = fBOL
	}
	return tok
}

func (f *file) itemize(c *Cache) {
	toks := f.toks
	var open []int32 // indices of the conditionals whose #endif is not yet seen
	var last []int32 // for each open conditional, its latest #if/#elif/#else
	var sawElse []bool
	structErr := func(t ctok, msg string) {
		if f.err == nil {
			f.err = &Error{Pos: f.pos(t), Msg: msg}
		}
	}
	for i := 0; i < len(toks); {
		t := toks[i]
		if t.flags&cBOL == 0 || t.kind != Punct || f.text(t) != "#" {
			j := i + 1
			for j < len(toks) && !(toks[j].flags&cBOL != 0 && toks[j].kind == Punct && f.text(toks[j]) == "#") {
				j++
			}
			f.items = append(f.items, item{kind: dText, toks: toks[i:j:j]})
			i = j
			continue
		}
		j := i + 1
		for j < len(toks) && toks[j].flags&cBOL == 0 {
			j++
		}
		it := item{hash: t, toks: toks[i+1 : j : j]}
		i = j
		if len(it.toks) == 0 {
			it.kind = dIgnore
		} else if n := it.toks[0]; n.kind == Number {
			it.kind, it.name = dLine, "line" // a line marker: # 33 "file"
		} else {
			it.name = f.text(n)
			k, ok := dirNames[it.name]
			if !ok || n.kind != Ident {
				k = dInvalid
			}
			it.kind = k
			it.toks = it.toks[1:]
		}
		idx := int32(len(f.items))
		switch it.kind {
		case dDefine:
			it.macro, it.msg = c.parseDefine(f, it.toks, it.hash)
		case dIf, dElif:
			it.toks = f.headerNames(it.toks)
		case dError:
			if len(it.toks) > 0 {
				a, b := it.toks[0], it.toks[len(it.toks)-1]
				it.msg = f.src[a.off : b.off+b.n]
			}
		}
		switch it.kind {
		case dIf, dIfdef, dIfndef:
			open = append(open, idx)
			last = append(last, idx)
			sawElse = append(sawElse, false)
		case dElif, dElifdef, dElifndef, dElse, dEndif:
			if len(open) == 0 {
				structErr(it.hash, "#"+it.name+" without #if")
				it.kind = dIgnore
				break
			}
			top := len(open) - 1
			if sawElse[top] && it.kind != dEndif {
				structErr(it.hash, "#"+it.name+" after #else")
			}
			f.items[last[top]].next = idx
			last[top] = idx
			if it.kind == dElse {
				sawElse[top] = true
			}
			if it.kind == dEndif {
				it.next = -1
				open, last, sawElse = open[:top], last[:top], sawElse[:top]
			}
		}
		f.items = append(f.items, it)
	}
	for k := len(open) - 1; k >= 0; k-- {
		it := &f.items[open[k]]
		structErr(it.hash, "unterminated #"+it.name)
		f.items[last[k]].next = int32(len(f.items))
	}
	f.findGuard()
}

// headerNames turns `__has_include ( < ... >` in an #if line into a header
// name, as gcc lexes it there.
func (f *file) headerNames(toks []ctok) []ctok {
	for i := 0; i+2 < len(toks); i++ {
		if toks[i].kind != Ident || toks[i+2].kind != Punct || f.text(toks[i+2]) != "<" || f.text(toks[i+1]) != "(" {
			continue
		}
		if s := f.text(toks[i]); s != "__has_include" && s != "__has_include_next" {
			continue
		}
		for j := i + 3; j < len(toks); j++ {
			if toks[j].kind == Punct && f.text(toks[j]) == ">" {
				ht := toks[i+2]
				ht.kind = HeaderName
				ht.n = toks[j].off + 1 - ht.off
				ht.text = spellings.id(f.text(ht))
				toks = append(append(append([]ctok(nil), toks[:i+2]...), ht), toks[j+1:]...)
				break
			}
		}
	}
	return toks
}

// findGuard recognises a file wholly wrapped in #ifndef X ... #endif (or
// #if !defined X): including it again while X is defined yields nothing,
// so it is not read again.
func (f *file) findGuard() {
	if len(f.items) < 2 || f.err != nil {
		return
	}
	first := &f.items[0]
	if f.items[len(f.items)-1].kind != dEndif || first.next != int32(len(f.items)-1) {
		return
	}
	switch first.kind {
	case dIfndef:
		if len(first.toks) == 1 && first.toks[0].kind == Ident {
			f.guard = first.toks[0].sym
		}
	case dIf:
		// !defined X, !defined(X)
		t := first.toks
		if len(t) >= 3 && f.text(t[0]) == "!" && t[1].sym == symDefined {
			t = t[2:]
			if len(t) == 3 && f.text(t[0]) == "(" && f.text(t[2]) == ")" {
				t = t[1:2]
			}
			if len(t) == 1 && t[0].kind == Ident {
				f.guard = t[0].sym
			}
		}
	}
}
