package cpp

import (
	"fmt"
	"reflect"
	"sync"
	"testing"
)

// A token must hold no pointer: the collector then neither scans a unit's
// token arrays nor runs write barriers as expansions copy them.
func TestTokenHoldsNoPointer(t *testing.T) {
	var walk func(reflect.Type) string
	walk = func(ty reflect.Type) string {
		switch ty.Kind() {
		case reflect.Struct:
			for i := range ty.NumField() {
				if p := walk(ty.Field(i).Type); p != "" {
					return ty.Field(i).Name + ": " + p
				}
			}
			return ""
		case reflect.Array:
			return walk(ty.Elem())
		case reflect.Bool, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Int,
			reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uint, reflect.Float32, reflect.Float64:
			return ""
		}
		return ty.String()
	}
	if p := walk(reflect.TypeFor[Token]()); p != "" {
		t.Errorf("Token holds a pointer (%s)", p)
	}
}

// Units preprocessed side by side number spellings in the same tables: a
// number is the same for every goroutine and always reads back its string.
func TestTableConcurrent(t *testing.T) {
	tb := newTable([]string{""})
	const workers, n = 4, 3 * (1 << pageBits)
	ids := make([][]uint32, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range n {
				s := fmt.Sprintf("s%d", (i*7+w*13)%n)
				id := tb.id(s)
				if got := tb.at(id); got != s {
					t.Errorf("at(id(%q)) = %q", s, got)
					return
				}
				ids[w] = append(ids[w], id)
			}
		})
	}
	wg.Wait()
	if got := tb.len(); got != n+1 {
		t.Errorf("%d strings numbered, want %d", got, n+1)
	}
	for i := range n {
		s := fmt.Sprintf("s%d", i)
		id := tb.idBytes([]byte(s))
		if tb.at(id) != s || tb.id(s) != id {
			t.Fatalf("%q: number %d reads %q, id %d", s, id, tb.at(id), tb.id(s))
		}
	}
	if got := tb.len(); got != n+1 {
		t.Errorf("%d strings numbered after reading them again, want %d", got, n+1)
	}
}
