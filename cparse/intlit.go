package cparse

import (
	"strconv"
	"strings"
)

// IntLit reads an integer constant as C spells it (0x40, 1UL, 017).
func IntLit(s string) (uint64, bool) {
	t := strings.TrimRight(strings.ToLower(s), "ul")
	v, err := strconv.ParseUint(t, 0, 64)
	return v, err == nil
}

func isIntLit(s string) bool {
	_, ok := IntLit(s)
	return ok
}
