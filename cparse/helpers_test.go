package cparse

import (
	"os"

	"github.com/kpreempt/kpreempt/kbuild"
)

func writeFile(name string, b []byte) error { return os.WriteFile(name, b, 0o644) }

var kbuildUnit = kbuild.Unit{File: "w.c"}
