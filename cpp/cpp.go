package cpp

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/kpreempt/kpreempt/internal/reuse"
)

// Define is a -D NAME=VALUE (Value "1" for a bare -DNAME) or, with Undef, a
// -U NAME.
type Define struct {
	Name, Value string
	Undef       bool
}

// PrefixMap is a -fmacro-prefix-map=Old=New: __FILE__ and __BASE_FILE__
// spell a path beginning with Old with New instead.
type PrefixMap struct{ Old, New string }

// Config is how a translation unit is preprocessed: gcc's options.
type Config struct {
	QuoteDirs   []string // -iquote: "..." includes only (after the including file's directory)
	IncludeDirs []string // -I
	SystemDirs  []string // -isystem, then the compiler's system dirs
	// FS is an optional overlay: a path is first tried in FS (as
	// filepath.ToSlash of the path as formed, which may be absolute); a
	// not-found error falls back to the operating system. Units share
	// cached files only if they use the same (==) FS value.
	FS              fs.FS
	Predefined      string   // text of #define lines, e.g. from `gcc -dM -E`
	Defines         []Define // applied after Predefined, in order
	Includes        []string // -include files, in order, before the main file
	MacroPrefixMap  []PrefixMap
	HasAttribute    func(name string) int  // __has_attribute; nil: gcc 12's attributes
	HasBuiltin      func(name string) bool // __has_builtin; nil: gcc 12's builtins
	MaxIncludeDepth int                    // 0: 200
	// Watch are configuration macros whose tests make code variant: a
	// group of a conditional any of whose #if/#elif/#ifdef/#ifndef names
	// one is code another configuration compiles differently. Tokens
	// read there are Token.Variant, macros defined there make
	// Expansion.Variant invocations.
	Watch []string
	// ExpandedArgs names the function-like macros whose invocations keep
	// their arguments as substituted, fully macro-expanded
	// (Result.Expanded): a lock primitive's argument written with an
	// object-like macro (&dentry->d_lock, where d_lock is d_lockref.lock)
	// names the lock the expansion takes.
	ExpandedArgs func(name string) bool
	// Out, when it has room, is where the output is written:
	// Result.Tokens then shares its array, and a unit that fits is not
	// copied. A caller that preprocesses unit after unit hands the array
	// of one result, once done with it, to the next: each unit's output
	// is tens of megabytes, allocated for nothing else.
	Out []Token
}

// Result is a preprocessed translation unit.
type Result struct {
	Tokens   []Token
	Includes []string // every file opened, in order
	// Watched says, for each of Config.Watch, whether it was defined at
	// the end of the unit.
	Watched map[string]bool
	// Expanded are, for each invocation of a macro Config.ExpandedArgs
	// names, its arguments fully macro-expanded, white space collapsed
	// ("" for one the definition substitutes only with # or ##, or not
	// at all). Kept beside the expansions: few macros are named, and
	// every expansion of a unit is live while it is read.
	Expanded map[*Expansion][]string

	exps expansions
}

// Expansion returns the innermost macro expansion that produced t; nil if
// it comes straight from a file.
func (r *Result) Expansion(t Token) *Expansion { return r.exps.of(t) }

// Origin returns the position to report for a token: its outermost
// expansion's invocation position if any, else its own.
func (r *Result) Origin(t Token) Pos { return origin(r.Expansion(t), t.Pos()) }

func (p *pp) expansion(t Token) *Expansion { return p.exps.of(t) }

// Release hands the unit's expansion records to a unit preprocessed
// later, which would otherwise allocate its own (some 50,000 records, 5
// MB, a kernel unit). Nothing of the unit's expansions may be read after
// it: not r.Expansion, r.Origin or r.Expanded, nor an *Expansion kept.
func (r *Result) Release() {
	slabs, spare := r.exps.slabs, r.exps.spare
	r.exps, r.Expanded = expansions{}, nil
	for _, s := range slabs {
		clear(s) // the records hold the unit's strings
	}
	slabs = append(slabs, spare...)
	if len(slabs) > maxKeptSlabs {
		slabs = slabs[:maxKeptSlabs]
	}
	releasedSlabs.Give(slabs)
}

// releasedSlabs are the slabs of released units.
var releasedSlabs = reuse.New[[][]Expansion]()

// maxKeptSlabs bounds the slabs kept of one unit (6.5 MB, the records
// of a unit larger than most): what is kept stays through the phases
// that parse nothing, and a run's peak is a large unit's parse.
const maxKeptSlabs = 1 << 8

// expansions are a unit's, numbered from 1 in the order they were made,
// in slabs that never move.
type expansions struct {
	slabs [][]Expansion
	n     uint32
	spare [][]Expansion // an earlier unit's slabs (Result.Release), cleared
}

const expSlabBits = 8

func (x *expansions) of(t Token) *Expansion {
	if t.exp == 0 {
		return nil
	}
	i := t.exp - 1
	return &x.slabs[i>>expSlabBits][i&(1<<expSlabBits-1)]
}

// add returns a new record, numbered.
func (x *expansions) add() *Expansion {
	i := x.n
	if int(i>>expSlabBits) == len(x.slabs) {
		if k := len(x.spare); k > 0 {
			x.slabs = append(x.slabs, x.spare[k-1])
			x.spare = x.spare[:k-1]
		} else {
			x.slabs = append(x.slabs, make([]Expansion, 1<<expSlabBits))
		}
	}
	x.n++
	e := &x.slabs[i>>expSlabBits][i&(1<<expSlabBits-1)]
	e.id = x.n
	return e
}

// Error is a preprocessing error at a position.
type Error struct {
	Pos Pos
	Msg string
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// A unit's limits. Macros can expand exponentially, and every output token
// costs memory down the whole pipeline (about 650 bytes at the peak, once
// cc/v4 has parsed it), so a unit that goes over one of them is a fatal
// error of that unit rather than a process out of memory. The largest of
// x86_64 defconfig's units make 4.2M output tokens and 10 MB of text
// (drivers/gpu/drm/i915/display/intel_snps_phy.c: tables of FIELD_PREP()),
// 260K expansions (net/wireless/trace.c), 14M tokens of work, 45K tokens
// held at once and 11 MB of made text. maxTokens leaves that largest unit
// (2 GB to parse) a margin of 2, where a unit takes about 5 GB; the other
// limits stop an exponential expansion long before it.
var (
	maxTokens     = 1 << 23 // output tokens
	maxOutBytes   = 1 << 27 // bytes of output token text, rendered (Text)
	maxExpansions = 1 << 20 // macro invocations: each is an Expansion its tokens point to
	// maxWork bounds the tokens expansions make or copy, output or not:
	// arguments collected and expanded, replacement lists, the operands of
	// #if, #include and #line: the time a unit takes.
	maxWork = 1 << 26
	// maxLive bounds the tokens of the argument and replacement lists
	// alive at once (28 bytes each, and up to as much again unused
	// capacity): arguments nested in each other are copied at each level.
	maxLive = 1 << 21
	// maxMadeBytes bounds the text expansions make: the arguments spelled
	// for Expansion.Args, # and ##. A token can be long.
	maxMadeBytes = 1 << 27
	// maxArgNesting bounds macro arguments being expanded within each
	// other (at most 6 in the kernel): each level is a few calls deep on
	// the goroutine's stack, whose overflow kills the process.
	maxArgNesting = 1 << 12
	// maxFileTokens bounds the tokens of one file (the largest kernel
	// header has about 900K).
	maxFileTokens = 1 << 23
)

// catchPanics turns a panic into an error so that one bad unit cannot stop
// a tree run. Tests turn it off to see them.
var catchPanics = true

// Preprocess preprocesses file, whose contents are src (nil: read file).
// A nil Cache is a fresh one; a nil Config is gcc with no options.
//
// Processing goes on after most errors, as gcc's does, and stops at a fatal
// one (a missing include, too deep nesting); the first error is returned
// with the Result, which holds the tokens produced so far.
func Preprocess(c *Cache, cfg *Config, file string, src []byte) (res *Result, err error) {
	if c == nil {
		c = NewCache()
	}
	if cfg == nil {
		cfg = &Config{}
	}
	p := newPP(c, cfg, file)
	if catchPanics {
		defer func() {
			if r := recover(); r != nil {
				res = &Result{Tokens: p.output(), Includes: p.includes, exps: p.exps}
				err = fmt.Errorf("%s: internal error: %v%s", file, r, panicSite())
			}
		}()
	}
	p.run(src)
	res = &Result{Tokens: p.output(), Includes: p.includes, Watched: p.watched(), Expanded: p.expandedArgs, exps: p.exps}
	putMacroTables(p.macros, p.disabled)
	p.macros, p.disabled = nil, nil
	if p.err != nil {
		return res, p.err
	}
	return res, nil
}

// panicSite names the place in this package where a panic started.
func panicSite() string {
	pcs := make([]uintptr, 32)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs)])
	for {
		f, more := frames.Next()
		if strings.HasPrefix(f.Function, "github.com/kpreempt/kpreempt/cpp.") && !strings.Contains(f.Function, "Preprocess") {
			return fmt.Sprintf(" at %s:%d", filepath.Base(f.File), f.Line)
		}
		if !more {
			return ""
		}
	}
}

func (p *pp) run(src []byte) {
	// gcc's order: built-in macros, command-line macros, -include files,
	// the main file.
	if p.cfg.Predefined != "" {
		p.runFile(p.c.predefined(p.cfg.Predefined), "", -2, 0)
	}
	if len(p.cfg.Defines) > 0 {
		var b strings.Builder
		for _, d := range p.cfg.Defines {
			if d.Undef {
				fmt.Fprintf(&b, "#undef %s\n", d.Name)
				continue
			}
			v := d.Value
			if i := strings.IndexByte(v, '\n'); i >= 0 {
				v = v[:i]
			}
			fmt.Fprintf(&b, "#define %s %s\n", d.Name, v)
		}
		p.runFile(p.c.parse("<command-line>", []byte(b.String())), "", -2, 0)
	}
	for _, inc := range p.cfg.Includes {
		if p.fatal {
			return
		}
		f, path, idx := p.findCmdline(inc)
		if f == nil {
			p.fatalf(Pos{File: "<command-line>"}, "%s: No such file or directory", inc)
			return
		}
		p.includes = append(p.includes, path)
		p.runFile(f, dirOf(path), idx, 1)
	}
	if p.fatal {
		return
	}
	if src == nil {
		b, err := readFile(p.cfg.FS, p.mainFile)
		if err == errNotFound {
			p.fatalf(Pos{File: p.mainFile}, "No such file or directory") // gcc's words
			return
		}
		if err != nil {
			p.fatalf(Pos{File: p.mainFile}, "%v", err)
			return
		}
		src = b
	}
	p.runFile(p.c.parse(p.mainFile, src), dirOf(p.mainFile), -2, 0)
}

// predefined returns the parsed text of Config.Predefined, shared by the
// units that use the same text.
func (c *Cache) predefined(text string) *file {
	c.mu.Lock()
	f := c.predef[text]
	c.mu.Unlock()
	if f != nil {
		return f
	}
	f = c.parse("<built-in>", []byte(text))
	c.mu.Lock()
	if g := c.predef[text]; g != nil {
		f = g
	} else {
		c.predef[text] = f
	}
	c.mu.Unlock()
	return f
}

// runFile reads a file to its end, appending its tokens to the output.
func (p *pp) runFile(f *file, dir string, dirIdx, level int) {
	p.pushFrame(f, dir, dirIdx, level)
	for !p.fatal {
		if len(p.ctxs) == 0 && !p.pendSpace && len(p.frames) > 0 {
			// Most tokens come straight from a file and name no macro.
			fr := p.frames[len(p.frames)-1]
			for fr.j < len(fr.run) {
				ct := &fr.run[fr.j]
				if ct.kind == Ident && p.lookup(ct.sym) != nil || len(p.out) == cap(p.out) {
					break
				}
				fr.j++
				t := fr.f.token(*ct)
				if p.variant > 0 {
					t.flags |= fVariant
				}
				p.out = append(p.out, t)
			}
		}
		t := p.get(mNormal)
		if t.Kind == EOF {
			break
		}
		if len(p.out) == cap(p.out) {
			p.nout += len(p.out)
			p.chunks = append(p.chunks, p.out)
			p.out = getChunk()
			if !p.checkOutput(origin(p.expansion(t), t.Pos())) {
				break
			}
		}
		if p.variant > 0 {
			t.flags |= fVariant
		}
		p.out = append(p.out, t)
	}
	if !p.fatal {
		p.checkOutput(Pos{File: f.name})
	}
	for len(p.ctxs) > 0 {
		p.pop()
	}
	p.frames = p.frames[:0]
	p.variant = 0
}

// closeFrame ends reading a file: the groups it left open (an
// unterminated #if, already reported) close with it.
func (p *pp) closeFrame(fr *frame) {
	for _, v := range fr.conds {
		if v {
			p.variant--
		}
	}
	fr.conds = nil
}

// checkOutput checks the output against maxTokens (at the end of each
// chunk). Its text is bounded where it is rendered (Text).
func (p *pp) checkOutput(pos Pos) bool {
	if n := p.nout + len(p.out); n > maxTokens {
		p.fatalf(pos, "preprocessed output exceeds %d tokens", maxTokens)
	}
	return !p.fatal
}

// The output is written in chunks, recycled from unit to unit, and copied
// once into a slice of the exact size: a growing slice would be copied more
// often, and sizing it in advance means guessing.
const chunkSize = 1 << 14

var chunkPool = sync.Pool{New: func() any { return make([]Token, 0, chunkSize) }}

func getChunk() []Token { return chunkPool.Get().([]Token)[:0] }

// output assembles the output and gives the chunks back.
func (p *pp) output() []Token {
	if p.given && len(p.chunks) == 0 {
		toks := p.out // all in Config.Out
		p.out = nil
		return toks
	}
	toks := make([]Token, p.nout+len(p.out))
	n := 0
	for i, c := range p.chunks {
		n += copy(toks[n:], c)
		if i > 0 || !p.given { // the first is Config.Out's: the caller's
			chunkPool.Put(c) //lint:ignore SA6002 a slice header is what the pool holds
		}
	}
	copy(toks[n:], p.out)
	chunkPool.Put(p.out) //lint:ignore SA6002 a slice header is what the pool holds
	p.chunks, p.out, p.nout = nil, nil, 0
	return toks
}

// pp is the state of one translation unit.
type pp struct {
	c   *Cache
	cfg *Config
	// expandedArgs are the arguments of invocations Config.ExpandedArgs
	// names, as substituted.
	expandedArgs map[*Expansion][]string
	mainFile     string
	fsys         fs.FS
	fsid         int
	dirs         []string // the include search chain: -iquote, -I, -isystem/system
	bracket      int      // where <...> searches start in dirs

	macros   []*macro // by symbol
	disabled []bool   // by symbol: the macro's expansion is being read
	ctxs     []*context
	freeCtx  []*context
	frames   []*frame
	out      []Token   // the output being written: the last chunk
	given    bool      // the first chunk is Config.Out
	chunks   [][]Token // the full chunks before it
	nout     int       // tokens in chunks
	includes []string
	once     map[string]bool     // files with #pragma once, by path (a file may be read again)
	pushed   map[uint32][]*macro // #pragma push_macro

	prevent     int        // > 0: identifiers are not expanded (collecting arguments, `defined`)
	inIf        int        // > 0: evaluating #if
	argOwner    *Expansion // the invocation whose arguments are being expanded
	pendSpace   bool       // white space left by an empty expansion, for the next token
	afterVector bool       // AltiVec: the next bool or pixel follows the keyword vector (altivec.go)
	exps        expansions
	work        int // tokens made by expansions, against maxWork
	live        int // tokens in argument and replacement lists, against maxLive
	made        int // bytes of text made by expansions, against maxMadeBytes
	argDepth    int // arguments being expanded, against maxArgNesting
	strSlab     []string
	scratch     []byte
	tokPool     [][][]Token // by size class
	argPool     []*argSet
	counter     int

	// watch are Config.Watch's symbols; variant counts the open
	// conditional groups that test one (frame.conds), in every file
	// being read; variantDef marks, by symbol, a macro defined in one.
	watch      []uint32
	variant    int
	variantDef map[uint32]bool

	err   *Error
	fatal bool
}

func newPP(c *Cache, cfg *Config, file string) *pp {
	p := &pp{c: c, cfg: cfg, mainFile: file, fsys: cfg.FS, fsid: c.fsID(cfg.FS)}
	p.exps.spare, _ = releasedSlabs.Take()
	if cap(cfg.Out) > 0 {
		p.out, p.given = cfg.Out[:0], true
	} else {
		p.out = getChunk()
	}
	seen := map[string]bool{}
	add := func(dirs []string) {
		for _, d := range dirs {
			if d == "" {
				d = "."
			}
			if !seen[d] {
				seen[d] = true
				p.dirs = append(p.dirs, d)
			}
		}
	}
	add(cfg.QuoteDirs)
	p.bracket = len(p.dirs)
	// gcc drops a -I directory that is also a system directory: it keeps
	// the system one.
	sys := map[string]bool{}
	for _, d := range cfg.SystemDirs {
		sys[d] = true
	}
	for _, d := range cfg.IncludeDirs {
		if !sys[d] {
			add([]string{d})
		}
	}
	add(cfg.SystemDirs)
	p.macros, p.disabled = getMacroTables(c.numSyms() + 1024)
	for sym, m := range c.builtins {
		p.macros[sym] = m
	}
	for _, w := range cfg.Watch {
		p.watch = append(p.watch, c.intern(w))
	}
	return p
}

// macroTables are a unit's macros and their disabled marks by symbol,
// kept between units (cleared): as long as the process's names, some
// 2.7 MB that every unit would allocate, and the collector scan, anew.
type macroTables struct {
	macros   []*macro
	disabled []bool
}

var macroTablePool sync.Pool

// getMacroTables returns empty tables for symbols below n at least.
func getMacroTables(n int) ([]*macro, []bool) {
	if t, _ := macroTablePool.Get().(*macroTables); t != nil && len(t.macros) >= n && len(t.disabled) >= n {
		return t.macros, t.disabled
	}
	n += n / 4 // symbols grow as units are read
	return make([]*macro, n), make([]bool, n)
}

// putMacroTables keeps a unit's tables for the next, emptied.
func putMacroTables(macros []*macro, disabled []bool) {
	clear(macros)
	clear(disabled)
	macroTablePool.Put(&macroTables{macros, disabled})
}

// watched says whether each watched macro is defined.
func (p *pp) watched() map[string]bool {
	if len(p.watch) == 0 {
		return nil
	}
	m := make(map[string]bool, len(p.watch))
	for i, sym := range p.watch {
		m[p.cfg.Watch[i]] = p.lookup(sym) != nil
	}
	return m
}

// lookup returns the macro named by sym, nil if there is none.
func (p *pp) lookup(sym uint32) *macro {
	if int(sym) < len(p.macros) {
		return p.macros[sym]
	}
	return nil
}

func (p *pp) define(m *macro) {
	if int(m.sym) >= len(p.macros) {
		n := int(m.sym) + 1 + len(p.macros)/2
		p.macros = append(p.macros, make([]*macro, n-len(p.macros))...)
		p.disabled = append(p.disabled, make([]bool, n-len(p.disabled))...)
	}
	p.macros[m.sym] = m
	p.markVariant(m.sym)
}

func (p *pp) undef(sym uint32) {
	if int(sym) < len(p.macros) {
		p.macros[sym] = nil
	}
	p.markVariant(sym)
}

// markVariant records whether the macro sym was (re)defined or undefined
// in variant code.
func (p *pp) markVariant(sym uint32) {
	switch {
	case p.variant > 0:
		if p.variantDef == nil {
			p.variantDef = map[uint32]bool{}
		}
		p.variantDef[sym] = true
	case p.variantDef != nil:
		delete(p.variantDef, sym)
	}
}

func (p *pp) errorf(pos Pos, format string, args ...any) {
	if p.err == nil {
		p.err = &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
	}
}

func (p *pp) fatalf(pos Pos, format string, args ...any) {
	p.errorf(pos, format, args...)
	p.fatal = true
}

// frame is a file being read.
type frame struct {
	f      *file
	i      int    // the next item
	run    []ctok // the text run being read
	j      int
	dir    string // where "..." includes look first
	dirIdx int    // where the file was found in the search chain: -1 beside its includer or from the command line, -2 not searched
	level  int    // __INCLUDE_LEVEL__
	// conds are the conditional groups open in the file, innermost last:
	// whether each tests a watched macro (pp.variant).
	conds []bool
	// #line: the presumed line is the physical one plus lineDelta
	lineDelta int
	presumed  string
}

func (p *pp) pushFrame(f *file, dir string, dirIdx, level int) {
	if f.fatal {
		p.fatalf(f.err.Pos, "%s", f.err.Msg)
		return
	}
	p.frames = append(p.frames, &frame{f: f, dir: dir, dirIdx: dirIdx, level: level})
	if f.err != nil {
		p.errorf(f.err.Pos, "%s", f.err.Msg)
	}
}

// dirOf is gcc's directory of a file for "..." includes: its path up to
// the last slash.
func dirOf(path string) string {
	if i := strings.LastIndexByte(path, '/'); i >= 0 {
		return path[:i+1]
	}
	return ""
}

// joinPath is how gcc forms the path of an include found in dir.
func joinPath(dir, name string) string {
	switch {
	case dir == "":
		return name
	case strings.HasSuffix(dir, "/"):
		return dir + name
	}
	return dir + "/" + name
}

// lookupIn returns the file name in directory dir ("": name as it is) and
// its path, nil if there is none; other errors are fatal.
func (p *pp) lookupIn(dir, name string, pos Pos) (*file, string) {
	e, path := p.c.entryIn(p.fsid, dir, name)
	f, err := p.c.loadEntry(e, p.fsys, path)
	if err != nil {
		if err != errNotFound {
			p.fatalf(pos, "%s: %v", path, err)
		}
		return nil, path
	}
	return f, path
}

// findCmdline finds a -include file: in the working directory, then along
// the "..." chain.
func (p *pp) findCmdline(name string) (*file, string, int) {
	if strings.HasPrefix(name, "/") {
		f, path := p.lookupIn("", name, Pos{})
		return f, path, -2
	}
	if f, path := p.lookupIn("./", name, Pos{}); f != nil {
		return f, path, -1
	}
	for i, d := range p.dirs {
		if f, path := p.lookupIn(d, name, Pos{}); f != nil {
			return f, path, i
		}
	}
	return nil, "", 0
}

// findInclude resolves an #include as gcc does: "..." in the includer's
// directory, then -iquote, then as <...>: -I, then system directories.
// #include_next goes on after the directory where the includer was found.
func (p *pp) findInclude(name string, angled, next bool, pos Pos) (*file, string, int) {
	if strings.HasPrefix(name, "/") {
		f, path := p.lookupIn("", name, pos)
		return f, path, -2
	}
	fr := p.frames[len(p.frames)-1]
	start := p.bracket
	switch {
	case next && fr.dirIdx >= 0:
		start = fr.dirIdx + 1
	case next && fr.dirIdx == -1:
		start = 0
	case !angled:
		if f, path := p.lookupIn(fr.dir, name, pos); f != nil || p.fatal {
			return f, path, -1
		}
		start = 0
	}
	for i := start; i < len(p.dirs); i++ {
		if f, path := p.lookupIn(p.dirs[i], name, pos); f != nil || p.fatal {
			return f, path, i
		}
	}
	return nil, "", 0
}
