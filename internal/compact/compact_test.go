package compact

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
	"unsafe"
)

type kind uint8

type pos struct {
	File string
	Line int32
	Col  int32
}

type node struct {
	Name     string
	Kind     kind
	Small    int8
	Big      int64
	Mask     uint64
	Flag     bool
	At       pos
	Where    *pos
	Args     []string
	Named    names
	Kids     []node
	Next     *node
	Counts   map[string]int
	ByID     map[uint16]pos
	Pair     [2]int16
	Accepted *string
	Skipped  string `json:"-"`
	private  int
}

type names []string

func sample() node {
	s := ""
	return node{
		Name: "lock", Kind: 3, Small: -128, Big: math.MinInt64, Mask: math.MaxUint64, Flag: true,
		At:    pos{"kernel/sched/core.c", 10, 2},
		Where: &pos{"kernel/sched/core.c", -1, 0},
		Args:  []string{"rq->lock", "", "rq->lock"},
		Named: names{"a", "b"},
		Kids: []node{
			{Name: "child", At: pos{"kernel/sched/core.c", 1, 1}, Counts: map[string]int{"z": 1, "a": -2}},
			{Next: &node{Name: "deep"}},
		},
		Counts:   map[string]int{"x": 1, "y": 2, "": 3},
		ByID:     map[uint16]pos{7: {"a.c", 1, 1}, 2: {"b.c", 2, 2}},
		Pair:     [2]int16{-1, 1},
		Accepted: &s,
	}
}

func TestRoundTrip(t *testing.T) {
	in := sample()
	in.Skipped, in.private = "not data", 5
	data := Append(nil, &in)
	var out node
	if err := Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	in.Skipped, in.private = "", 0
	if !reflect.DeepEqual(in, out) {
		t.Errorf("read back\n%+v\nwrote\n%+v", out, in)
	}
	// A value and a pointer to it write the same bytes, and so does the
	// value read back: the encoding is a function of the data.
	if again := Append(nil, out); !bytes.Equal(again, data) {
		t.Errorf("the data read back writes other bytes")
	}
}

func TestMapsInKeyOrder(t *testing.T) {
	for range 20 {
		m := map[string]int{}
		for i := range 50 {
			m[string(rune('a'+i%26))+string(rune('a'+i/26))] = i
		}
		a, b := Append(nil, m), Append(nil, m)
		if !bytes.Equal(a, b) {
			t.Fatal("the same map wrote different bytes")
		}
	}
}

func TestEmptyReadsNil(t *testing.T) {
	in := node{Args: []string{}, Kids: []node{}, Counts: map[string]int{}}
	var out node
	if err := Unmarshal(Append(nil, in), &out); err != nil {
		t.Fatal(err)
	}
	if out.Args != nil || out.Kids != nil || out.Counts != nil {
		t.Errorf("empty lists read back %#v %#v %#v, want nil", out.Args, out.Kids, out.Counts)
	}
	if !bytes.Equal(Append(nil, in), Append(nil, node{})) {
		t.Error("an empty list and nil write different bytes")
	}
}

// A string written many times is written once, and read back as one.
func TestStringsShared(t *testing.T) {
	file := "drivers/net/ethernet/intel/e1000/e1000_main.c"
	in := make([]pos, 1000)
	for i := range in {
		in[i] = pos{file, int32(i), 1}
	}
	data := Append(nil, in)
	if len(data) > len(file)+1000*5 {
		t.Errorf("%d bytes for 1000 positions in one file", len(data))
	}
	var out []pos
	if err := Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	if len(out) != len(in) || out[999].Line != 999 || out[999].File != file {
		t.Fatalf("read back %d positions, last %+v", len(out), out[len(out)-1])
	}
	if unsafe.StringData(out[0].File) != unsafe.StringData(out[999].File) {
		t.Error("each position read its own copy of the file name")
	}
}

// Every prefix of an encoding, and every encoding with a byte changed,
// reads as an error or as some value: never a panic.
func TestCorrupt(t *testing.T) {
	data := Append(nil, sample())
	for n := range len(data) {
		var out node
		if err := Unmarshal(data[:n], &out); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("the first %d of %d bytes: %v, want ErrCorrupt", n, len(data), err)
		}
	}
	if err := Unmarshal(append(data, 0), new(node)); !errors.Is(err, ErrCorrupt) {
		t.Errorf("a byte left over: %v, want ErrCorrupt", err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		b := bytes.Clone(data)
		b[r.IntN(len(b))] = byte(r.UintN(256))
		_ = Unmarshal(b, new(node))
	}
	// A length no data left could back is refused before it allocates.
	huge := []byte{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01}
	if err := Unmarshal(huge, new([]pos)); !errors.Is(err, ErrCorrupt) {
		t.Errorf("a list of 2^56 positions: %v, want ErrCorrupt", err)
	}
	if err := Unmarshal([]byte{2}, new(bool)); !errors.Is(err, ErrCorrupt) {
		t.Errorf("a boolean 2: %v, want ErrCorrupt", err)
	}
	if err := Unmarshal([]byte{0x80, 0x02}, new(int8)); !errors.Is(err, ErrCorrupt) {
		t.Errorf("128 into an int8: %v, want ErrCorrupt", err)
	}
}

func TestUnmarshalNeedsPointer(t *testing.T) {
	if err := Unmarshal([]byte{0}, node{}); err == nil {
		t.Error("Unmarshal into a value: no error")
	}
}

func TestUnsupportedTypePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("a float encoded without a panic")
		}
	}()
	Append(nil, struct{ F float64 }{1})
}

// FuzzUnmarshal reads arbitrary bytes as facts-shaped data: an error or a
// value, never a panic; a value read writes bytes that read back as the
// same value.
func FuzzUnmarshal(f *testing.F) {
	f.Add(Append(nil, sample()))
	f.Add(Append(nil, node{}))
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, data []byte) {
		var n node
		if Unmarshal(data, &n) != nil {
			return
		}
		again := Append(nil, n)
		var m node
		if err := Unmarshal(again, &m); err != nil {
			t.Fatalf("a value read back does not read again: %v", err)
		}
		if !reflect.DeepEqual(n, m) {
			t.Fatalf("read %+v, written and read again %+v", n, m)
		}
	})
}
