package kapi

import "strings"

// Static calls (include/linux/static_call.h) are function pointers the
// kernel patches into call sites: static_call(name)(args) calls through
// the trampoline __SCT__name, static_call_update(name, func) retargets
// the key __SCK__name with __static_call_update(&__SCK__name, tramp,
// func), and DEFINE_STATIC_CALL(name, func) initialises the key's func.
// The analysis treats each key as a struct field of its own
// (StaticCall.Tag, the key's name): what is stored there is what its
// static calls reach.
var StaticCall = struct {
	// Trampoline and Key are the prefixes of the trampoline's and the
	// key's symbol names.
	Trampoline, Key string
	// Tag names the key's type, whose fields the keys are.
	Tag string
	// Update is the function that retargets a key: the key's address
	// is its UpdateKeyArg-th argument, the new function its
	// UpdateFuncArg-th.
	Update                      string
	UpdateKeyArg, UpdateFuncArg int
}{
	Trampoline:    "__SCT__",
	Key:           "__SCK__",
	Tag:           "static_call_key",
	Update:        "__static_call_update",
	UpdateKeyArg:  1,
	UpdateFuncArg: 3,
}

// StaticCallName returns the static call a trampoline or key symbol
// belongs to: "x86_pmu_add" for __SCT__x86_pmu_add and
// __SCK__x86_pmu_add.
func StaticCallName(symbol string) (string, bool) {
	for _, p := range []string{StaticCall.Trampoline, StaticCall.Key} {
		if name, ok := strings.CutPrefix(symbol, p); ok && name != "" {
			return name, true
		}
	}
	return "", false
}
