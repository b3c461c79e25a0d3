package cfg

import (
	"fmt"
	"strings"

	"github.com/kpreempt/kpreempt/cparse"
)

// EventKind is the kind of an event.
type EventKind uint8

const (
	// Call is a call of a function or the use of a kernel macro. API names
	// the primitive or callee; it is nil for an indirect call.
	Call EventKind = iota
	// Return is a function exit: a return statement, or the end of the
	// body (Stmt == nil, Pos at the closing brace).
	Return
	// Ref is a function name used other than by calling it (its address is
	// taken), recorded so that callers can be found.
	Ref
	// Assign is a store to a variable or a field of one (Key), from
	// another such location (From) or from anything else (From == "").
	// Stores of a call's value are recorded on the Call event (DefKey).
	Assign
	// Use is a read of Key that needs it to be valid: indexing an array
	// with it (How "index") or dereferencing it (How "deref").
	Use
	// Inline is an asm statement (Stmt).
	Inline
	// GuardEnd is the end of the scope of a scope guard (guard(),
	// scoped_guard()), where its destructor runs.
	GuardEnd
)

func (k EventKind) String() string {
	return [...]string{"call", "return", "ref", "assign", "use", "asm", "guard-end"}[k]
}

// ReturnValue is the DefKey of a call whose value the function returns.
const ReturnValue = "$ret"

// Event is something that happens at one point of a function.
type Event struct {
	Kind EventKind
	Pos  cparse.Pos
	API  *cparse.APIUse // Call: the primitive or callee, nil when indirect
	Expr *cparse.Expr   // Call: the call or macro expression, if any
	Stmt *cparse.Stmt   // Call: a macro used as a whole statement (WARN_ON(x);); Return: the return statement
	Name string         // Ref: the function named
	// Def is the local variable this call's value is assigned to
	// (v = f(), or a declaration initialised with it).
	Def *cparse.Var
	// DefKey names the location a Call's value is stored in ("cpu",
	// "s->cpu", ReturnValue for return f()), or the location an Assign
	// or Use is about.
	DefKey string
	From   string // Assign: the location copied from
	How    string // Use: "index" or "deref"
	// In is, for a Use, the callee of the innermost call whose argument
	// reads the location (printk("%lu", p->drops): "printk"), or "" for
	// a read outside the arguments of a direct call, or inside an
	// assignment or statement expression written there, whose value may
	// go elsewhere.
	In string
	// Value is the expression an Assign stores (nil when not known).
	Value *cparse.Expr
	// Guards are the constructors of the scope guards whose scope a
	// GuardEnd ends (class_preempt_constructor, ...).
	Guards []string
}

// Name returns the primitive or callee an event names, or "".
func (e *Event) Callee() string {
	if e.API != nil {
		return e.API.Name
	}
	return ""
}

// Edge leads from one block to another. When the block ends by testing a
// condition, Cond is the condition tested and Sense the outcome on this
// edge. Cond is nil on unconditional edges.
type Edge struct {
	To    *Block
	Cond  *cparse.Expr
	Sense bool
}

// Block is a basic block.
type Block struct {
	Index  int
	Kind   string // what made the block: "entry", "if.then", "for.body", ...
	Events []*Event
	Succs  []Edge
	Preds  []*Block
	Live   bool // reachable from the entry
}

func (b *Block) String() string { return fmt.Sprintf("b%d(%s)", b.Index, b.Kind) }

// Graph is the control-flow graph of one function.
type Graph struct {
	Func   *cparse.Func
	Blocks []*Block // Blocks[0] is the entry
	// Enums are the values of the enumerators the function may name
	// (Config.Enums): a condition's mask (chip->flags &
	// IRQCHIP_SUPPORTS_NMI) is one of them as often as a literal.
	Enums map[string]uint64
}

// Entry returns the entry block.
func (g *Graph) Entry() *Block { return g.Blocks[0] }

// Events calls fn for every event of every live block, in block order.
func (g *Graph) Events(fn func(b *Block, e *Event)) {
	for _, b := range g.Blocks {
		if !b.Live {
			continue
		}
		for _, e := range b.Events {
			fn(b, e)
		}
	}
}

// Format renders the graph compactly, one block per line, for tests and
// debugging: "b1 if.then: call f; ret -> b3".
func (g *Graph) Format() string {
	var sb strings.Builder
	for _, b := range g.Blocks {
		if !b.Live {
			continue
		}
		fmt.Fprintf(&sb, "b%d %s:", b.Index, b.Kind)
		for i, e := range b.Events {
			if i > 0 {
				sb.WriteByte(';')
			}
			switch e.Kind {
			case Call:
				if e.API != nil {
					fmt.Fprintf(&sb, " %s", e.API.Name)
				} else {
					sb.WriteString(" (*)")
				}
			case Return:
				sb.WriteString(" return")
			case Ref:
				fmt.Fprintf(&sb, " &%s", e.Name)
			case Assign:
				fmt.Fprintf(&sb, " %s=%s", e.DefKey, e.From)
			case Use:
				fmt.Fprintf(&sb, " %s(%s)", e.How, e.DefKey)
			case Inline:
				sb.WriteString(" asm")
			case GuardEnd:
				sb.WriteString(" guard-end")
			}
		}
		if len(b.Succs) > 0 {
			sb.WriteString(" ->")
			for _, s := range b.Succs {
				fmt.Fprintf(&sb, " b%d", s.To.Index)
				if s.Cond != nil {
					if s.Sense {
						sb.WriteString("T")
					} else {
						sb.WriteString("F")
					}
				}
			}
		}
		sb.WriteByte('\n')
	}
	return sb.String()
}
