package kbuild

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/kpreempt/kpreempt/internal/boundedio"
)

// compileCommand is one entry of compile_commands.json.
type compileCommand struct {
	Directory string   `json:"directory"`
	File      string   `json:"file"`
	Command   string   `json:"command"`
	Arguments []string `json:"arguments"`
}

// DB is a compilation database: the Unit of every kernel C file it lists.
type DB struct {
	Path  string
	Units map[string]*Unit // by absolute, cleaned file name
	Files []string         // the same files, in database order
}

// MaxDBSize bounds the size of compile_commands.json. An entry is a few KB
// (its command line), so even an allyesconfig tree's, some 30,000 units,
// is about 100 MB.
const MaxDBSize = 512 << 20

// LoadDB reads compile_commands.json. Entries for assembler files and host
// programs (no -D__KERNEL__) are skipped. A malformed database is an error;
// a malformed entry makes the whole database unusable too, since its
// position in the file is the only way to name it.
func LoadDB(path string) (*DB, error) {
	b, err := boundedio.ReadFile(path, MaxDBSize)
	if err != nil {
		return nil, err
	}
	var entries []compileCommand
	if err := json.Unmarshal(b, &entries); err != nil {
		return nil, fmt.Errorf("%s: not a compilation database: %v", path, err)
	}
	db := &DB{Path: path, Units: map[string]*Unit{}}
	for i, e := range entries {
		if e.File == "" || e.Directory == "" {
			return nil, fmt.Errorf("%s: entry %d has no \"file\" or \"directory\"", path, i+1)
		}
		if !filepath.IsAbs(e.Directory) {
			return nil, fmt.Errorf("%s: entry %d: \"directory\" %q is not absolute", path, i+1, e.Directory)
		}
		if !strings.HasSuffix(e.File, ".c") {
			continue
		}
		args := e.Arguments
		if len(args) == 0 {
			if args, err = splitCommand(e.Command); err != nil {
				return nil, fmt.Errorf("%s: entry %d: %v", path, i+1, err)
			}
		}
		if !hasKernelDefine(args) {
			continue // a host program (scripts/, tools/)
		}
		u, err := FromCommand(args, e.Directory, e.File)
		if err != nil {
			return nil, fmt.Errorf("%s: entry %d: %v", path, i+1, err)
		}
		if _, dup := db.Units[u.File]; !dup {
			db.Files = append(db.Files, u.File)
		}
		db.Units[u.File] = u
	}
	return db, nil
}

func hasKernelDefine(args []string) bool {
	for i, a := range args {
		if a == "-D__KERNEL__" || a == "-D" && i+1 < len(args) && args[i+1] == "__KERNEL__" {
			return true
		}
	}
	return false
}

// splitCommand splits a shell command line as compile_commands.json writes
// it: words separated by blanks, single and double quotes, backslash
// escapes.
func splitCommand(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case c == '\\' && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
			inWord = true
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("unterminated quote in command")
			}
			cur.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == '"':
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\"\\$`", s[i+1]) >= 0 {
					i++
				}
				cur.WriteByte(s[i])
			}
			if i >= len(s) {
				return nil, fmt.Errorf("unterminated quote in command")
			}
			inWord = true
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}
