package interproc

import (
	"reflect"
	"sort"

	"github.com/kpreempt/kpreempt/cparse"
)

// Moves say where an edit moved the code of files (named as facts name
// them): each position of the facts before it, by line and column, and
// where the same code is after.
type Moves map[string]map[place]place

type place struct{ line, col int32 }

// Moved compares a unit's facts before and after an edit of its files:
// ok when they are the same but for positions, and the moves keep every
// file's code in its order (an edit that adds, removes or changes lines
// without changing what any function does). Linking the facts after
// then answers every query as linking those before did, positions
// moved: a program's link orders nothing by position. The callee
// digests are compared too: the caller sets the one it knows.
func Moved(before, after *UnitFacts) (Moves, bool) {
	m := Moves{}
	if !samePlaces(reflect.ValueOf(before).Elem(), reflect.ValueOf(after).Elem(), m) {
		return nil, false
	}
	for _, moves := range m {
		from := make([]place, 0, len(moves))
		for p := range moves {
			from = append(from, p)
		}
		sort.Slice(from, func(i, j int) bool { return from[i].before(from[j]) })
		for i := 1; i < len(from); i++ {
			if !moves[from[i-1]].before(moves[from[i]]) {
				return nil, false
			}
		}
	}
	return m, true
}

// Add takes o's moves in: false when the two move a position of one
// file to different places (then m is of no use).
func (m Moves) Add(o Moves) bool {
	for file, moves := range o {
		if m[file] == nil {
			m[file] = map[place]place{}
		}
		for from, to := range moves {
			if seen, ok := m[file][from]; ok && seen != to {
				return false
			}
			m[file][from] = to
		}
	}
	return true
}

func (p place) before(o place) bool {
	return p.line < o.line || p.line == o.line && p.col < o.col
}

var (
	posType       = reflect.TypeFor[Pos]()
	cparsePosType = reflect.TypeFor[cparse.Pos]()
)

// samePlaces compares two values of one type, positions apart, and notes
// the positions' moves in m; false when they differ otherwise, or one
// position would move to two places.
func samePlaces(a, b reflect.Value, m Moves) bool {
	if a.Type() == posType {
		fa, fb := a.Field(0).String(), b.Field(0).String()
		from := place{int32(a.Field(1).Int()), int32(a.Field(2).Int())}
		to := place{int32(b.Field(1).Int()), int32(b.Field(2).Int())}
		if fa != fb || (from.line == 0) != (to.line == 0) {
			return false
		}
		if from.line == 0 {
			return from == to
		}
		if m[fa] == nil {
			m[fa] = map[place]place{}
		}
		if seen, ok := m[fa][from]; ok {
			return seen == to
		}
		m[fa][from] = to
		return true
	}
	switch a.Kind() {
	case reflect.Struct:
		for i := range a.NumField() {
			if !samePlaces(a.Field(i), b.Field(i), m) {
				return false
			}
		}
		return true
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return samePlaces(a.Elem(), b.Elem(), m)
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !samePlaces(a.Index(i), b.Index(i), m) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.Len() != b.Len() {
			return false
		}
		for _, k := range a.MapKeys() {
			bv := b.MapIndex(k)
			if !bv.IsValid() || !samePlaces(a.MapIndex(k), bv, m) {
				return false
			}
		}
		return true
	case reflect.Bool:
		return a.Bool() == b.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() == b.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return a.Uint() == b.Uint()
	case reflect.Float32, reflect.Float64:
		return a.Float() == b.Float()
	case reflect.String:
		return a.String() == b.String()
	}
	return false
}

// Move moves the positions of the replies as the moves say (abs turns a
// file's name in the facts into the path the replies name it by); false
// when a position in a moved file is not one the moves know, and the
// replies are then of no use.
func (r *Replies) Move(m Moves, abs func(string) string) bool {
	byPath := map[string]map[place]place{}
	for file, moves := range m {
		byPath[abs(file)] = moves
	}
	return movePositions(reflect.ValueOf(r).Elem(), byPath)
}

func movePositions(v reflect.Value, m map[string]map[place]place) bool {
	if v.Type() == cparsePosType {
		moves := m[v.Field(0).String()]
		line := v.Field(1).Int()
		if moves == nil || line == 0 {
			return true
		}
		to, ok := moves[place{int32(line), int32(v.Field(2).Int())}]
		if !ok || !v.CanSet() {
			return false
		}
		v.Field(1).SetInt(int64(to.line))
		v.Field(2).SetInt(int64(to.col))
		return true
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if !movePositions(v.Field(i), m) {
				return false
			}
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return movePositions(v.Elem(), m)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if !movePositions(v.Index(i), m) {
				return false
			}
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			// A map's values cannot be changed in place: a copy is.
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			if !movePositions(e, m) {
				return false
			}
			v.SetMapIndex(k, e)
		}
	}
	return true
}
