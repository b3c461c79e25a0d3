package cparse

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kpreempt/kpreempt/kbuild"
)

// bundledUnits parses the bundled examples, each on its own.
func bundledUnits(t *testing.T) []*Unit {
	t.Helper()
	var units []*Unit
	root := filepath.Join("..", "testdata", "csrc")
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".c") {
			return err
		}
		abs, _ := filepath.Abs(path)
		u, perr := Parse(kbuild.Standalone(abs))
		if perr != nil {
			t.Errorf("%s: %v", path, perr)
			return nil
		}
		units = append(units, u)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(units) < 20 {
		t.Fatalf("only %d bundled units parsed", len(units))
	}
	return units
}

// vars counts the distinct variables a unit's functions refer to and
// declare, and the references to them that point at a declared one.
func vars(u *Unit) (distinct, linked int) {
	declared := map[*Var]bool{}
	seen := map[*Var]bool{}
	var refs []*Var
	var stmt func(*Stmt)
	var expr func(*Expr)
	expr = func(x *Expr) {
		if x == nil {
			return
		}
		if x.Ref != nil {
			seen[x.Ref] = true
			refs = append(refs, x.Ref)
		}
		for _, y := range append([]*Expr{x.X, x.Y, x.Z}, x.Args...) {
			expr(y)
		}
		stmt(x.Body)
	}
	stmt = func(s *Stmt) {
		if s == nil {
			return
		}
		for _, d := range s.Decls {
			declared[d.Var], seen[d.Var] = true, true
		}
		for _, c := range append([]*Stmt{s.Init, s.Body, s.Else}, s.List...) {
			stmt(c)
		}
		s.Exprs(expr)
	}
	for _, f := range append(append([]*Func(nil), u.Funcs...), u.Helpers...) {
		for _, p := range f.Params {
			declared[p], seen[p] = true, true
		}
		stmt(f.Body)
	}
	for _, r := range refs {
		if declared[r] {
			linked++
		}
	}
	return len(seen), linked
}

// A unit read back is the unit written: the same fields, the same
// variables shared by their declarations and uses, and the same bytes
// when written again.
func TestEncodeRoundTrip(t *testing.T) {
	for _, u := range bundledUnits(t) {
		b := u.Encode()
		got, err := DecodeUnit(b)
		if err != nil {
			t.Fatalf("%s: %v", u.File, err)
		}
		if !reflect.DeepEqual(got, u) {
			t.Errorf("%s: read back differs", u.File)
			continue
		}
		wd, wl := vars(u)
		gd, gl := vars(got)
		if wd != gd || wl != gl {
			t.Errorf("%s: %d variables, %d uses linked to their declaration; read back %d, %d", u.File, wd, wl, gd, gl)
		}
		if !bytes.Equal(got.Encode(), b) {
			t.Errorf("%s: written again, the encoding differs", u.File)
		}
	}
}

// Every field of the syntax tree is in the encoding: a field added to a
// type without being written would be lost on the way through a file.
func TestEncodeCoversFields(t *testing.T) {
	for _, c := range []struct {
		v      any
		fields int
	}{
		{Unit{}, 14}, {Func{}, 17}, {Var{}, 2}, {Stmt{}, 14}, {Decl{}, 2}, {AsmInfo{}, 4},
		{Expr{}, 14}, {APIUse{}, 7}, {FuncStore{}, 9}, {FieldCopy{}, 3}, {FieldRef{}, 2}, {MemberBits{}, 5},
		{Target{}, 2}, {Pos{}, 3},
	} {
		if n := reflect.TypeOf(c.v).NumField(); n != c.fields {
			t.Errorf("%T has %d fields, the encoding writes %d: update encode.go and this test", c.v, n, c.fields)
		}
	}
}

// A damaged or cut encoding is an error, never a panic or a unit.
func TestDecodeDamaged(t *testing.T) {
	u := parseStandalone(t, `
struct s { int x; };
static int g(struct s *p, int n) { int k = p->x + n; if (k) return k; return -1; }
`)
	b := u.Encode()
	for n := 0; n < len(b); n++ {
		if got, err := DecodeUnit(b[:n]); err == nil || got != nil {
			t.Fatalf("cut at %d of %d bytes: read as a unit", n, len(b))
		}
	}
	for i := len(encodingMagic); i < len(b); i++ {
		c := bytes.Clone(b)
		c[i] ^= 0xff
		_, _ = DecodeUnit(c) // must return, whatever it returns
	}
	if _, err := DecodeUnit(append(bytes.Clone(b), 0)); err == nil {
		t.Error("trailing bytes: read as a unit")
	}
}
