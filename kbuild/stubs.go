package kbuild

import (
	"embed"
	"io/fs"
)

//go:embed stubs/include
var stubFiles embed.FS

// Stubs returns the embedded stub headers, rooted at the include directory.
func Stubs() fs.FS {
	sub, err := fs.Sub(stubFiles, "stubs/include")
	if err != nil {
		panic("internal error: kbuild: embedded stubs: " + err.Error())
	}
	return sub
}
