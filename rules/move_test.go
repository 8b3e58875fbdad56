package rules_test

import (
	"encoding/json"
	"testing"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
)

// A move changes no finding: in every rule's worked example, moving every
// block leaves the findings, their fixes included, byte for byte the same.
// (A fix that adds a block places it relative to a block, not at where
// that block stands.) The fix still puts the new block beside the moved one.
func TestMovingBlocksChangesNoFinding(t *testing.T) {
	cat := design.Builtin()
	reg := rules.Default(cat)
	placed := 0
	for _, m := range reg.Rules() {
		ex, err := reg.Example(m.ID)
		if err != nil || ex == nil {
			continue
		}
		before, _ := json.Marshal(reg.Check(ex.Design))
		moved := ex.Design.Clone()
		for i := range moved.Blocks {
			moved.Blocks[i].X += 1000
			moved.Blocks[i].Y += 480
		}
		after, _ := json.Marshal(reg.Check(moved))
		if string(before) != string(after) {
			t.Errorf("%s: moving the blocks changes the findings:\n%s\n%s", m.ID, before, after)
		}
		for _, f := range reg.Check(moved) {
			for _, op := range f.Fix {
				if op.Op != design.OpAddBlock || op.Near == "" {
					continue
				}
				fixed, _, err := design.Apply(moved, f.Fix, cat)
				if err != nil {
					t.Fatalf("%s: fix: %v", m.ID, err)
				}
				near, added := moved.Block(op.Near), fixed.Block(op.Block.ID)
				if added.X != near.X+op.Block.X || added.Y != near.Y+op.Block.Y {
					t.Errorf("%s: the fix puts %s at %v,%v; %s is at %v,%v", m.ID, added.ID, added.X, added.Y, near.ID, near.X, near.Y)
				}
				placed++
			}
		}
	}
	if placed == 0 {
		t.Fatal("no example has a fix that adds a block: the test checks nothing")
	}
}
