package cpp

import (
	"bytes"
	"fmt"
	"os/exec"
	"strings"
	"sync"
)

type predefEntry struct {
	once sync.Once
	text string
	err  error
}

var predefCache sync.Map // string → *predefEntry

// PredefinedFlags returns the flags of a compiler command line that change
// gcc's predefined macros: -m*, -f*, -O*, -std=*, -ansi, -undef, -pthread.
func PredefinedFlags(flags []string) []string {
	var keep []string
	for _, f := range flags {
		switch {
		case strings.HasPrefix(f, "-m"), strings.HasPrefix(f, "-f"), strings.HasPrefix(f, "-O"),
			strings.HasPrefix(f, "-std="), f == "-ansi", f == "-undef", f == "-pthread":
			keep = append(keep, f)
		}
	}
	return keep
}

// Predefined runs `gcc -dM -E -x c - </dev/null` with the flags that change
// predefined macros (see PredefinedFlags; -D and -U are left out) and returns
// its output. The result is cached per compiler and flags.
func Predefined(gcc string, flags []string) (string, error) {
	keep := PredefinedFlags(flags)
	key := gcc + "\x00" + strings.Join(keep, "\x00")
	v, _ := predefCache.LoadOrStore(key, &predefEntry{})
	e := v.(*predefEntry)
	e.once.Do(func() {
		args := append(append([]string(nil), keep...), "-dM", "-E", "-x", "c", "-")
		cmd := exec.Command(gcc, args...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			msg := strings.TrimSpace(stderr.String())
			if i := strings.IndexByte(msg, '\n'); i >= 0 {
				msg = msg[:i]
			}
			if msg == "" {
				msg = err.Error()
			}
			e.err = fmt.Errorf("%s -dM -E: %s", gcc, msg)
			return
		}
		e.text = string(out)
	})
	return e.text, e.err
}
