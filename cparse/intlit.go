package cparse

import (
	"fmt"
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

// ConstInt evaluates an integer constant expression made of literals,
// casts and the bitwise and arithmetic operators, as macros of flags
// expand (RPM_GET_PUT | RPM_ASYNC is 0x04 | 0x01), in 64-bit unsigned
// arithmetic. Enumerators and sizeof are not known: ok is false.
func ConstInt(e *Expr) (v uint64, ok bool) { return ConstIntIn(e, nil) }

// ConstIntIn is ConstInt with the values of enumerators (Unit.Enums).
func ConstIntIn(e *Expr, enums map[string]uint64) (v uint64, ok bool) {
	if e == nil {
		return 0, false
	}
	switch e.Kind {
	case Lit:
		return IntLit(e.Name)
	case Ident:
		if e.Ref == nil && enums != nil {
			v, ok := enums[e.Name]
			return v, ok
		}
	case Cast:
		return ConstIntIn(e.X, enums)
	case Unary:
		x, ok := ConstIntIn(e.X, enums)
		if !ok {
			return 0, false
		}
		switch e.Op {
		case "~":
			return ^x, true
		case "-":
			return -x, true
		case "+":
			return x, true
		case "!":
			if x == 0 {
				return 1, true
			}
			return 0, true
		}
	case Binary:
		x, okx := ConstIntIn(e.X, enums)
		y, oky := ConstIntIn(e.Y, enums)
		if !okx || !oky {
			return 0, false
		}
		switch e.Op {
		case "|":
			return x | y, true
		case "&":
			return x & y, true
		case "^":
			return x ^ y, true
		case "<<":
			if y < 64 {
				return x << y, true
			}
		case ">>":
			if y < 64 {
				return x >> y, true
			}
		case "+":
			return x + y, true
		case "-":
			return x - y, true
		case "*":
			return x * y, true
		}
	}
	return 0, false
}

// enumerator is the value of e, an enumerator, when it is not negative.
func enumerator(e *Expr, enums map[string]uint64) (uint64, bool) {
	if e = uncast(e); e == nil || e.Kind != Ident || e.Func {
		return 0, false
	}
	v, ok := ConstIntIn(e, enums)
	return v, ok && v>>63 == 0
}

// constComposite is the value of a constant expression built with an
// operator (not a lone literal, whose spelling the argument text keeps),
// when it is not negative.
func constComposite(e *Expr, enums map[string]uint64) (uint64, bool) {
	for e != nil && e.Kind == Cast {
		e = e.X
	}
	if e == nil || e.Kind != Binary && e.Kind != Unary {
		return 0, false
	}
	v, ok := ConstIntIn(e, enums)
	if !ok || v>>63 != 0 {
		return 0, false
	}
	return v, true
}

// ConstValues are, per argument of a call, the value of one that is a
// constant expression with operators, as "0x5", or the bits of a
// location one masks (flags & MSG_DONTWAIT, as MaskedValue writes it),
// or the bits a value certainly has (n | NB, as SetBitsValue writes
// them), else ""; nil when no argument is any (see APIUse.Values).
func ConstValues(args []*Expr) []string { return ConstValuesIn(args, nil) }

// ConstValuesIn is ConstValues with the values of enumerators
// (Unit.Enums): an argument that is one (USB_STATE_NOTATTACHED) is its
// value, as a constant with operators is.
func ConstValuesIn(args []*Expr, enums map[string]uint64) []string {
	var out []string
	for i, a := range args {
		v := ""
		if n, ok := constComposite(a, enums); ok {
			v = fmt.Sprintf("%#x", n)
		} else if n, ok := enumerator(a, enums); ok {
			v = fmt.Sprintf("%#x", n)
		} else if loc, mask, ok := maskedLocation(a); ok {
			v = MaskedValue(loc, mask)
		} else if _, constant := ConstInt(a); !constant {
			if bits := setBits(a, 0); bits != 0 {
				v = SetBitsValue(bits) // some bits known, the others not
			}
		}
		if v == "" {
			continue
		}
		if out == nil {
			out = make([]string, len(args))
		}
		out[i] = v
	}
	return out
}

// setBits are bits an expression's value has whatever its variables
// hold: a constant's, those of either operand of |, those both arms of
// ?: have, and a statement expression's, its last statement's
// (drivers/gpu/drm/i915/gt/uc/intel_guc_ct.h MAKE_SEND_FLAGS(len):
// ({ ...; (FIELD_PREP(..., len_) | INTEL_GUC_CT_SEND_NB); })).
func setBits(e *Expr, depth int) uint64 {
	for e != nil && e.Kind == Cast {
		e = e.X
	}
	if e == nil || depth > 16 {
		return 0
	}
	if v, ok := ConstInt(e); ok {
		return v
	}
	switch e.Kind {
	case Binary:
		if e.Op == "|" {
			return setBits(e.X, depth+1) | setBits(e.Y, depth+1)
		}
	case Cond:
		if e.Y != nil {
			return setBits(e.Y, depth+1) & setBits(e.Z, depth+1)
		}
	case Comma:
		return setBits(e.Y, depth+1)
	case StmtExpr:
		if e.Body != nil && len(e.Body.List) > 0 {
			if last := e.Body.List[len(e.Body.List)-1]; last.Kind == ExprStmt {
				return setBits(last.X, depth+1)
			}
		}
	}
	return 0
}

// SetBitsValue is how a value names bits it certainly has, others
// unknown: "|80000000" (the hexadecimal digits without 0x).
func SetBitsValue(bits uint64) string {
	return "|" + strconv.FormatUint(bits, 16)
}

// MayBitsValue is how a value names the only bits it may have, all
// others clear: "~2" (a call of a function that returns SKB_ALLOC_RX or
// 0; the hexadecimal digits without 0x).
func MayBitsValue(bits uint64) string {
	return "~" + strconv.FormatUint(bits, 16)
}

// SplitMayBits undoes MayBitsValue.
func SplitMayBits(v string) (uint64, bool) {
	rest, ok := strings.CutPrefix(v, "~")
	if !ok {
		return 0, false
	}
	bits, err := strconv.ParseUint(rest, 16, 64)
	return bits, err == nil
}

// SplitSetBits undoes SetBitsValue.
func SplitSetBits(v string) (uint64, bool) {
	rest, ok := strings.CutPrefix(v, "|")
	if !ok {
		return 0, false
	}
	bits, err := strconv.ParseUint(rest, 16, 64)
	return bits, err == nil && bits != 0
}

// maskedLocation reads x & C, with C a nonzero constant and x a variable
// or a member reached from one: the location and the mask.
func maskedLocation(e *Expr) (string, uint64, bool) {
	for e != nil && e.Kind == Cast {
		e = e.X
	}
	if e == nil || e.Kind != Binary || e.Op != "&" {
		return "", 0, false
	}
	for _, side := range [][2]*Expr{{e.X, e.Y}, {e.Y, e.X}} {
		loc, bits := side[0], side[1]
		for loc != nil && loc.Kind == Cast {
			loc = loc.X
		}
		if m, ok := ConstInt(bits); ok && m != 0 && isPlainLocation(loc) {
			return LockKey(ExprText(loc)), m, true
		}
	}
	return "", 0, false
}

// isPlainLocation reports whether e is a variable or a member reached
// from one through -> and . only.
func isPlainLocation(e *Expr) bool {
	for e != nil && e.Kind == Member {
		e = e.X
	}
	return e != nil && e.Kind == Ident
}

// MaskedValue is how a value names the bits mask of the location loc:
// "flags&40" for flags & 0x40 (the hexadecimal digits without 0x).
func MaskedValue(loc string, mask uint64) string {
	return loc + "&" + strconv.FormatUint(mask, 16)
}

// SplitMaskedValue undoes MaskedValue.
func SplitMaskedValue(v string) (loc string, mask uint64, ok bool) {
	i := strings.LastIndexByte(v, '&')
	if i <= 0 {
		return "", 0, false
	}
	m, err := strconv.ParseUint(v[i+1:], 16, 64)
	if err != nil || m == 0 {
		return "", 0, false
	}
	return v[:i], m, true
}
