package design

import (
	"bytes"
	"testing"
	"time"
)

// NextRevision hands back the content it checked the size of, so that
// backends store it without encoding the design again: those bytes must
// be the design it returns, as MarshalContent encodes it.
func TestNextRevisionContentIsTheStoredEncoding(t *testing.T) {
	cat := Builtin()
	cur, err := Decode([]byte(groupsDoc), cat)
	if err != nil {
		t.Fatal(err)
	}
	cur.Version = 1
	a, err := NextRevision(cur, Batch{BaseVersion: 1, Ops: mustOps(t, `[{"op":"moveBlock","id":"Worker","x":500,"y":40}]`)}, cat, time.Now(), Since{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := MarshalContent(a.Design)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Content, want) {
		t.Fatalf("Content:\n%s\nwant the stored encoding of the new design:\n%s", a.Content, want)
	}
	var back Design
	if err := UnmarshalContent(a.Content, &back); err != nil {
		t.Fatal(err)
	}
	if b := back.Block("Worker"); b == nil || b.X != 500 {
		t.Fatalf("Content holds Worker at %+v, want x 500", b)
	}
}
