package pipeline

import (
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"io"
	"os"
	"sync"
)

// toolIdentity names the build of kpreempt that runs. What the store
// keeps of a check (a unit's findings, the program's answers to it)
// holds for the build that made it only: a change to a rule or to the
// link changes neither the facts nor their format, so the facts' version
// cannot tell. It is the Go toolchain's build ID of the running
// executable (its ELF note, which changes with anything the build
// read), else a digest of the file, "" when neither can be read (then
// the kept results are those of any build).
var toolIdentity = sync.OnceValue(executableIdentity)

func executableIdentity() string {
	path, err := os.Executable()
	if err != nil {
		return ""
	}
	if id := goBuildID(path); id != "" {
		return id
	}
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// goBuildID reads the note the Go linker writes into an ELF executable
// (section .note.go.buildid: a 16-byte header, the name "Go\x00\x00",
// then the ID); "" when there is none.
func goBuildID(path string) string {
	f, err := elf.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	s := f.Section(".note.go.buildid")
	if s == nil {
		return ""
	}
	b, err := s.Data()
	if err != nil || len(b) <= 16 || string(b[12:16]) != "Go\x00\x00" {
		return ""
	}
	n := int(f.ByteOrder.Uint32(b[4:8])) // the descriptor's size
	if n <= 0 || 16+n > len(b) {
		return ""
	}
	return string(b[16 : 16+n])
}
