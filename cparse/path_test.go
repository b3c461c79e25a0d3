package cparse

import (
	"slices"
	"testing"
)

func TestParsePath(t *testing.T) {
	for _, c := range []struct {
		key   string
		base  string
		steps []Step
	}{
		{"q->lock", "q", []Step{{"->", "lock"}}},
		{"$ret->lock", "$ret", []Step{{"->", "lock"}}},
		{"dev.stats[i+1]->l", "dev", []Step{{".", "stats"}, {"[]", "i+1"}, {"->", "l"}}},
		{"m[a[0]]", "m", []Step{{"[]", "a[0]"}}},
		{"bus_lock", "bus_lock", nil},
		{"rcu_read_lock()", "", nil},
		{"*p", "", nil},
		{"f(x)->lock", "", nil},
		{"q->", "", nil},
		{"q[1", "", nil},
		{"$", "", nil},
		{"", "", nil},
	} {
		p := ParsePath(c.key)
		if p.Base != c.base || !slices.Equal(p.Steps, c.steps) {
			t.Errorf("ParsePath(%q) = %q %v, want %q %v", c.key, p.Base, p.Steps, c.base, c.steps)
		}
		if p.String() != c.key {
			t.Errorf("ParsePath(%q).String() = %q", c.key, p.String())
		}
	}
}

func TestPathRebase(t *testing.T) {
	for _, c := range []struct{ key, arg, want string }{
		{"p->lock", "q", "q->lock"},
		{"p->lock", "&x", "x.lock"},
		{"p->lock", "& d->xa", "d->xa.lock"},
		{"p->a.b", "(s->dev)", "s->dev->a.b"},
		{"p", "&x", "x"},
		{"p->lock", "f(x)", "f(x)->lock"},
		{"$ret->lock", "desc", "desc->lock"},
		{"x[i].l", "y->arr", "y->arr[i].l"},
	} {
		if got := ParsePath(c.key).Rebase(c.arg).String(); got != c.want {
			t.Errorf("%q rebased on %q = %q, want %q", c.key, c.arg, got, c.want)
		}
	}
}

func TestPathWithin(t *testing.T) {
	for _, c := range []struct {
		key, obj string
		want     bool
	}{
		{"q->lock", "q", true},
		{"q->a.b", "q->a", true},
		{"q->a", "q->a", true},
		{"q[1].l", "q", true},
		{"qq->lock", "q", false},
		{"q->ab", "q->a", false},
		{"q.lock", "q->lock", false},
		{"f(q)->lock", "f(q)", true},
		{"rcu_read_lock()", "rcu", false},
	} {
		if got := ParsePath(c.key).Within(c.obj); got != c.want {
			t.Errorf("%q within %q = %v, want %v", c.key, c.obj, got, c.want)
		}
	}
	for _, c := range []struct {
		key               string
		variable, members bool
	}{
		{"bus_lock", true, false},
		{"locks[3]", false, false},
		{"q->lock", false, true},
		{"s.l", false, true},
		{"rcu_read_lock()", false, false},
		{"f(x)->l", false, true},
	} {
		p := ParsePath(c.key)
		if p.Variable() != c.variable || p.Members() != c.members {
			t.Errorf("%q: Variable %v Members %v", c.key, p.Variable(), p.Members())
		}
	}
}

func TestPathSameObject(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"rq->lock", "rq->__lock", true},
		{"p->rq.lock", "p->rq.__lock", true},
		{"p->rq.lock", "q->rq.__lock", false},
		{"p->a->lock", "p->b->lock", false},
		{"rq->lock", "rq.lock", false},
		{"x[1]", "x[2]", false},
		{"lock", "other", false},
		{"rcu_read_lock()", "rcu_read_lock()", false},
	} {
		if got := ParsePath(c.a).SameObject(ParsePath(c.b)); got != c.want {
			t.Errorf("%q and %q: same object %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestPathParentReplace(t *testing.T) {
	par, op, ok := ParsePath("fp->data->clk->rwsem").Parent()
	if !ok || par.String() != "fp->data->clk" || op != "->" {
		t.Errorf("Parent = %q %q %v", par.String(), op, ok)
	}
	if _, _, ok := ParsePath("lock").Parent(); ok {
		t.Error("a variable has a parent")
	}
	for _, c := range []struct{ key, prefix, with, want string }{
		{"fp->data->clk->rwsem", "fp->data->clk", "$ret", "$ret->rwsem"},
		{"desc->lock", "desc", "$ret", "$ret->lock"},
		{"desc->lock", "other", "$ret", ""},
		{"desc", "desc", "x->d", "x->d"},
	} {
		got, ok := ParsePath(c.key).Replace(c.prefix, c.with)
		if !ok && c.want != "" || ok && got.String() != c.want {
			t.Errorf("%q: %q for %q = %q %v, want %q", c.key, c.with, c.prefix, got.String(), ok, c.want)
		}
	}
}

func TestMentionsIdent(t *testing.T) {
	for _, c := range []struct {
		key, ident string
		want       bool
	}{
		{"this_cpu_ptr(&pcp.lock)", "pcp", true},
		{"this_cpu_ptr(&pcpu_lock)", "pcp", false},
		{"per_cpu_ptr(&x.lock,cpu)", "x", true},
		{"xx.lock", "x", false},
	} {
		if got := MentionsIdent(c.key, c.ident); got != c.want {
			t.Errorf("MentionsIdent(%q, %q) = %v", c.key, c.ident, got)
		}
	}
}

func TestSamePointee(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"dentry->d_lock", "dentry->d_lockref.lock", true},
		{"p->a->lock", "p->a->b.c.lock", true},
		{"dentry->d_lock", "dentry->d_inode->i_lock", false},
		{"p->a->lock", "q->a->lock", false},
		{"x.lock", "x.y.lock", false}, // no pointer: not known to be one object's
		{"p->arr[i].lock", "p->arr[j].lock", false},
	} {
		if got := ParsePath(c.a).SamePointee(ParsePath(c.b)); got != c.want {
			t.Errorf("%q, %q: SamePointee = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
