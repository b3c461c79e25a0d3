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
// pointer to one, which writes the value; a type the format does not
// hold (a float, an interface, a function) panics: it is the program's
// mistake, not the data's.
func Append(buf []byte, v any) []byte {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		rv = rv.Elem()
	}
	w := NewWriter(buf)
	codecOf(rv.Type()).enc(w, rv)
	return w.Buf
}

// Unmarshal reads data written by Append into the value v points to.
// Data left over after the value is an error.
func Unmarshal(data []byte, v any) (err error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("compact: Unmarshal needs a non-nil pointer, not %T", v)
	}
	r := NewReader(data)
	defer func() {
		if p := recover(); p != nil {
			if p != ErrCorrupt {
				panic(p)
			}
			err = ErrCorrupt
		}
	}()
	codecOf(rv.Type().Elem()).dec(r, rv.Elem())
	if r.Left() != 0 {
		return ErrCorrupt
	}
	return nil
}

// Writer appends the format's primitives to Buf, for a layout written by
// hand in the same format (cparse's parsed units): varints, booleans,
// and strings through the table.
type Writer struct {
	Buf  []byte
	strs map[string]uint64
}

// NewWriter is a Writer appending to buf, its string table empty.
func NewWriter(buf []byte) *Writer { return &Writer{Buf: buf, strs: map[string]uint64{"": 1}} }

// Uint writes v as a varint.
func (w *Writer) Uint(v uint64) { w.Buf = binary.AppendUvarint(w.Buf, v) }

// Int writes v as a zig-zag varint.
func (w *Writer) Int(v int64) { w.Buf = binary.AppendVarint(w.Buf, v) }

// Bool writes b as a byte, 0 or 1.
func (w *Writer) Bool(b bool) {
	if b {
		w.Buf = append(w.Buf, 1)
	} else {
		w.Buf = append(w.Buf, 0)
	}
}

// Str writes s, or its number when the table has it.
func (w *Writer) Str(s string) {
	if n, ok := w.strs[s]; ok {
		w.Uint(n)
		return
	}
	w.strs[s] = uint64(len(w.strs) + 1)
	w.Uint(0)
	w.Uint(uint64(len(s)))
	w.Buf = append(w.Buf, s...)
}

// Reader reads what a Writer wrote. A read that meets data too short or
// damaged panics with ErrCorrupt, so that a decoder written by hand need
// not check each step: it recovers it once (Unmarshal does).
type Reader struct {
	data []byte
	off  int
	strs []string
}

// NewReader is a Reader of data, its string table empty.
func NewReader(data []byte) *Reader { return &Reader{data: data, strs: []string{""}} }

// Left is how many bytes are not read yet.
func (r *Reader) Left() int { return len(r.data) - r.off }

// Uint reads what Writer.Uint wrote.
func (r *Reader) Uint() uint64 { return readVarint(r, binary.Uvarint) }

// Int reads what Writer.Int wrote.
func (r *Reader) Int() int64 { return readVarint(r, binary.Varint) }

func readVarint[T int64 | uint64](r *Reader, read func([]byte) (T, int)) T {
	v, n := read(r.data[r.off:])
	if n <= 0 {
		panic(ErrCorrupt)
	}
	r.off += n
	return v
}

// Bool reads what Writer.Bool wrote; a byte other than 0 or 1 is
// damage.
func (r *Reader) Bool() bool {
	if r.off >= len(r.data) || r.data[r.off] > 1 {
		panic(ErrCorrupt)
	}
	r.off++
	return r.data[r.off-1] == 1
}

// Count reads a count of items each at least min bytes long: one the
// bytes left could not hold is damage, not an allocation to make.
func (r *Reader) Count(min int) int {
	n := r.Uint()
	if n > uint64(r.Left())/uint64(max(min, 1)) {
		panic(ErrCorrupt)
	}
	return int(n)
}

// Str reads a string: a new one is kept in the table, and every later
// reference to it shares it.
func (r *Reader) Str() string {
	n := r.Uint()
	if n > 0 {
		if n > uint64(len(r.strs)) {
			panic(ErrCorrupt)
		}
		return r.strs[n-1]
	}
	l := r.Count(1)
	s := string(r.data[r.off : r.off+l])
	r.off += l
	r.strs = append(r.strs, s)
	return s
}

// codec writes and reads values of one type.
type codec struct {
	enc func(*Writer, reflect.Value)
	dec func(*Reader, reflect.Value)
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
		c.enc = func(w *Writer, v reflect.Value) { w.Bool(v.Bool()) }
		c.dec = func(r *Reader, v reflect.Value) { v.SetBool(r.Bool()) }
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		c.enc = func(w *Writer, v reflect.Value) { w.Int(v.Int()) }
		c.dec = func(r *Reader, v reflect.Value) {
			n := r.Int()
			if v.OverflowInt(n) {
				panic(ErrCorrupt)
			}
			v.SetInt(n)
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		c.enc = func(w *Writer, v reflect.Value) { w.Uint(v.Uint()) }
		c.dec = func(r *Reader, v reflect.Value) {
			n := r.Uint()
			if v.OverflowUint(n) {
				panic(ErrCorrupt)
			}
			v.SetUint(n)
		}
	case reflect.String:
		c.enc = func(w *Writer, v reflect.Value) { w.Str(v.String()) }
		c.dec = func(r *Reader, v reflect.Value) { v.SetString(r.Str()) }
	case reflect.Pointer:
		elem := b.codec(t.Elem())
		c.enc = func(w *Writer, v reflect.Value) {
			if v.IsNil() {
				w.Uint(0)
				return
			}
			w.Uint(1)
			elem.enc(w, v.Elem())
		}
		c.dec = func(r *Reader, v reflect.Value) {
			switch r.Uint() {
			case 0:
			case 1:
				p := reflect.New(t.Elem())
				elem.dec(r, p.Elem())
				v.Set(p)
			default:
				panic(ErrCorrupt)
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
		c.enc = func(w *Writer, v reflect.Value) {
			for i := range v.Len() {
				elem.enc(w, v.Index(i))
			}
		}
		c.dec = func(r *Reader, v reflect.Value) {
			for i := range v.Len() {
				elem.dec(r, v.Index(i))
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
		c.enc = func(w *Writer, v reflect.Value) {
			ss := v.Convert(reflect.TypeFor[[]string]()).Interface().([]string)
			w.Uint(uint64(len(ss)))
			for _, s := range ss {
				w.Str(s)
			}
		}
		c.dec = func(r *Reader, v reflect.Value) {
			n := r.Count(1)
			if n == 0 {
				return
			}
			ss := make([]string, n)
			for i := range ss {
				ss[i] = r.Str()
			}
			v.Set(reflect.ValueOf(ss).Convert(t))
		}
		return
	}
	elem := b.codec(t.Elem())
	c.enc = func(w *Writer, v reflect.Value) {
		w.Uint(uint64(v.Len()))
		for i := range v.Len() {
			elem.enc(w, v.Index(i))
		}
	}
	c.dec = func(r *Reader, v reflect.Value) {
		n := r.Count(elem.min)
		if n == 0 {
			return
		}
		s := reflect.MakeSlice(t, n, n)
		for i := range n {
			elem.dec(r, s.Index(i))
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
	c.enc = func(w *Writer, v reflect.Value) {
		keys := v.MapKeys()
		slices.SortFunc(keys, less)
		w.Uint(uint64(len(keys)))
		for _, k := range keys {
			key.enc(w, k)
			elem.enc(w, v.MapIndex(k))
		}
	}
	c.dec = func(r *Reader, v reflect.Value) {
		n := r.Count(key.min + elem.min)
		if n == 0 {
			return
		}
		m := reflect.MakeMapWithSize(t, n)
		k, x := reflect.New(t.Key()).Elem(), reflect.New(t.Elem()).Elem()
		for range n {
			k.SetZero()
			x.SetZero()
			key.dec(r, k)
			elem.dec(r, x)
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
	c.enc = func(w *Writer, v reflect.Value) {
		var written uint64
		for i, f := range fields {
			if !f.c.empty(v.Field(f.index)) {
				written |= 1 << i
			}
		}
		w.Uint(written)
		for i, f := range fields {
			if written&(1<<i) != 0 {
				f.c.enc(w, v.Field(f.index))
			}
		}
	}
	c.dec = func(r *Reader, v reflect.Value) {
		written := r.Uint()
		if written>>len(fields) != 0 {
			panic(ErrCorrupt)
		}
		for i := 0; written != 0; i, written = i+1, written>>1 {
			if written&1 != 0 {
				f := fields[i]
				f.c.dec(r, v.Field(f.index))
			}
		}
	}
}
