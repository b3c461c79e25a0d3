package dataflow

import (
	"testing"

	"github.com/kpreempt/kpreempt/cparse"
)

// A callee's lock key in the caller's terms: a parameter's path takes the
// argument's place; a global, a member of a global object and the
// running task's locks keep their names; a local pointer's mean nothing;
// an accessor called on a parameter is called on the argument.
func TestRewriteKey(t *testing.T) {
	params := []string{"dev", "flags"}
	args := []string{"&priv->dev", "0"}
	for key, want := range map[string]string{
		"dev->lock":                      "priv->dev.lock",
		"tx_lock":                        "tx_lock",
		"radix_tree_preloads.lock":       "radix_tree_preloads.lock",
		"current->sighand->siglock":      "current->sighand->siglock",
		"rcu_read_lock()":                "rcu_read_lock()",
		"EXT4_I(dev)->i_data_sem":        "EXT4_I(&priv->dev)->i_data_sem",
		"EXT4_I(inode)->i_data_sem":      "EXT4_I(inode)->i_data_sem",
		"file_inode(dev->filp)->i_rwsem": "file_inode(priv->dev.filp)->i_rwsem",
		"(unix_sk(dev))->lock":           "(unix_sk(&priv->dev))->lock",
		"node->lock":                     "",
		"*slot.lock":                     "",
	} {
		got, ok := RewriteKey(params, key, args)
		if want == "" {
			if ok {
				t.Errorf("RewriteKey(%q) = %q, want nothing: a local pointer of the callee", key, got)
			}
			continue
		}
		if !ok || got != want {
			t.Errorf("RewriteKey(%q) = %q, %v, want %q", key, got, ok, want)
		}
	}
}

// A warning's condition as the source writes it (the kernel's WARN_ON()
// is a statement expression): a location, negated or not, or one
// compared with a named object's address (an EqKey; not with an
// enumerator, nor two plain names, of which the text does not say which
// is the location); anything else teaches nothing.
func TestWrittenTestFacts(t *testing.T) {
	for text, want := range map[string]struct {
		key     string
		yes, no Class
	}{
		"!ctx":                               {"ctx", Zero, NonZero},
		"( ! (ctx) )":                        {"ctx", Zero, NonZero},
		"!!dev->parent":                      {"dev->parent", NonZero, Zero},
		"p.q":                                {"p.q", NonZero, Zero},
		"!ctx || x":                          {},
		"ret != 0":                           {},
		"!f(x)":                              {},
		"1":                                  {},
		"iter->temp == static_temp_buf":      {EqKey("iter->temp", "static_temp_buf"), NonZero, Zero},
		"!(iter->temp == static_temp_buf)":   {EqKey("iter->temp", "static_temp_buf"), Zero, NonZero},
		"static_temp_buf == iter->temp":      {EqKey("iter->temp", "static_temp_buf"), NonZero, Zero},
		"sk->sk_prot != &tcp_prot":           {EqKey("sk->sk_prot", "&tcp_prot"), Zero, NonZero},
		"mode == MODE_ON":                    {},
		"a == b":                             {},
		"iter->temp == static_temp_buf || x": {},
	} {
		key, yes, no := writtenTestFacts(text, map[string]uint64{"MODE_ON": 2})
		if key != want.key || yes != want.yes || no != want.no {
			t.Errorf("writtenTestFacts(%q) = %q %v %v, want %q %v %v", text, key, yes, no, want.key, want.yes, want.no)
		}
	}
}

// A lock named through a local alias, also as an accessor's argument
// that a macro may have parenthesized.
func TestCanonKey(t *testing.T) {
	alias := map[string]string{"sk": "sock->sk", "q": "ctx->queue", "config": "&dev->mode_config"}
	for key, want := range map[string]string{
		"sk->lock":              "sock->sk->lock",
		"(unix_sk(sk))->lock":   "(unix_sk(sock->sk))->lock",
		"unix_sk(sk)->lock":     "unix_sk(sock->sk)->lock",
		"EXT4_I(q->inode)->sem": "EXT4_I(ctx->queue->inode)->sem",
		"pair(sk, q)->lock":     "pair(sk, q)->lock",
		"rcu_read_lock()":       "rcu_read_lock()",
		"other->lock":           "other->lock",
	} {
		if got := canonKey(key, alias); got != want {
			t.Errorf("canonKey(%q) = %q, want %q", key, got, want)
		}
	}
}

// A caller's lock a function left alone on some ways out, dropped on
// others (and taken back on some path between), is the caller's: its
// release is told apart by the value returned. A way out that took and
// released it is the function's own lock's.
func TestCallersOnly(t *testing.T) {
	const key = "inode->i_rwsem"
	untouched := Exit{Value: Pos}
	dropped := Exit{Value: Zero | Neg, State: State{Dropped: KeySet(nil).add(key), Released: KeySet(nil).add(key)}}
	retaken := Exit{Value: Pos, State: State{Locks: LockSet{{Key: key, Retaken: true}}}}
	own := Exit{Value: Pos, State: State{Released: KeySet(nil).add(key)}}
	for _, c := range []struct {
		name  string
		exits []Exit
		want  bool
	}{
		{"untouched or dropped", []Exit{untouched, dropped}, true},
		{"taken back or dropped", []Exit{retaken, dropped}, true},
		{"its own, taken and released", []Exit{own, dropped}, false},
		{"held as its own", []Exit{{Value: Pos, State: State{Locks: LockSet{{Key: key, Must: true}}}}, dropped}, false},
	} {
		if got := callersOnly(c.exits, key); got != c.want {
			t.Errorf("%s: callersOnly = %v, want %v", c.name, got, c.want)
		}
	}
}

// A comparison with an enumerator is one with its value: 0 as with 0,
// another as with a constant of its kind; a mask an enumerator names is
// the location's bits; a name that is no enumerator, or its address, is
// a global object's (an EqKey), a local's teaches nothing. Without the
// unit's enumerators none of it is known.
func TestBranchFactsEnums(t *testing.T) {
	enums := map[string]uint64{"MODE_NONE": 0, "MODE_ON": 2, "MODE_MASK": 3, "MODE_HIGH": 4}
	x := &cparse.Expr{Kind: cparse.Ident, Name: "x", Ref: &cparse.Var{Name: "x"}}
	enum := func(name string) *cparse.Expr { return &cparse.Expr{Kind: cparse.Ident, Name: name} }
	bin := func(op string, y *cparse.Expr) *cparse.Expr {
		return &cparse.Expr{Kind: cparse.Binary, Op: op, X: x, Y: y}
	}
	for _, c := range []struct {
		cond    *cparse.Expr
		key     string
		yes, no Class
	}{
		{bin("==", enum("MODE_NONE")), "x", Zero, NonZero},
		{bin("!=", enum("MODE_NONE")), "x", NonZero, Zero},
		{bin("==", enum("MODE_ON")), "x", Pos, Any},
		{bin("!=", enum("MODE_ON")), "x", Any, Pos},
		{bin("&", enum("MODE_ON")), MaskKey("x", 2), NonZero, Zero},
		// A name none of the enumerators is a global object's.
		{bin("==", enum("UNKNOWN")), EqKey("x", "UNKNOWN"), NonZero, Zero},
		{bin("!=", &cparse.Expr{Kind: cparse.Unary, Op: "&", X: enum("default_ops")}), EqKey("x", "&default_ops"), Zero, NonZero},
		{bin("==", &cparse.Expr{Kind: cparse.Ident, Name: "y", Ref: &cparse.Var{Name: "y"}}), "", 0, 0},
		// (x & (MODE_ON | MODE_LOW)) == MODE_ON: the constant's bits are
		// set where it holds; a constant outside the mask is no such test.
		{&cparse.Expr{Kind: cparse.Binary, Op: "==", X: bin("&", enum("MODE_MASK")), Y: enum("MODE_ON")}, MaskKey("x", 2), NonZero, Any},
		{&cparse.Expr{Kind: cparse.Binary, Op: "!=", X: bin("&", enum("MODE_MASK")), Y: enum("MODE_ON")}, MaskKey("x", 2), Any, NonZero},
		{&cparse.Expr{Kind: cparse.Binary, Op: "==", X: bin("&", enum("MODE_MASK")), Y: enum("MODE_HIGH")}, MaskKey("x", 3), Pos, Any},
	} {
		key, yes, no := branchFactsIn(c.cond, enums)
		if key != c.key || yes != c.yes || no != c.no {
			t.Errorf("%s: %q %v %v, want %q %v %v", cparse.ExprText(c.cond), key, yes, no, c.key, c.yes, c.no)
		}
		if key, _, _ := branchFacts(c.cond); key != "" {
			t.Errorf("%s without the enumerators: facts of %q", cparse.ExprText(c.cond), key)
		}
	}
}

// An EqKey is no MaskKey, whatever its object's name (&bad reads as
// hexadecimal bits).
func TestEqKeyIsNoMask(t *testing.T) {
	k := EqKey("p->ops", "&bad")
	if _, _, ok := SplitMaskKey(k); ok {
		t.Errorf("SplitMaskKey(%q) read bits", k)
	}
	if loc, obj, ok := SplitEqKey(k); !ok || loc != "p->ops" || obj != "&bad" {
		t.Errorf("SplitEqKey(%q) = %q %q %v", k, loc, obj, ok)
	}
	if _, _, ok := SplitEqKey(MaskKey("p->flags", 4)); ok {
		t.Errorf("a MaskKey read as an EqKey")
	}
}
