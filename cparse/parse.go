package cparse

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"modernc.org/cc/v4"

	"github.com/kpreempt/kpreempt/cpp"
	"github.com/kpreempt/kpreempt/internal/boundedio"
	"github.com/kpreempt/kpreempt/internal/reuse"
	"github.com/kpreempt/kpreempt/internal/stage"
	"github.com/kpreempt/kpreempt/kapi"

	"github.com/kpreempt/kpreempt/kbuild"
)

var (
	baseOnce sync.Once
	baseCfg  *cc.Config
	baseErr  error
)

// baseConfig is cc/v4's configuration for the host target. NewConfig runs
// the host C compiler to learn predefined macros, so it is done once per
// process and copied for every unit.
func baseConfig() (*cc.Config, error) {
	baseOnce.Do(func() {
		baseCfg, baseErr = cc.NewConfig("linux", "amd64")
		if baseErr != nil {
			baseErr = fmt.Errorf("cannot set up the C parser (is gcc installed?): %v", goErrorText(firstLine(baseErr.Error())))
		}
	})
	return baseCfg, baseErr
}

// goErrorText drops the Go source positions cc/v4 puts in its errors
// ("cc.go:745:newConfig: ...", "(cc.go:745:newConfig:)"): a user has no
// use for them.
func goErrorText(msg string) string {
	msg = goPos.ReplaceAllString(msg, "")
	msg = goFunc.ReplaceAllString(msg, "")
	return strings.TrimSpace(strings.ReplaceAll(msg, "()", ""))
}

var (
	goPos = regexp.MustCompile(`[\w./-]+\.go:\d+:\w*:\s*`)
	// goFunc is the name of the library function that failed, which its
	// errors start with ("NewConfig: cannot determine ...").
	goFunc = regexp.MustCompile(`^[A-Z][a-z]+[A-Z]\w*: `)
)

// Error is a unit that could not be read or parsed. Msg is one line.
type Error struct {
	File string
	Msg  string
}

func (e *Error) Error() string { return e.File + ": " + e.Msg }

// Parse reads and parses one unit. Only a regular file is read, and none
// larger than boundedio.SourceLimit.
func Parse(u *kbuild.Unit) (*Unit, error) {
	src, err := boundedio.ReadFile(u.File, boundedio.SourceLimit)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &Error{File: u.File, Msg: err.Error()}
	}
	if bytes.IndexByte(src, 0) >= 0 {
		return nil, &Error{File: u.File, Msg: "not a C source file (binary data)"}
	}
	return ParseSource(u, src)
}

// cache holds the headers every unit of the process shares, read and
// tokenised once while they stay in it (see LimitHeaders).
var cache = cpp.NewCache()

// LimitHeaders bounds the memory of the headers kept between units, in
// bytes: the run sets it from how many units it parses at once. The
// headers of the whole defconfig tree, read and tokenised, take about
// 250 MB, and a unit's some 40 MB.
func LimitHeaders(bytes int64) { cache.SetLimit(bytes) }

// prelude is appended to the compiler's predefined macros: GNU builtins
// that take a type argument, which cc/v4's parser cannot read as calls, and
// keywords it does not know. cc/v4's own preprocessor does the same with
// its Builtin text; here kpreempt's preprocessor must.
const prelude = `
#define __extension__
#define __FUNCTION__ __func__
#define __PRETTY_FUNCTION__ __func__
#define __builtin_va_arg(va, type) (*(type *)__builtin_va_arg_impl(va))
#define __builtin_va_copy(dst, src) ((dst) = (src))
#define __builtin_offsetof(type, member) ((__SIZE_TYPE__)&(((type *)0)->member))
#define __builtin_types_compatible_p(t1, t2) __kp_types_compatible((t1){}, (t2){})
#define __builtin_bit_cast(type, expr) (*(type *)__kp_bit_cast(expr))
#ifdef __aarch64__
#define __fp16 short
#endif
`

// parserPrelude declares, for cc/v4's parser, the builtin type names the
// preprocessed text uses.
const parserPrelude = "typedef void *__builtin_va_list;\nint __predefined_declarator;\n"

// aarch64Prelude declares the AArch64 compiler's builtin vector types,
// which arm_neon.h names in its typedefs (typedef __Int8x8_t int8x8_t;):
// the kernel's NEON code (arch/arm64/lib/xor-neon.c, lib/raid6/neon*.c)
// includes it. Their layout does not matter to the analysis.
var aarch64Prelude = func() string {
	var b strings.Builder
	for _, t := range []string{
		"__Int8x8_t", "__Int16x4_t", "__Int32x2_t", "__Int64x1_t", "__Float16x4_t", "__Float32x2_t",
		"__Poly8x8_t", "__Poly16x4_t", "__Uint8x8_t", "__Uint16x4_t", "__Uint32x2_t", "__Float64x1_t",
		"__Uint64x1_t", "__Int8x16_t", "__Int16x8_t", "__Int32x4_t", "__Int64x2_t", "__Float16x8_t",
		"__Float32x4_t", "__Float64x2_t", "__Poly8x16_t", "__Poly16x8_t", "__Poly64x2_t", "__Poly64x1_t",
		"__Uint8x16_t", "__Uint16x8_t", "__Uint32x4_t", "__Uint64x2_t", "__Poly8_t", "__Poly16_t",
		"__Poly64_t", "__Poly128_t", "__Bfloat16x4_t", "__Bfloat16x8_t", "__Mfloat8x8_t", "__Mfloat8x16_t",
		// The element types its intrinsics cast pointers to.
		"__builtin_aarch64_simd_qi", "__builtin_aarch64_simd_hi", "__builtin_aarch64_simd_si",
		"__builtin_aarch64_simd_di", "__builtin_aarch64_simd_hf", "__builtin_aarch64_simd_sf",
		"__builtin_aarch64_simd_df", "__builtin_aarch64_simd_bf", "__builtin_aarch64_simd_poly8",
		"__builtin_aarch64_simd_poly16", "__builtin_aarch64_simd_poly64", "__builtin_aarch64_simd_poly128",
		"__builtin_aarch64_simd_ti", "__builtin_aarch64_simd_oi", "__builtin_aarch64_simd_ci", "__builtin_aarch64_simd_xi",
	} {
		fmt.Fprintf(&b, "typedef struct { unsigned long long v[2]; } %s;\n", t)
	}
	return b.String()
}()

// ParseSource parses src as the contents of u.File: kpreempt's
// preprocessor expands it, cc/v4's parser reads the result.
func ParseSource(u *kbuild.Unit, src []byte) (*Unit, error) {
	base, err := baseConfig()
	if err != nil {
		return nil, &Error{File: u.File, Msg: err.Error()}
	}
	predef, err := predefined(u)
	if err != nil {
		return nil, &Error{File: u.File, Msg: err.Error()}
	}
	pc := &cpp.Config{
		QuoteDirs:   u.QuoteDirs,
		IncludeDirs: u.IncludeDirs,
		SystemDirs:  append(append([]string(nil), u.SystemDirs...), u.AfterDirs...),
		Predefined:  predef,
		Includes:    u.Includes,
		Watch:       []string{kapi.RTConfig},
		// A lock primitive's argument names the lock as expanded.
		ExpandedArgs: func(name string) bool {
			eff, ok := kapi.Lookup(name)
			return ok && eff.Lock != kapi.NoLockOp
		},
	}
	for _, d := range u.Defines {
		pc.Defines = append(pc.Defines, cpp.Define{Name: d.Name, Value: d.Value, Undef: d.Undef})
	}
	pc.FS = u.FS()
	pc.Out = takeOutput()
	var res *cpp.Result
	var toks []cpp.Token
	var text []byte
	var offsets []int32
	var msg string
	stage.Do("preprocess", func() {
		if res, err = cpp.Preprocess(cache, pc, u.File, src); err != nil {
			return
		}
		out := res.Tokens
		toks = out
		res.Tokens = nil // toks shares its array; the reduction below may free it
		if !WholeUnits {
			// The reduction reads the tokens as preprocessed: the fixes
			// below rewrite nothing that decides a declaration's extent
			// or names, and run on the fifth of them it keeps.
			main := filepath.Clean(u.File)
			owns := map[string]bool{} // by file: asked twice for each of the unit's declarations
			toks = reduceUnit(toks, res.Origin, func(file string) bool {
				own, ok := owns[file]
				if !ok {
					own = ownFile(main, file)
					owns[file] = own
				}
				return own
			})
			giveOutput(out) // the reduction copied what it keeps
		}
		toks = fixTokens(toks)
		if msg = checkShape(toks, res.Origin); msg == "" {
			text, offsets, err = cpp.ParserText(toks)
		}
	})
	if res != nil {
		// Nothing made of the unit keeps its expansions: the converted
		// unit holds positions and strings only.
		defer res.Release()
	}
	if err != nil {
		return nil, &Error{File: u.File, Msg: firstLine(err.Error())}
	}
	if msg != "" {
		return nil, &Error{File: u.File, Msg: msg}
	}

	took := parsing.take(int64(len(toks)))
	defer parsing.give(took)
	cfg := *base
	cfg.Predefined = ""
	cfg.IncludePaths, cfg.SysIncludePaths, cfg.HostIncludePaths, cfg.HostSysIncludePaths = nil, nil, nil, nil
	name := u.File + " (preprocessed)"
	var ast *cc.AST
	stage.Do("parse", func() {
		pre := parserPrelude
		if strings.Contains(predef, "#define __aarch64__ ") {
			pre += aarch64Prelude
		}
		ast, err = cc.Parse(&cfg, []cc.Source{
			{Name: "<prelude>", Value: pre},
			{Name: name, Value: text},
		})
	})
	if err != nil {
		org := newChainOrigins(text, toks, offsets, name, res)
		return nil, &Error{File: u.File, Msg: org.explain(err)}
	}
	var cu *Unit
	stage.Do("convert", func() {
		cu = convertUnit(u.File, src, ast, newChainOrigins(text, toks, offsets, name, res), len(toks))
	})
	cu.Standalone = u.Stubs
	cu.Includes = res.Includes
	cu.RT = res.Watched[kapi.RTConfig]
	return cu, nil
}

// outputs are arrays of preprocessor output (cpp.Config.Out) that the
// units parsed before left, so that a run does not allocate some 18 MB of
// tokens per unit. An array larger than maxKeptOutput tokens (56 MB) is
// left to the collector.
var outputs = reuse.New[[]cpp.Token]()

const maxKeptOutput = 1 << 21

// takeOutput is an array an earlier unit left, nil when there is none.
func takeOutput() []cpp.Token {
	out, _ := outputs.Take()
	return out
}

// giveOutput keeps the array of out for a later unit. Tokens hold no
// pointers: the array keeps nothing of this unit alive.
func giveOutput(out []cpp.Token) {
	if cap(out) == 0 || cap(out) > maxKeptOutput {
		return
	}
	outputs.Give(out[:0])
}

var (
	predefMu sync.Mutex
	predefs  = map[string]string{}
)

// predefined returns the compiler's predefined macros for the unit's
// flags, with kpreempt's prelude; cached per compiler and flags.
func predefined(u *kbuild.Unit) (string, error) {
	gcc := u.Compiler
	if gcc == "" || u.Stubs {
		gcc = "gcc"
	}
	flags := cpp.PredefinedFlags(u.CompilerFlags)
	key := gcc + "\x00" + strings.Join(flags, "\x00")
	predefMu.Lock()
	defer predefMu.Unlock()
	if p, ok := predefs[key]; ok {
		return p, nil
	}
	p, err := predefinedTolerant(gcc, flags)
	if err != nil && gcc != "gcc" {
		p, err = predefinedTolerant("gcc", flags) // a cross compiler that is not installed
	}
	if err != nil {
		return "", fmt.Errorf("cannot ask %s for its predefined macros: %v", gcc, firstLine(err.Error()))
	}
	p += prelude
	predefs[key] = p
	return p, nil
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// convertUnit walks the file-scope declarations: functions defined in the
// main file are converted; declarations anywhere feed PerCPU and NoReturn.
// ntoks, the unit's size in tokens, sizes the map of its globals.
func convertUnit(file string, src []byte, ast *cc.AST, org origins, ntoks int) *Unit {
	u := &Unit{
		File:     file,
		PerCPU:   map[string]bool{},
		NoReturn: map[string]bool{},
		Enums:    map[string]uint64{},
		Lines:    strings.Split(string(src), "\n"),
	}
	main := filepath.Clean(file)
	c := &converter{org: org, unit: u, spans: takeSpans(), protos: map[string][]protoSpan{},
		typeState: newTypeState(ntoks), seenMacro: map[*frame]bool{}, main: main,
		headerDefs: map[string]*cc.FunctionDefinition{}, accessors: map[string]*accessor{}}
	headerDefs := c.headerDefs
	for l := ast.TranslationUnit; l != nil; l = l.TranslationUnit {
		ed := l.ExternalDeclaration
		if ed == nil {
			continue
		}
		switch ed.Case {
		case cc.ExternalDeclarationFuncDef:
			fd := ed.FunctionDefinition
			name, tok := declaratorName(fd.Declarator)
			if noreturnSpecs(fd.DeclarationSpecifiers) {
				u.NoReturn[name] = true
			}
			c.declareGlobal(name, c.funcType(fd))
			if !c.ownFile(org.where(tok).File) && isInline(fd.DeclarationSpecifiers) {
				headerDefs[name] = fd
				continue
			}
			c.macroUses(org.frames(tok))
			f := c.function(fd)
			(&attacher{c: c}).stmt(f.Body, ctx{})
			lines := c.linesOf(f.Pos.File, u.Lines)
			annotate(f, lines)
			f.Context = docContext(f, lines)
			u.Funcs = append(u.Funcs, f)
		case cc.ExternalDeclarationDecl:
			c.fileDecl(ed.Declaration)
		case cc.ExternalDeclarationAsmStmt:
			if a := ed.AsmStatement; a != nil && a.Asm != nil && c.inMain(a.Asm.Token) {
				c.macroUses(org.frames(a.Asm.Token))
			}
		}
	}
	own := map[string]bool{}
	for _, f := range u.Funcs {
		own[f.Name] = true
	}
	for _, st := range c.headerStores {
		if own[st.Func] {
			u.Stores = append(u.Stores, st)
		}
	}
	// Header functions the file calls (static inline helpers such as
	// task_rq_unlock()) are converted too, so that their effect on the
	// context can be summarised at the call; they are not reported on.
	// So are those the helpers call in turn (Func.Nested), for their
	// summaries: kernel/sched/sched.h rq_lock_irqsave() calls
	// rq_pin_lock(), which a file that calls only the first would take
	// for unknown code, free to release the lock of the rq it is passed.
	// What they call is not walked as the file's calls are: the
	// sleeps of console_unlock() below uart_port_unlock_irq()'s
	// __uart_port_nbcon_release() are behind conditions of objects the
	// analysis does not follow.
	called := map[string]bool{}
	for _, f := range u.Funcs {
		calledIn(f.Body, called)
	}
	converted := map[string]bool{}
	for nested := false; ; nested = true {
		// In name order: what converting records (Stores) must not
		// depend on map order.
		var names []string
		for name := range called {
			if _, ok := headerDefs[name]; ok && !converted[name] {
				names = append(names, name)
			}
		}
		if len(names) == 0 {
			break
		}
		sort.Strings(names)
		next := map[string]bool{}
		for _, name := range names {
			converted[name] = true
			if _, known := kapi.Lookup(name); known {
				continue
			}
			f := c.function(headerDefs[name])
			(&attacher{c: c}).stmt(f.Body, ctx{})
			f.Nested = nested
			u.Helpers = append(u.Helpers, f)
			calledIn(f.Body, next)
		}
		for name := range next {
			called[name] = true
		}
	}

	// Annotations written on a prototype (often in a header) count for the
	// definition, as they do for sparse.
	for _, f := range append(append([]*Func(nil), u.Funcs...), u.Helpers...) {
		for _, ps := range c.protos[f.Name] {
			if text := sourceText(ps.from.File, ps.from, ps.to, readSource); text != "" {
				scanAnnotations(f, text)
			}
		}
	}
	u.MemberBits = c.memberBitsList()
	giveSpans(c.spans)
	return u
}

// spanMaps are the converters' maps of spans, kept emptied for the next
// unit: their growth was a thirtieth of what a tree's run allocates.
var spanMaps = reuse.New[map[any]span]()

// maxKeptSpans bounds the map kept (some 6 MB, a unit larger than most):
// what is kept stays through the phases that parse nothing.
const maxKeptSpans = 1 << 16

func takeSpans() map[any]span {
	if m, ok := spanMaps.Take(); ok {
		return m
	}
	return map[any]span{}
}

func giveSpans(m map[any]span) {
	if len(m) > maxKeptSpans {
		return
	}
	clear(m) // its keys are the unit's nodes
	spanMaps.Give(m)
}

// linesOf are the lines of the file a function is defined in: the main
// file's, or those of a .c file it includes (kernel/sched/build_policy.c
// includes idle.c, whose arch_cpu_idle_dead() is __weak).
func (c *converter) linesOf(file string, main []string) []string {
	if file == "" || filepath.Clean(file) == c.main {
		return main
	}
	if lines, ok := c.included[file]; ok {
		return lines
	}
	var lines []string
	if b := readSource(file); b != nil {
		lines = strings.Split(string(b), "\n")
	}
	if c.included == nil {
		c.included = map[string][]string{}
	}
	c.included[file] = lines
	return lines
}

// protoSpan is where a function's prototype was written.
type protoSpan struct{ from, to Pos }

var sourceCache sync.Map // file name -> []byte

// readSource reads a header or source file once per process, from the
// stub headers when the name is under kbuild.StubDir. What cannot be read
// (or is not a regular file, or is too large) reads as empty.
func readSource(file string) []byte {
	if b, ok := sourceCache.Load(file); ok {
		return b.([]byte)
	}
	b, err := boundedio.ReadFS(kbuild.StubFS(), file, boundedio.SourceLimit)
	if err != nil {
		b, _ = boundedio.ReadFile(file, boundedio.SourceLimit)
	}
	sourceCache.Store(file, b)
	return b
}

// fileDecl records what a file-scope declaration tells the analysis.
func (c *converter) fileDecl(d *cc.Declaration) {
	if d == nil || d.Case != cc.DeclarationDecl {
		return
	}
	noret := noreturnSpecs(d.DeclarationSpecifiers) || attrsNoReturn(d.AttributeSpecifierList)
	percpu := false
	if t, ok := firstSpecToken(d.DeclarationSpecifiers); ok {
		for _, f := range c.org.frames(t) {
			if isPerCPUDefiner(f.name) {
				percpu = true
			}
		}
	}
	first, hasFirst := firstSpecToken(d.DeclarationSpecifiers)
	for ds := d.DeclarationSpecifiers; ds != nil; ds = ds.DeclarationSpecifiers {
		if ts := ds.TypeSpecifier; ts != nil && ts.Case == cc.TypeSpecifierEnum && ts.EnumSpecifier != nil {
			c.enumValues(ts.EnumSpecifier.EnumeratorList)
		}
	}
	base, _ := c.specsType(d.DeclarationSpecifiers)
	typedef := isTypedef(d.DeclarationSpecifiers)
	if typedef {
		c.defineTypedefs(base, d.InitDeclaratorList)
	}
	// Stores and macro uses are the main file's: a header's are every
	// unit's that includes it.
	inMain := hasFirst && c.inMain(first)
	if inMain {
		c.macroUses(c.org.frames(first))
	}
	for l := d.InitDeclaratorList; l != nil; l = l.InitDeclaratorList {
		id := l.InitDeclarator
		if id == nil {
			continue
		}
		name, _ := declaratorName(id.Declarator)
		if name == "" {
			continue
		}
		if !typedef {
			t := c.declType(base, id.Declarator)
			c.declareGlobal(name, t)
			c.constObject(d.DeclarationSpecifiers, id)
			switch {
			case id.Initializer != nil && discardedDecl(d, id):
				// The linker drops the object: what its initializer
				// names is kept for the link, and called through
				// nothing (__ADDRESSABLE(sym), which every
				// EXPORT_SYMBOL() writes).
			case inMain && id.Initializer != nil:
				c.initStores(t, id.Initializer, name)
			case id.Initializer != nil:
				// A header's definition: kept only for the unit's own
				// functions (TRACE_EVENT()'s event class, which stores
				// the probe the expansion defined).
				n := len(c.unit.Stores)
				c.initStores(t, id.Initializer, name)
				c.headerStores = append(c.headerStores, c.unit.Stores[n:]...)
				c.unit.Stores = c.unit.Stores[:n]
			}
		}
		if hasFirst && has(d.Token) && isFuncDeclarator(id.Declarator) {
			from, to := c.org.spelling(first), c.org.spelling(d.Token)
			if from.File != "" && from.File == to.File {
				c.protos[name] = append(c.protos[name], protoSpan{from, to})
			}
		}
		if noret || attrsNoReturn(id.AttributeSpecifierList) {
			c.unit.NoReturn[name] = true
		}
		if percpu || attrsPerCPUSection(id.AttributeSpecifierList) || attrsPerCPUSection(d.AttributeSpecifierList) {
			c.unit.PerCPU[name] = true
		}
	}
}

// constObject records in Unit.Enums the value of a const scalar object
// initialised with an integer constant: it holds that value for good, as
// an enumerator does (cleanup.h's class_<name>_is_conditional, false for
// an unconditional guard, which makes scoped_guard()'s loop run its body
// once).
func (c *converter) constObject(ds *cc.DeclarationSpecifiers, id *cc.InitDeclarator) {
	if !isConst(ds) || id.Initializer == nil || id.Initializer.Case != cc.InitializerExpr {
		return
	}
	if d := id.Declarator; d == nil || d.Pointer != nil || d.DirectDeclarator == nil || d.DirectDeclarator.Case != cc.DirectDeclaratorIdent {
		return
	}
	x, _, _ := c.expr(id.Initializer.AssignmentExpression)
	if v, ok := ConstIntIn(x, c.unit.Enums); ok {
		c.unit.Enums[id.Declarator.DirectDeclarator.Token.SrcStr()] = v
	}
}

// isConst reports whether declaration specifiers qualify the type const.
func isConst(ds *cc.DeclarationSpecifiers) bool {
	for ; ds != nil; ds = ds.DeclarationSpecifiers {
		if ds.Case == cc.DeclarationSpecifiersTypeQual && ds.TypeQualifier != nil && ds.TypeQualifier.Case == cc.TypeQualifierConst {
			return true
		}
	}
	return false
}

func isPerCPUDefiner(name string) bool {
	return strings.HasPrefix(name, "DEFINE_PER_CPU") || strings.HasPrefix(name, "DECLARE_PER_CPU")
}

func firstSpecToken(ds *cc.DeclarationSpecifiers) (cc.Token, bool) {
	if ds == nil {
		return cc.Token{}, false
	}
	var t cc.Token
	switch {
	case ds.StorageClassSpecifier != nil:
		t = ds.StorageClassSpecifier.Token
	case ds.TypeSpecifier != nil:
		ts := ds.TypeSpecifier
		t = ts.Token
		// struct x, union x, enum x: the keyword is the specifier's own.
		switch {
		case has(t):
		case ts.StructOrUnionSpecifier != nil && ts.StructOrUnionSpecifier.StructOrUnion != nil:
			t = ts.StructOrUnionSpecifier.StructOrUnion.Token
		case ts.EnumSpecifier != nil:
			t = ts.EnumSpecifier.Token
		}
	case ds.TypeQualifier != nil:
		t = ds.TypeQualifier.Token
	case ds.FunctionSpecifier != nil:
		t = ds.FunctionSpecifier.Token
	case ds.AttributeSpecifierList != nil && ds.AttributeSpecifierList.AttributeSpecifier != nil:
		t = ds.AttributeSpecifierList.AttributeSpecifier.Token
	default:
		t = ds.Token
	}
	return t, has(t)
}

// isInline reports whether a definition is inline. A header's inline
// functions are every includer's, converted only where called; one it
// defines otherwise is compiled into the unit that includes it (the
// functions TRACE_EVENT() defines where CREATE_TRACE_POINTS is set), and
// is the unit's own.
func isInline(ds *cc.DeclarationSpecifiers) bool {
	for ; ds != nil; ds = ds.DeclarationSpecifiers {
		if ds.FunctionSpecifier != nil && ds.FunctionSpecifier.Case == cc.FunctionSpecifierInline {
			return true
		}
	}
	return false
}

// boolSpecs reports whether declaration specifiers name bool (_Bool, or
// the kernel's typedef).
func boolSpecs(ds *cc.DeclarationSpecifiers) bool {
	for ; ds != nil; ds = ds.DeclarationSpecifiers {
		if ts := ds.TypeSpecifier; ts != nil && (ts.Case == cc.TypeSpecifierBool || ts.Case == cc.TypeSpecifierTypeName && ts.Token.SrcStr() == "bool") {
			return true
		}
	}
	return false
}

// gfpFlagsSpecs reports whether declaration specifiers name the kernel's
// GFP flags type.
func gfpFlagsSpecs(ds *cc.DeclarationSpecifiers) bool {
	for ; ds != nil; ds = ds.DeclarationSpecifiers {
		if ts := ds.TypeSpecifier; ts != nil && ts.Case == cc.TypeSpecifierTypeName && ts.Token.SrcStr() == kapi.GFPFlagsType {
			return true
		}
	}
	return false
}

func noreturnSpecs(ds *cc.DeclarationSpecifiers) bool {
	for ; ds != nil; ds = ds.DeclarationSpecifiers {
		if ds.FunctionSpecifier != nil && ds.FunctionSpecifier.Case == cc.FunctionSpecifierNoreturn {
			return true
		}
		if attrsNoReturn(ds.AttributeSpecifierList) {
			return true
		}
	}
	return false
}

// attrValues calls fn with each attribute name and its argument list.
func attrValues(l *cc.AttributeSpecifierList, fn func(name string, args *cc.ArgumentExpressionList)) {
	for ; l != nil; l = l.AttributeSpecifierList {
		if l.AttributeSpecifier == nil {
			continue
		}
		for v := l.AttributeSpecifier.AttributeValueList; v != nil; v = v.AttributeValueList {
			if v.AttributeValue != nil {
				fn(strings.Trim(v.AttributeValue.Token.SrcStr(), "_"), v.AttributeValue.ArgumentExpressionList)
			}
		}
	}
}

func attrsNoReturn(l *cc.AttributeSpecifierList) (r bool) {
	attrValues(l, func(name string, _ *cc.ArgumentExpressionList) {
		if name == "noreturn" {
			r = true
		}
	})
	return r
}

// attrsPerCPUSection recognises the section attribute DEFINE_PER_CPU puts
// on a per-CPU variable (".data..percpu" and its variants).
func attrsPerCPUSection(l *cc.AttributeSpecifierList) (r bool) {
	attrValues(l, func(name string, args *cc.ArgumentExpressionList) {
		if name == "section" && args != nil && strings.Contains(cc.NodeSource(args), "percpu") {
			r = true
		}
	})
	return r
}

// attrsSection reports whether the attributes place their declaration in
// a section sec accepts.
func attrsSection(l *cc.AttributeSpecifierList, sec func(string) bool) (r bool) {
	attrValues(l, func(name string, args *cc.ArgumentExpressionList) {
		if name == "section" && args != nil {
			r = r || sec(strings.Trim(strings.TrimSpace(cc.NodeSource(args)), `"`))
		}
	})
	return r
}

// discardedSection recognises a section the kernel's linker script
// discards (/DISCARD/ : *(.discard .discard.*)): an object placed there
// never exists at run time (__ADDRESSABLE()'s ".discard.addressable").
func discardedSection(sec string) bool {
	return sec == ".discard" || strings.HasPrefix(sec, ".discard.")
}

// initSection recognises the section of __init functions
// (include/linux/init.h): the kernel frees it once it has booted.
func initSection(sec string) bool { return sec == ".init.text" }

// discardedDecl reports whether a file-scope declarator is placed in a
// discarded section, by an attribute among the declaration's specifiers,
// after its pointer (static void * __used __section(".discard.addressable")
// x, where the attributes qualify the pointer), or after the declarator.
func discardedDecl(d *cc.Declaration, id *cc.InitDeclarator) bool {
	if attrsSection(d.AttributeSpecifierList, discardedSection) || attrsSection(id.AttributeSpecifierList, discardedSection) {
		return true
	}
	return specsOrPointerSection(d.DeclarationSpecifiers, id.Declarator, discardedSection)
}

// specsOrPointerSection reports whether declaration specifiers, or the
// qualifiers of a declarator's pointer (void * __init f(void), where the
// attribute follows the *), place the declaration in a section sec
// accepts.
func specsOrPointerSection(ds *cc.DeclarationSpecifiers, d *cc.Declarator, sec func(string) bool) bool {
	for ; ds != nil; ds = ds.DeclarationSpecifiers {
		if attrsSection(ds.AttributeSpecifierList, sec) || ds.TypeQualifier != nil && attrsSection(ds.TypeQualifier.AttributeSpecifierList, sec) {
			return true
		}
	}
	if d == nil {
		return false
	}
	for p := d.Pointer; p != nil; p = p.Pointer {
		for q := p.TypeQualifiers; q != nil; q = q.TypeQualifiers {
			if q.TypeQualifier != nil && attrsSection(q.TypeQualifier.AttributeSpecifierList, sec) {
				return true
			}
		}
	}
	return false
}

func isFuncDeclarator(d *cc.Declarator) bool {
	for dd := d.DirectDeclarator; dd != nil; dd = dd.DirectDeclarator {
		if dd.Case == cc.DirectDeclaratorFuncParam || dd.Case == cc.DirectDeclaratorFuncIdent {
			return true
		}
	}
	return false
}

// predefinedTolerant asks gcc for its predefined macros, dropping flags it
// rejects: kbuild's CHECKFLAGS are sparse's (-mlittle-endian on x86), and a
// newer compiler's options may be unknown to the installed one.
func predefinedTolerant(gcc string, flags []string) (string, error) {
	for tries := 0; ; tries++ {
		p, err := cpp.Predefined(gcc, flags)
		if err == nil || tries == 8 {
			return p, err
		}
		bad := rejectedOption(err.Error())
		if bad == "" || !slices.Contains(flags, bad) {
			return p, err
		}
		flags = slices.DeleteFunc(slices.Clone(flags), func(f string) bool { return f == bad })
	}
}

// rejectedOption finds the option gcc names in "unrecognized command-line
// option 'X'" (with typographic or plain quotes).
func rejectedOption(msg string) string {
	for _, marker := range []string{"unrecognized command-line option ", "unrecognized command line option ", "unrecognized argument in option "} {
		i := strings.Index(msg, marker)
		if i < 0 {
			continue
		}
		rest := strings.TrimLeft(msg[i+len(marker):], "'‘\"`")
		end := strings.IndexAny(rest, "'’\"`")
		if end > 0 {
			return rest[:end]
		}
	}
	return ""
}

// calledIn collects the names of functions called directly in s.
func calledIn(s *Stmt, out map[string]bool) {
	WalkExprs(s, func(e *Expr) {
		if n := e.Callee(); n != "" {
			out[n] = true
		}
	})
}

// inMain reports whether t was written, or its outermost macro invoked,
// in one of the unit's own files.
func (c *converter) inMain(t cc.Token) bool {
	return c.ownFile(c.org.where(t).File)
}

// ownFile reports whether the unit's functions and declarations written
// in file are its own: the main file, and the .c files it includes, which
// kbuild compiles only through it (kernel/sched/build_policy.c includes
// rt.c and deadline.c, rtmutex_api.c includes rtmutex.c). Headers'
// functions are every includer's, converted only when called.
func (c *converter) ownFile(file string) bool { return ownFile(c.main, file) }

// ownFile reports whether file holds the unit's own code: the unit's
// file, or a .c file it includes.
func ownFile(main, file string) bool {
	file = filepath.Clean(file)
	return file == main || strings.HasSuffix(file, ".c")
}

// WholeUnits hands the parser the whole preprocessed unit, the bodies of
// header declarations nothing uses included (see reduceUnit):
// the differential test sets it to show that the reduction changes no
// finding.
var WholeUnits = false

// enumValues records the values of an enumeration's enumerators in
// Unit.Enums: an explicit value the parser can compute, or one more than
// the previous one. After a value it cannot compute (sizeof), the
// implicit ones that follow are unknown too.
func (c *converter) enumValues(l *cc.EnumeratorList) {
	next, known := uint64(0), true
	for ; l != nil; l = l.EnumeratorList {
		en := l.Enumerator
		if en == nil {
			continue
		}
		if en.Case == cc.EnumeratorExpr {
			x, _, _ := c.expr(en.ConstantExpression)
			next, known = ConstIntIn(x, c.unit.Enums)
		}
		if known {
			c.unit.Enums[en.Token.SrcStr()] = next
		}
		next++
	}
}
