package cparse

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"modernc.org/cc/v4"

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
			baseErr = fmt.Errorf("cannot set up the C parser (is gcc installed?): %v", firstLine(baseErr.Error()))
		}
	})
	return baseCfg, baseErr
}

// Error is a unit that could not be read or parsed. Msg is one line.
type Error struct {
	File string
	Msg  string
}

func (e *Error) Error() string { return e.File + ": " + e.Msg }

// Parse reads and parses one unit.
func Parse(u *kbuild.Unit) (*Unit, error) {
	src, err := os.ReadFile(u.File)
	if err != nil {
		var pe *os.PathError
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

// ParseSource parses src as the contents of u.File.
func ParseSource(u *kbuild.Unit, src []byte) (*Unit, error) {
	base, err := baseConfig()
	if err != nil {
		return nil, &Error{File: u.File, Msg: err.Error()}
	}
	cfg := *base
	cfg.IncludePaths = append(append([]string{""}, u.QuoteDirs...), u.IncludeDirs...)
	cfg.IncludePaths = append(cfg.IncludePaths, u.SystemDirs...)
	cfg.SysIncludePaths = append(append([]string{}, u.IncludeDirs...), u.SystemDirs...)
	cfg.HostIncludePaths, cfg.HostSysIncludePaths = nil, nil
	if u.Stubs {
		cfg.FS = kbuild.StubFS()
	}

	var cmdline strings.Builder
	for _, d := range u.Defines {
		if d.Undef {
			fmt.Fprintf(&cmdline, "#undef %s\n", d.Name)
		} else {
			fmt.Fprintf(&cmdline, "#define %s %s\n", d.Name, d.Value)
		}
	}
	for _, inc := range u.Includes {
		fmt.Fprintf(&cmdline, "#include %q\n", inc)
	}
	sources := []cc.Source{
		{Name: "<predefined>", Value: cfg.Predefined},
		{Name: "<builtin>", Value: cc.Builtin},
		{Name: "<command-line>", Value: cmdline.String()},
		{Name: u.File, Value: src},
	}
	ast, err := cc.Parse(&cfg, sources)
	if err != nil {
		return nil, &Error{File: u.File, Msg: parseErrorLine(err)}
	}
	return convertUnit(u.File, src, ast), nil
}

// parseErrorLine reduces cc/v4's error list to its first line.
func parseErrorLine(err error) string {
	return firstLine(err.Error())
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
func convertUnit(file string, src []byte, ast *cc.AST) *Unit {
	u := &Unit{
		File:     file,
		PerCPU:   map[string]bool{},
		NoReturn: map[string]bool{},
		Lines:    strings.Split(string(src), "\n"),
	}
	org := newPositionOrigins()
	org.texts[file] = src
	c := &converter{org: org, unit: u, spans: map[any]span{}}
	main := filepath.Clean(file)
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
			if filepath.Clean(tok.Position().Filename) != main {
				continue
			}
			f := c.function(fd)
			(&attacher{c: c}).stmt(f.Body, ctx{})
			annotate(f, u.Lines)
			u.Funcs = append(u.Funcs, f)
		case cc.ExternalDeclarationDecl:
			c.fileDecl(ed.Declaration)
		}
	}
	return u
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
	for l := d.InitDeclaratorList; l != nil; l = l.InitDeclaratorList {
		id := l.InitDeclarator
		if id == nil {
			continue
		}
		name, _ := declaratorName(id.Declarator)
		if name == "" {
			continue
		}
		if noret || attrsNoReturn(id.AttributeSpecifierList) {
			c.unit.NoReturn[name] = true
		}
		if percpu || attrsPerCPUSection(id.AttributeSpecifierList) || attrsPerCPUSection(d.AttributeSpecifierList) {
			c.unit.PerCPU[name] = true
		}
	}
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
		t = ds.TypeSpecifier.Token
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
