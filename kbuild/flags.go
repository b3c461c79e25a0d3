package kbuild

import (
	"fmt"
	"path/filepath"
	"strings"
)

// FromCommand builds the Unit a compiler (or sparse-style checker) command
// line describes. dir is the directory the command runs in; relative paths
// in it are resolved against dir. The source file is the last argument
// ending in .c unless file is given.
func FromCommand(args []string, dir, file string) (*Unit, error) {
	u := &Unit{}
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") && !strings.HasSuffix(args[0], ".c") {
		u.Compiler = args[0]
		args = args[1:]
	}
	abs := func(p string) string {
		if filepath.IsAbs(p) {
			return filepath.Clean(p)
		}
		return filepath.Join(dir, p)
	}
	var src string
	for i := 0; i < len(args); i++ {
		a := args[i]
		// value returns the argument of an option written as "-Xvalue"
		// or "-X value".
		value := func(opt string) (string, bool) {
			if a == opt {
				if i+1 >= len(args) {
					return "", false
				}
				i++
				return args[i], true
			}
			return strings.TrimPrefix(a, opt), true
		}
		switch {
		case a == "-I" || strings.HasPrefix(a, "-I"):
			if v, ok := value("-I"); ok {
				u.IncludeDirs = append(u.IncludeDirs, abs(v))
			}
		case a == "-isystem" || strings.HasPrefix(a, "-isystem"):
			if v, ok := value("-isystem"); ok {
				u.SystemDirs = append(u.SystemDirs, abs(v))
			}
		case a == "-idirafter" || strings.HasPrefix(a, "-idirafter"):
			if v, ok := value("-idirafter"); ok {
				u.AfterDirs = append(u.AfterDirs, abs(v))
			}
		case a == "-iquote" || strings.HasPrefix(a, "-iquote"):
			if v, ok := value("-iquote"); ok {
				u.QuoteDirs = append(u.QuoteDirs, abs(v))
			}
		case a == "-include":
			if v, ok := value("-include"); ok {
				u.Includes = append(u.Includes, abs(v))
			}
		case a == "-D" || strings.HasPrefix(a, "-D"):
			if v, ok := value("-D"); ok {
				name, val, found := strings.Cut(v, "=")
				if !found {
					val = "1"
				}
				u.Defines = append(u.Defines, Define{Name: name, Value: val})
			}
		case a == "-U" || strings.HasPrefix(a, "-U"):
			if v, ok := value("-U"); ok {
				u.Defines = append(u.Defines, Define{Name: v, Undef: true})
			}
		case a == "-nostdinc":
			u.NoStdInc = true
		case a == "-o" || a == "-MF" || a == "-MT" || a == "-MQ" || a == "-x" || a == "-Xassembler" || a == "--param" || a == "-arch":
			i++ // an option with a separate argument that does not matter here
		case strings.HasPrefix(a, "-std=") || strings.HasPrefix(a, "-m") && !strings.HasPrefix(a, "-mllvm") ||
			strings.HasPrefix(a, "-f") && !strings.HasPrefix(a, "-fmacro-prefix-map") && !strings.HasPrefix(a, "-fdiagnostics") ||
			strings.HasPrefix(a, "-O"):
			// Flags that can change the compiler's predefined macros.
			u.CompilerFlags = append(u.CompilerFlags, a)
		case strings.HasPrefix(a, "-"):
			// Warnings, -c, -Wp,..., sparse's --arch=, -Wbitwise: nothing
			// to do with preprocessing.
		case strings.HasSuffix(a, ".c") || strings.HasSuffix(a, ".h"):
			src = a
		}
	}
	if file != "" {
		src = file
	}
	if src == "" {
		return nil, fmt.Errorf("no .c file in the command")
	}
	u.File = abs(src)
	u.Dir = dir
	return u, nil
}
