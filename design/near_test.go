package design

import (
	"errors"
	"slices"
	"testing"
)

// addBlock with near places the block at offsets from another block's
// position when it applies, and reads that position, so that a batch
// made before the block moved is a conflict, not a block in the wrong place.
func TestAddBlockNear(t *testing.T) {
	d := mustDecode(t, `{"format":"archlab/v1","title":"T","blocks":[{"id":"Fn","kind":"lambda","x":300,"y":200}]}`)
	next, ch := mustApply(t, d, `[{"op":"addBlock","near":"Fn","block":{"id":"Q","kind":"sqs","x":0,"y":160}}]`)
	if q := next.Block("Q"); q.X != 300 || q.Y != 360 {
		t.Fatalf("the block is at %v,%v, want 300,360", q.X, q.Y)
	}
	if !slices.Contains(ch.Reads, "block/Fn/position") {
		t.Errorf("reads %v: not the near block's position", ch.Reads)
	}
	assertUndo(t, d, next, ch)

	_, _, err := Apply(d, mustOps(t, `[{"op":"addBlock","near":"Nope","block":{"id":"Q","kind":"sqs"}}]`), Builtin())
	var de *Error
	if !errors.As(err, &de) || de.Code != EINVALID || de.Field != "ops[0].near" && de.Field != "near" {
		t.Fatalf("a near naming no block: %v", err)
	}
	if _, err := DecodeOps([]byte(`[{"op":"moveBlock","id":"Fn","x":1,"y":2,"near":"Fn"}]`), Builtin()); err == nil {
		t.Error("near is accepted on moveBlock")
	}
}
