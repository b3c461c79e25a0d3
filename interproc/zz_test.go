package interproc

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func TestZZ(t *testing.T) {
	st, err := OpenStore(os.Getenv("ZZSTORE"))
	if err != nil {
		t.Fatal(err)
	}
	recs, _ := st.Records()
	for id, r := range recs {
		if u := os.Getenv("ZZUNIT"); u != "" && !strings.HasSuffix(id, u) {
			continue
		}
		uf, err := st.Load(r)
		if err != nil {
			continue
		}
		for _, f := range uf.Funcs {
			if f.Sym.Name == os.Getenv("ZZFUNC") {
				j, _ := json.MarshalIndent(f, "", " ")
				t.Logf("%s %s", id, j)
			}
		}
	}
}
