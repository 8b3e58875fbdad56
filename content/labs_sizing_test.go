package content

import (
	"testing"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
)

// TestSizingLabsWantEveryStep: each sizing lab's goals stay unmet until
// every step its hints teach is taken, not only the first one.
func TestSizingLabsWantEveryStep(t *testing.T) {
	cat := design.Builtin()
	reg := rules.Default(cat)
	lib, err := Load(cat, reg)
	if err != nil {
		t.Fatal(err)
	}
	groups := func(n float64) func(d *design.Design) {
		return func(d *design.Design) {
			d.Assumptions["IntakeQueue"] = design.Assumptions{MessageGroups: &n}
		}
	}
	highThroughput := func(d *design.Design) {
		q := d.Block("IntakeQueue")
		q.Props["DeduplicationScope"], q.Props["FifoThroughputLimit"] = "messageGroup", "perMessageGroupId"
	}
	shards := func(n int) func(d *design.Design) {
		return func(d *design.Design) { d.Block("ClickStream").Props["ShardCount"] = n }
	}
	esm := func(batch, parallel int) func(d *design.Design) {
		return func(d *design.Design) {
			for i := range d.Connections {
				if d.Connections[i].ID == "ClickStream-CountClicks" {
					d.Connections[i].Props["BatchSize"], d.Connections[i].Props["ParallelizationFactor"] = batch, parallel
				}
			}
		}
	}
	cases := []struct {
		lab, name string
		steps     []func(*design.Design)
		allMet    bool
	}{
		// 600 sends/s against 300 without high-throughput mode: 200%.
		{"ledger-groups", "many groups only", []func(*design.Design){groups(500)}, false},
		// One group in high-throughput mode: 600 sends/s against the 300 a
		// group takes, and the worker runs one batch at a time: 10 / 0.12 s
		// = 83 messages/s against 250 arriving.
		{"ledger-groups", "high-throughput only", []func(*design.Design){highThroughput}, false},
		// 4 groups: 150 sends/s a group, 50%; the worker 4 × 10 / 0.12 s =
		// 333 messages/s, above 250.
		{"ledger-groups", "high-throughput and 4 groups", []func(*design.Design){highThroughput, groups(4)}, true},
		// 4 shards for a need of 3: 75%; the worker 4 × 100 / 2.02 s = 198
		// records/s, below 1,200 arriving.
		{"clickstream-shards", "shards only", []func(*design.Design){shards(4)}, false},
		// 4 × 6 × 100 / 2.02 s = 1,188 records/s: still below 1,200.
		{"clickstream-shards", "shards and parallel batches of 100", []func(*design.Design){shards(4), esm(100, 6)}, false},
		// 4 × 2 × 500 / 2.02 s = 1,980 records/s, and 2.4 invocations/s
		// instead of 12 keep the function's cost within the budget.
		{"clickstream-shards", "shards and parallel batches of 500", []func(*design.Design){shards(4), esm(500, 2)}, true},
	}
	for _, tc := range cases {
		t.Run(tc.lab+"/"+tc.name, func(t *testing.T) {
			l := lib.byLab[tc.lab]
			d := l.StartDesign.Clone()
			if d.Assumptions == nil {
				d.Assumptions = map[string]design.Assumptions{}
			}
			for _, step := range tc.steps {
				step(d)
			}
			res := reg.Grade(d, l.Goals)
			if rules.AllMet(res) != tc.allMet {
				t.Fatalf("all met = %v, want %v: %+v", rules.AllMet(res), tc.allMet, res)
			}
		})
	}
}
