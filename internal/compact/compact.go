// Package compact writes plain Go data (structs, slices, maps, pointers,
// strings, integers, booleans) as compact bytes and reads them back. It
// is the facts store's format: a whole tree's facts are read by every
// run that checks a few of its files, and JSON spent most of that run
// naming fields and spelling the same file names again.
//
// The layout follows the Go type, with nothing of the type written:
// reader and writer must agree on it (the facts carry their version).
//   - integers and booleans: varints (signed ones zig-zag);
//   - a string: a reference into a table that grows as the data goes: 0
//     is a new string, its length and bytes; n is the n-th string met
//     ("" is the first). Reading shares one copy of each;
//   - a slice or a map: its length, then its elements (a map's in key
//     order, so that the same data writes the same bytes). An empty one
//     reads back nil, as encoding/json's omitempty reads it;
//   - a pointer: 0 for nil, else 1 and the value it points to;
//   - a struct: a varint whose bit i says the struct's i-th field is
//     written, then those fields in declaration order. Its fields are
//     the exported ones but those tagged `json:"-"`, which are no more
//     data here than they are in JSON, at most 64; one that is empty
//     (zero, or a slice or map of no elements, or a struct of empty
//     fields) is not written: most fields of most facts are, and
//     reading skips them.
//
// Reading checks every length against the bytes left, so that corrupt
// input is an error, never a panic or an allocation it cannot back.
package compact

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync"
)

// ErrCorrupt is the error of data that is not a valid encoding.
var ErrCorrupt = errors.New("compact: corrupt data")

// Append appends the encoding of v to buf. v is a value or a (non-nil)
// pointer to one, which writes the value; a type the format does not hold (a float, an interface, a
// function) panics: it is the program's mistake, not the data's.
func Append(buf []byte, v any) []byte {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		rv = rv.Elem()
	}
	e := &encoder{buf: buf, strs: map[string]uint64{"": 1}}
	codecOf(rv.Type()).enc(e, rv)
	return e.buf
}

// Unmarshal reads data written by Append into the value v points to.
// Data left over after the value is an error.
func Unmarshal(data []byte, v any) (err error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("compact: Unmarshal needs a non-nil pointer, not %T", v)
	}
	d := &decoder{data: data, strs: []string{""}}
	defer func() {
		if r := recover(); r != nil {
			if r != errShort {
				panic(r)
			}
			err = ErrCorrupt
		}
	}()
	codecOf(rv.Type().Elem()).dec(d, rv.Elem())
	if d.off != len(d.data) {
		return ErrCorrupt
	}
	return nil
}

// errShort is raised inside a decoder and turned into ErrCorrupt.
var errShort = errors.New("short")

type encoder struct {
	buf  []byte
	strs map[string]uint64
}

func (e *encoder) uint(v uint64) { e.buf = binary.AppendUvarint(e.buf, v) }

func (e *encoder) str(s string) {
	if n, ok := e.strs[s]; ok {
		e.uint(n)
		return
	}
	e.strs[s] = uint64(len(e.strs) + 1)
	e.uint(0)
	e.uint(uint64(len(s)))
	e.buf = append(e.buf, s...)
}

type decoder struct {
	data []byte
	off  int
	strs []string
}

func (d *decoder) uint() uint64 {
	v, n := binary.Uvarint(d.data[d.off:])
	if n <= 0 {
		panic(errShort)
	}
	d.off += n
	return v
}

func (d *decoder) int() int64 {
	v, n := binary.Varint(d.data[d.off:])
	if n <= 0 {
		panic(errShort)
	}
	d.off += n
	return v
}

// length reads a count of items each at least min bytes long.
func (d *decoder) length(min int) int {
	n := d.uint()
	if n > uint64(len(d.data)-d.off)/uint64(max(min, 1)) {
		panic(errShort)
	}
	return int(n)
}

func (d *decoder) str() string {
	n := d.uint()
	if n > 0 {
		if n > uint64(len(d.strs)) {
			panic(errShort)
		}
		return d.strs[n-1]
	}
	l := d.length(1)
	s := string(d.data[d.off : d.off+l])
	d.off += l
	d.strs = append(d.strs, s)
	return s
}

// codec writes and reads values of one type.
type codec struct {
	enc func(*encoder, reflect.Value)
	dec func(*decoder, reflect.Value)
	// min is the fewest bytes a value takes: a length read is checked
	// against the bytes left with it.
	min int
	// empty says a value need not be written: it reads back as it is.
	empty func(reflect.Value) bool
}

var (
	codecs   sync.Map // reflect.Type -> *codec, built
	buildsMu sync.Mutex
)

func codecOf(t reflect.Type) *codec {
	if c, ok := codecs.Load(t); ok {
		return c.(*codec)
	}
	buildsMu.Lock()
	defer buildsMu.Unlock()
	b := builder{}
	c := b.codec(t)
	// Published once whole: a type that contains itself (through a
	// pointer or a slice) found its codec half built.
	for t, c := range b {
		codecs.Store(t, c)
	}
	return c
}

// builder holds the codecs being built.
type builder map[reflect.Type]*codec

func (b builder) codec(t reflect.Type) *codec {
	if c, ok := codecs.Load(t); ok {
		return c.(*codec)
	}
	if c, ok := b[t]; ok {
		return c
	}
	c := &codec{}
	b[t] = c
	b.build(c, t)
	return c
}

func (b builder) build(c *codec, t reflect.Type) {
	c.min = 1
	c.empty = reflect.Value.IsZero
	switch t.Kind() {
	case reflect.Bool:
		c.enc = func(e *encoder, v reflect.Value) {
			b := byte(0)
			if v.Bool() {
				b = 1
			}
			e.buf = append(e.buf, b)
		}
		c.dec = func(d *decoder, v reflect.Value) {
			if d.off >= len(d.data) || d.data[d.off] > 1 {
				panic(errShort)
			}
			v.SetBool(d.data[d.off] == 1)
			d.off++
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		c.enc = func(e *encoder, v reflect.Value) { e.buf = binary.AppendVarint(e.buf, v.Int()) }
		c.dec = func(d *decoder, v reflect.Value) {
			n := d.int()
			if v.OverflowInt(n) {
				panic(errShort)
			}
			v.SetInt(n)
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		c.enc = func(e *encoder, v reflect.Value) { e.uint(v.Uint()) }
		c.dec = func(d *decoder, v reflect.Value) {
			n := d.uint()
			if v.OverflowUint(n) {
				panic(errShort)
			}
			v.SetUint(n)
		}
	case reflect.String:
		c.enc = func(e *encoder, v reflect.Value) { e.str(v.String()) }
		c.dec = func(d *decoder, v reflect.Value) { v.SetString(d.str()) }
	case reflect.Pointer:
		elem := b.codec(t.Elem())
		c.enc = func(e *encoder, v reflect.Value) {
			if v.IsNil() {
				e.uint(0)
				return
			}
			e.uint(1)
			elem.enc(e, v.Elem())
		}
		c.dec = func(d *decoder, v reflect.Value) {
			switch d.uint() {
			case 0:
			case 1:
				p := reflect.New(t.Elem())
				elem.dec(d, p.Elem())
				v.Set(p)
			default:
				panic(errShort)
			}
		}
	case reflect.Slice:
		b.buildSlice(c, t)
	case reflect.Array:
		elem := b.codec(t.Elem())
		c.min = t.Len() * elem.min
		c.empty = func(v reflect.Value) bool {
			for i := range v.Len() {
				if !elem.empty(v.Index(i)) {
					return false
				}
			}
			return true
		}
		c.enc = func(e *encoder, v reflect.Value) {
			for i := range v.Len() {
				elem.enc(e, v.Index(i))
			}
		}
		c.dec = func(d *decoder, v reflect.Value) {
			for i := range v.Len() {
				elem.dec(d, v.Index(i))
			}
		}
	case reflect.Map:
		b.buildMap(c, t)
	case reflect.Struct:
		b.buildStruct(c, t)
	default:
		panic(fmt.Sprintf("compact: cannot encode %s", t))
	}
}

func (b builder) buildSlice(c *codec, t reflect.Type) {
	c.empty = func(v reflect.Value) bool { return v.Len() == 0 }
	if t.Elem().Kind() == reflect.String {
		// The most common list, done without a reflect call per element.
		c.enc = func(e *encoder, v reflect.Value) {
			ss := v.Convert(reflect.TypeFor[[]string]()).Interface().([]string)
			e.uint(uint64(len(ss)))
			for _, s := range ss {
				e.str(s)
			}
		}
		c.dec = func(d *decoder, v reflect.Value) {
			n := d.length(1)
			if n == 0 {
				return
			}
			ss := make([]string, n)
			for i := range ss {
				ss[i] = d.str()
			}
			v.Set(reflect.ValueOf(ss).Convert(t))
		}
		return
	}
	elem := b.codec(t.Elem())
	c.enc = func(e *encoder, v reflect.Value) {
		e.uint(uint64(v.Len()))
		for i := range v.Len() {
			elem.enc(e, v.Index(i))
		}
	}
	c.dec = func(d *decoder, v reflect.Value) {
		n := d.length(elem.min)
		if n == 0 {
			return
		}
		s := reflect.MakeSlice(t, n, n)
		for i := range n {
			elem.dec(d, s.Index(i))
		}
		v.Set(s)
	}
}

func (b builder) buildMap(c *codec, t reflect.Type) {
	c.empty = func(v reflect.Value) bool { return v.Len() == 0 }
	key, elem := b.codec(t.Key()), b.codec(t.Elem())
	var less func(a, b reflect.Value) int
	switch t.Key().Kind() {
	case reflect.String:
		less = func(a, b reflect.Value) int { return cmp.Compare(a.String(), b.String()) }
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		less = func(a, b reflect.Value) int { return cmp.Compare(a.Int(), b.Int()) }
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		less = func(a, b reflect.Value) int { return cmp.Compare(a.Uint(), b.Uint()) }
	default:
		panic(fmt.Sprintf("compact: cannot order the keys of %s", t))
	}
	c.enc = func(e *encoder, v reflect.Value) {
		keys := v.MapKeys()
		slices.SortFunc(keys, less)
		e.uint(uint64(len(keys)))
		for _, k := range keys {
			key.enc(e, k)
			elem.enc(e, v.MapIndex(k))
		}
	}
	c.dec = func(d *decoder, v reflect.Value) {
		n := d.length(key.min + elem.min)
		if n == 0 {
			return
		}
		m := reflect.MakeMapWithSize(t, n)
		k, x := reflect.New(t.Key()).Elem(), reflect.New(t.Elem()).Elem()
		for range n {
			k.SetZero()
			x.SetZero()
			key.dec(d, k)
			elem.dec(d, x)
			m.SetMapIndex(k, x)
		}
		v.Set(m)
	}
}

func (b builder) buildStruct(c *codec, t reflect.Type) {
	type field struct {
		index int
		c     *codec
	}
	var fields []field
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() || f.Tag.Get("json") == "-" {
			continue
		}
		fields = append(fields, field{i, b.codec(f.Type)})
	}
	if len(fields) > 64 {
		panic(fmt.Sprintf("compact: %s has more than 64 fields", t))
	}
	c.empty = func(v reflect.Value) bool {
		for _, f := range fields {
			if !f.c.empty(v.Field(f.index)) {
				return false
			}
		}
		return true
	}
	c.enc = func(e *encoder, v reflect.Value) {
		var written uint64
		for i, f := range fields {
			if !f.c.empty(v.Field(f.index)) {
				written |= 1 << i
			}
		}
		e.uint(written)
		for i, f := range fields {
			if written&(1<<i) != 0 {
				f.c.enc(e, v.Field(f.index))
			}
		}
	}
	c.dec = func(d *decoder, v reflect.Value) {
		written := d.uint()
		if written>>len(fields) != 0 {
			panic(errShort)
		}
		for i := 0; written != 0; i, written = i+1, written>>1 {
			if written&1 != 0 {
				f := fields[i]
				f.c.dec(d, v.Field(f.index))
			}
		}
	}
}
