package cparse

import "fmt"

// Pos is a position in a source file, 1-based. Col counts bytes.
type Pos struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Col  int    `json:"col,omitempty"`
}

func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col) }

// IsValid reports whether p names a place.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Before orders positions within one file.
func (p Pos) Before(q Pos) bool {
	if p.Line != q.Line {
		return p.Line < q.Line
	}
	return p.Col < q.Col
}

// Unit is one parsed translation unit.
type Unit struct {
	File  string  // the main file as given
	Funcs []*Func // functions defined in File, in source order
	// Helpers are functions defined in headers that File's functions
	// call, by name: their effects are summarised, never reported on.
	Helpers []*Func
	// PerCPU holds the names of variables declared with DEFINE_PER_CPU and
	// relatives anywhere in the unit.
	PerCPU map[string]bool
	// NoReturn holds functions declared __attribute__((noreturn)).
	NoReturn map[string]bool
	// Enums holds the values of the enumerators declared at file scope
	// whose values the parser could compute (RTM_DELADDR is 21): a
	// switch's case tells what its tag holds.
	Enums map[string]uint64
	// Lines holds the main file's text split into lines, for reports that
	// quote the source.
	Lines []string
	// Standalone is set for a file checked outside a kernel tree: the unit
	// is the whole program, so no caller exists outside it.
	Standalone bool
	// Stores are the places the file writes a function's address into a
	// field of a struct: initialisers (.add = foo_add, at file scope or in
	// a function) and assignments (ops->add = foo_add).
	Stores []FuncStore
	// FieldCopies are the places the file writes what one field holds
	// into another: a static call retargeted to an ops structure's member
	// (static_call_update(x86_pmu_add, x86_pmu.add)).
	FieldCopies []FieldCopy
	// MemberBits are the bits the file writes into struct members, one
	// entry per member (bits.go).
	MemberBits []MemberBits
	// MacroUses are the uses of kernel macros outside function bodies
	// whose arguments name functions (module_init(foo_init)).
	MacroUses []*APIUse
	// Includes are the files preprocessing read, the main file first.
	Includes []string
	// RT says the .config the unit was read under sets CONFIG_PREEMPT_RT
	// (kapi.RTConfig): variant code (APIUse.Variant) is PREEMPT_RT's.
	RT bool
}

// FieldCopy is what field From holds written into field To.
type FieldCopy struct {
	From, To FieldRef
	Pos      Pos
}

// FuncStore is a function's address written into a struct field.
type FuncStore struct {
	Func  string // the function
	Tag   string // the struct tag of the object written
	Field string // the field written (the innermost of a designator chain)
	Var   string // the variable whose field it is, when the object is one
	// Object is the access path of the object written, for an
	// assignment (rq->hrtick_timer for rq->hrtick_timer.function = f),
	// as LockKey writes a call's argument; "" when it is no path.
	Object string
	// Index is the name that designates the array element written
	// ([CPUHP_TEARDOWN_CPU] = { ... }), when one does.
	Index string
	// Global is set for a file-scope function pointer variable written
	// (Field and Var its name, Tag empty), not a struct's field: an
	// anonymous struct's field is no variable of that name.
	Global bool
	// Assigned is set for a store by assignment (ops->add = foo_add),
	// not by an initializer: an object the program fills in at run time.
	Assigned bool
	Pos      Pos
}

// FieldRef names a member of a struct type: the struct tag and the field.
type FieldRef struct {
	Tag, Field string
}

// Func is a function definition.
type Func struct {
	Name   string
	Pos    Pos // the name in the declarator
	End    Pos // the closing brace
	Static bool
	Params []*Var
	Body   *Stmt // a Block

	// Lock annotations of the definition (sparse's __acquires,
	// __releases, __must_hold), as lock keys (see LockKey).
	Acquires, Releases, MustHold []string

	// Weak is set for a weak definition (__weak, __attribute__((weak))):
	// a definition of the same name elsewhere in the program replaces it
	// at link time (init/main.c's empty trap_init()).
	Weak bool

	// DefinedBy is the outermost macro whose expansion wrote the
	// function's name (SYSCALL_DEFINE3, DEFINE_IDTENTRY_IRQ); "" when
	// the name is written in the file.
	DefinedBy string
	// ReturnsPointer is set when the function returns a pointer (its
	// declarator has a * before the name): 0 is then NULL, not success.
	ReturnsPointer bool
	// ReturnsBool is set when the function returns bool: false is then
	// "no", not success.
	ReturnsBool bool
	// GFPParam is the parameter (1-based) declared with the kernel's GFP
	// flags type (kapi.GFPFlagsType), 0 when there is none: the flags its
	// callers choose by their context.
	GFPParam int
	// Context is the Context: section of the kernel-doc comment that
	// documents the function ("Any context.", "atomic"), "" when it has
	// none.
	Context string
	// Init is set for a function placed in the init text section
	// (__init): the kernel frees its code once it has booted, so code
	// that outlives boot reaches it (through __ref) only while booting.
	Init bool
	// Nested is set on a header helper the file's functions do not call,
	// only other helpers: converted for what it does to its caller's
	// context (the locks it leaves held or released), which the
	// helpers' summaries take in, and not walked as a call of the
	// file's (see Unit.Helpers).
	Nested bool
}

// Locals are the names of the variables the function's body declares.
func (f *Func) Locals() map[string]bool {
	out := map[string]bool{}
	WalkStmts(f.Body, func(s *Stmt) {
		for _, d := range s.Decls {
			out[d.Var.Name] = true
		}
	})
	return out
}

// HasParam reports whether the function has a parameter of that name.
func (f *Func) HasParam(name string) bool {
	for _, p := range f.Params {
		if p.Name == name {
			return true
		}
	}
	return false
}

// Var is a parameter or a block-local variable.
type Var struct {
	Name string
	Pos  Pos
}

// StmtKind is the kind of a statement.
type StmtKind uint8

const (
	Block StmtKind = iota
	ExprStmt
	DeclStmt
	If
	While
	DoWhile
	For
	Switch
	Case // Case value, or a case range Value ... Hi
	Default
	Label
	Goto
	GotoExpr // goto *expr (computed goto)
	Break
	Continue
	Return
	Asm
	Empty
)

var stmtKindNames = [...]string{"Block", "ExprStmt", "DeclStmt", "If", "While", "DoWhile", "For",
	"Switch", "Case", "Default", "Label", "Goto", "GotoExpr", "Break", "Continue", "Return", "Asm", "Empty"}

func (k StmtKind) String() string { return stmtKindNames[k] }

// Stmt is a statement. Fields are used according to Kind.
type Stmt struct {
	Kind StmtKind
	Pos  Pos

	List  []*Stmt  // Block
	X     *Expr    // ExprStmt, condition, Return value, Switch tag, Case value, GotoExpr target
	Hi    *Expr    // Case range end
	Init  *Stmt    // For init (ExprStmt or DeclStmt)
	Post  *Expr    // For post
	Body  *Stmt    // If then, loop body, Switch body, Case/Default/Label statement
	Else  *Stmt    // If else
	Label string   // Label name, Goto target
	Decls []*Decl  // DeclStmt
	Asm   *AsmInfo // Asm
	API   *APIUse  // a statement produced whole by a known kernel macro (do { } while (0))
	End   Pos      // Block: the closing brace
}

// Exprs calls fn with each expression the statement holds, its nested
// statements' included, in source order; the expressions themselves are
// not descended into. A nil statement holds none.
func (s *Stmt) Exprs(fn func(*Expr)) {
	if s == nil {
		return
	}
	for _, x := range s.List {
		x.Exprs(fn)
	}
	for _, d := range s.Decls {
		if d.Init != nil {
			fn(d.Init)
		}
	}
	if s.Asm != nil {
		for _, o := range s.Asm.Operands {
			fn(o)
		}
	}
	s.Init.Exprs(fn)
	for _, x := range []*Expr{s.X, s.Hi, s.Post} {
		if x != nil {
			fn(x)
		}
	}
	s.Body.Exprs(fn)
	s.Else.Exprs(fn)
}

// Decl is one declared variable with its initializer.
type Decl struct {
	Var  *Var
	Init *Expr // nil without an initializer
}

// AsmInfo is what the analysis needs of an asm statement.
type AsmInfo struct {
	Goto     bool
	Labels   []string // asm goto targets
	Template string
	Operands []*Expr
}

// ExprKind is the kind of an expression.
type ExprKind uint8

const (
	Ident ExprKind = iota
	Lit
	Call
	Index
	Member    // X.Name or X->Name (Op "." or "->")
	Unary     // Op X: & * + - ~ ! ++ -- sizeof alignof
	Postfix   // X Op: ++ --
	Binary    // X Op Y, including && and ||
	Assign    // X Op Y: = += ...
	Cond      // X ? Y : Z
	Comma     // X, Y
	Cast      // (type) X
	SizeofT   // sizeof(type), _Alignof(type)
	StmtExpr  // ({ ... })
	Compound  // (type){ ... }
	LabelAddr // &&label
	Generic   // _Generic(...)
	AsmExpr   // asm used as an expression operand list (rare)
)

var exprKindNames = [...]string{"Ident", "Lit", "Call", "Index", "Member", "Unary", "Postfix", "Binary",
	"Assign", "Cond", "Comma", "Cast", "SizeofT", "StmtExpr", "Compound", "LabelAddr", "Generic", "AsmExpr"}

func (k ExprKind) String() string { return exprKindNames[k] }

// Expr is an expression. Fields are used according to Kind.
type Expr struct {
	Kind ExprKind
	Op   string
	Pos  Pos
	Name string // Ident, Member field, LabelAddr label, Lit spelling
	X    *Expr
	Y    *Expr
	Z    *Expr
	Args []*Expr // Call arguments, Compound initializers
	Body *Stmt   // StmtExpr
	Ref  *Var    // Ident resolved to a parameter or local; nil for globals
	// Func is set on an Ident that names a function the unit defines or
	// declares (its address is taken where it is not called).
	Func bool
	API  *APIUse // the kernel API this node is, if any
	// Indirect is set on a call through a struct member (ops->add(...)):
	// the struct tag of the object and the member called, when the
	// declarations in scope tell the tag. On a member a branch tests
	// (if (ops->add), ops->add ? ... : ...), it is the member tested;
	// on a pointer to a struct a return statement returns as it read it
	// (return data->domain->pm_dev;), the member returned.
	Indirect *FieldRef
	// Targets is set on a call through a local function pointer: what
	// the variable may hold (see fnptr.go).
	Targets []Target
}

// Callee returns the called function's name for a direct call, else "".
func (e *Expr) Callee() string {
	if e.Kind != Call {
		return ""
	}
	f := e.X
	for f != nil && f.Kind == Unary && f.Op == "*" { // (*fp)(...) stays indirect
		return ""
	}
	if f != nil && f.Kind == Ident {
		return f.Name
	}
	return ""
}

// APIUse records that a node is the use of a named kernel primitive: a call
// of a function with that name, or the expansion of a macro with that name.
type APIUse struct {
	Name string   // as the source wrote it, e.g. "spin_lock_irqsave"
	Pos  Pos      // where it was written
	Args []string // the arguments as written, spaces normalised; a macro argument that stands for a number is that number
	// Values are, per argument, the value of one that is an integer
	// constant expression with operators (RPM_GET_PUT | RPM_ASYNC is
	// 0x5), or the bits of a location it masks (flags & MSG_DONTWAIT is
	// "flags&40", see MaskedValue), or the bits a value has whatever its
	// variables hold (n | NB is "|80000000", see SetBitsValue), else "";
	// nil when there is none.
	// Args keep the names, which say more (GFP_KERNEL), Values what bits
	// the callee tests.
	Values []string
	// Via lists the macros the use was reached through, outermost first,
	// when the primitive sits inside a user macro (MY_LOCK -> spin_lock).
	Via []string
	// Macro is set when the use is a macro expansion rather than a call.
	Macro bool
	// Variant is set when the use is written in code that the other kind
	// of kernel compiles differently: in a conditional group testing
	// CONFIG_PREEMPT_RT (#ifndef CONFIG_PREEMPT_RT), through a macro
	// defined in one (slub_get_cpu_ptr()), or under a branch on such a
	// macro (if (USE_LOCKLESS_FAST_PATH())). What the .config did not
	// choose is not seen, so a finding that rests on it holds on the
	// configured kind only (Unit.RT).
	Variant bool
}
