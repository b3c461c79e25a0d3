package cpp

import (
	"fmt"
	"io/fs"
	"runtime/debug"
	"slices"
	"strings"
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
}

// Result is a preprocessed translation unit.
type Result struct {
	Tokens   []Token
	Includes []string // every file opened, in order
}

// Error is a preprocessing error at a position.
type Error struct {
	Pos Pos
	Msg string
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// maxTokens bounds the output of one unit: macros can expand exponentially.
const maxTokens = 1 << 26

// catchPanics turns a panic into an error so that one bad unit cannot stop
// a tree run. Tests turn it off to see them.
var catchPanics = true

// Preprocess preprocesses file, whose contents are src (nil: read file).
//
// Processing goes on after most errors, as gcc's does, and stops at a fatal
// one (a missing include, too deep nesting); the first error is returned
// with the Result, which holds the tokens produced so far.
func Preprocess(c *Cache, cfg *Config, file string, src []byte) (res *Result, err error) {
	if cfg == nil {
		cfg = &Config{}
	}
	p := newPP(c, cfg, file)
	if catchPanics {
		defer func() {
			if r := recover(); r != nil {
				stack := strings.Fields(string(debug.Stack()))
				where := ""
				for i, s := range stack {
					if strings.Contains(s, "/cpp.") && i > 0 && !strings.Contains(s, "cpp.Preprocess") && strings.HasPrefix(s, "github.com") {
						where = " in " + s
						break
					}
				}
				res = &Result{Tokens: p.out, Includes: p.includes}
				err = fmt.Errorf("%s: internal error: %v%s", file, r, where)
			}
		}()
	}
	p.run(src)
	p.c.noteOutput(len(p.out))
	if cap(p.out) > 2*len(p.out)+4096 {
		p.out = slices.Clone(p.out)
	}
	res = &Result{Tokens: p.out, Includes: p.includes}
	if p.err != nil {
		return res, p.err
	}
	return res, nil
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
	var f *file
	if src == nil {
		b, err := readFile(p.cfg.FS, p.mainFile)
		if err != nil {
			if err == errNotFound {
				err = fmt.Errorf("No such file or directory")
			}
			p.fatalf(Pos{File: p.mainFile}, "%v", err)
			return
		}
		src = b
	}
	f = p.c.parse(p.mainFile, src)
	p.runFile(f, dirOf(p.mainFile), -2, 0)
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
		t := p.get(mNormal)
		if t.Kind == EOF {
			break
		}
		if len(p.out) >= maxTokens {
			p.fatalf(t.Pos, "output exceeds %d tokens", maxTokens)
			break
		}
		if len(p.out) == cap(p.out) {
			// append would grow a slice this large by a quarter at a
			// time: copy less often.
			p.out = append(make([]Token, 0, 2*cap(p.out)), p.out...)
		}
		p.out = append(p.out, t)
	}
	for len(p.ctxs) > 0 {
		p.pop()
	}
	p.frames = p.frames[:0]
}

// pp is the state of one translation unit.
type pp struct {
	c        *Cache
	cfg      *Config
	mainFile string
	fsys     fs.FS
	fsid     int
	dirs     []string // the include search chain: -iquote, -I, -isystem/system
	bracket  int      // where <...> searches start in dirs

	macros   []*macro // by symbol
	disabled []bool   // by symbol: the macro's expansion is being read
	ctxs     []*context
	freeCtx  []*context
	frames   []*frame
	out      []Token
	includes []string
	once     map[*file]bool
	pushed   map[uint32][]*macro // #pragma push_macro

	prevent   int        // > 0: identifiers are not expanded (collecting arguments, `defined`)
	inIf      int        // > 0: evaluating #if
	argOwner  *Expansion // the invocation whose arguments are being expanded
	pendSpace bool       // white space left by an empty expansion, for the next token
	nexp      uint32
	expSlab   []Expansion
	strSlab   []string
	scratch   []byte
	tokPool   [][][]Token // by size class
	argPool   []*argSet
	counter   int

	err   *Error
	fatal bool
}

func newPP(c *Cache, cfg *Config, file string) *pp {
	p := &pp{c: c, cfg: cfg, mainFile: file, fsys: cfg.FS, fsid: c.fsID(cfg.FS)}
	// The output is the one big allocation: size it from the units seen
	// so far rather than growing it by copies.
	p.out = make([]Token, 0, max(c.outHint.Load()*5/4, 4096))
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
	n := c.numSyms() + 1024
	p.macros = make([]*macro, n)
	p.disabled = make([]bool, n)
	for sym, m := range c.builtins {
		p.macros[sym] = m
	}
	return p
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
}

func (p *pp) undef(sym uint32) {
	if int(sym) < len(p.macros) {
		p.macros[sym] = nil
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
	// #line: the presumed line is the physical one plus lineDelta
	lineDelta int
	presumed  string
}

func (p *pp) pushFrame(f *file, dir string, dirIdx, level int) {
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

// lookupFile returns the file at path, nil if there is none; other errors
// are fatal.
func (p *pp) lookupFile(path string, pos Pos) *file {
	f, err := p.c.load(p.fsys, p.fsid, path)
	if err != nil {
		if err != errNotFound {
			p.fatalf(pos, "%s: %v", path, err)
		}
		return nil
	}
	return f
}

// findCmdline finds a -include file: in the working directory, then along
// the "..." chain.
func (p *pp) findCmdline(name string) (*file, string, int) {
	if strings.HasPrefix(name, "/") {
		if f := p.lookupFile(name, Pos{}); f != nil {
			return f, name, -2
		}
		return nil, "", 0
	}
	if f := p.lookupFile(joinPath("./", name), Pos{}); f != nil {
		return f, joinPath("./", name), -1
	}
	for i, d := range p.dirs {
		path := joinPath(d, name)
		if f := p.lookupFile(path, Pos{}); f != nil {
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
		return p.lookupFile(name, pos), name, -2
	}
	fr := p.frames[len(p.frames)-1]
	start := p.bracket
	switch {
	case next && fr.dirIdx >= 0:
		start = fr.dirIdx + 1
	case next && fr.dirIdx == -1:
		start = 0
	case !angled:
		path := joinPath(fr.dir, name)
		if f := p.lookupFile(path, pos); f != nil || p.fatal {
			return f, path, -1
		}
		start = 0
	}
	for i := start; i < len(p.dirs); i++ {
		path := joinPath(p.dirs[i], name)
		if f := p.lookupFile(path, pos); f != nil || p.fatal {
			return f, path, i
		}
	}
	return nil, "", 0
}
