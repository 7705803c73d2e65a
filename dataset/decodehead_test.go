package dataset

import (
	"encoding/json"
	"testing"
)

// TestDecodeHead: the head of every embedded record has the id, quote,
// title and headline of the record, whether the body is read by the
// field scan or (malformed, or indented) by json.Unmarshal.
func TestDecodeHead(t *testing.T) {
	set, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range set.All() {
		compact, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		indented, _ := json.MarshalIndent(r, "", "\t")
		for _, body := range [][]byte{compact, indented} {
			h, err := DecodeHead(r.RecordKind(), body)
			if err != nil {
				t.Fatal(err)
			}
			if h.RecordKind() != r.RecordKind() || h.Base().ID != r.Base().ID || h.Base().Quote != r.Base().Quote || Title(h) != Title(r) || headline(h) != headline(r) {
				t.Fatalf("%s: head %+v", r.Base().ID, h)
			}
		}
	}
	for _, bad := range []string{``, `{`, `{"id":`, `{"id":"a"`, `{"id":"a",}`, `[1]`, `{"id":1}`} {
		if _, err := DecodeHead(KindProject, []byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}
