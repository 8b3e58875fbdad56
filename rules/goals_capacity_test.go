package rules

import (
	"errors"
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
)

// trafficFixture is goalFixture with traffic on its entries and assumptions.
func trafficFixture(d *design.Design, traffic map[string]design.Traffic, assume map[string]design.Assumptions) *design.Design {
	d.Traffic, d.Assumptions = traffic, assume
	return d
}

var (
	// A REST API takes 500 requests/s at peak (100 on average) into a
	// function of 400 ms: 500 × 0.4 = 200 concurrent executions at peak.
	apiPeak = map[string]design.Traffic{"Api": {AveragePerSecond: floatp(100), PeakPerSecond: floatp(500)}}
	worker  = map[string]design.Assumptions{"Worker": {DurationMs: floatp(400)}}
	// reserved 50: 200 / 50 = 400%, throttled.
	goalUndersized = trafficFixture(goalFixture([]string{"Api:apigateway-rest", "Worker:lambda:OrderWorker"}, []string{"Api>Worker:invoke"},
		map[string]design.Props{"Worker": {"ReservedConcurrentExecutions": 50}}), apiPeak, worker)
	// reserved 250: 200 / 250 = 80%.
	goalSized = trafficFixture(goalFixture([]string{"Api:apigateway-rest", "Worker:lambda:OrderWorker"}, []string{"Api>Worker:invoke"},
		map[string]design.Props{"Worker": {"ReservedConcurrentExecutions": 250}}), apiPeak, worker)
	// The same design without traffic: nothing is measured.
	goalUnstated = goalFixture([]string{"Api:apigateway-rest", "Worker:lambda:OrderWorker"}, []string{"Api>Worker:invoke"},
		map[string]design.Props{"Worker": {"ReservedConcurrentExecutions": 50}})
	// A FIFO queue of one message group at 500 messages/s: 500 send
	// calls/s against the 300 one group takes.
	goalFifoOneGroup = trafficFixture(goalFixture([]string{"Api:apigateway-rest", "Orders:sqs", "Worker:lambda"},
		[]string{"Api>Orders:service-integration", "Orders>Worker:event-source-mapping"},
		map[string]design.Props{"Orders": {"FifoQueue": true}}), apiPeak, worker)
	// An on-demand stream (no shard limit) at 1,000 records/s on
	// average, read 10 records a batch by a function of 1 s: 1 MB/s of
	// 1 KB records needs 2 shards, whose consumers take 2 × 10 / 1 s =
	// 20 records/s, far below what arrives.
	goalStreamBehind = trafficFixture(goalFixture([]string{"Stream:kinesis", "Worker:lambda"}, []string{"Stream>Worker:event-source-mapping"},
		map[string]design.Props{"Stream": {"StreamModeDetails.StreamMode": "ON_DEMAND"}, "Stream>Worker": {"BatchSize": 10}}),
		map[string]design.Traffic{"Stream": {AveragePerSecond: floatp(1000)}}, map[string]design.Assumptions{"Worker": {DurationMs: floatp(1000)}})
)

func TestGoalsCapacity(t *testing.T) {
	reg := Default(design.Builtin())
	lambda, sqs := &Selector{Kind: "lambda"}, &Selector{Kind: "sqs"}
	cases := []struct {
		name string
		goal Goal
		d    *design.Design
		met  bool
	}{
		{"400% of reserved 50 is over", Goal{Check: CheckCapacity}, goalUndersized, false},
		{"80% of reserved 250 is within", Goal{Check: CheckCapacity}, goalSized, true},
		{"80% is within at most 0.8", Goal{Check: CheckCapacity, Block: lambda, AtMost: floatp(0.8)}, goalSized, true},
		{"80% is above at most 0.7", Goal{Check: CheckCapacity, Block: lambda, AtMost: floatp(0.7)}, goalSized, false},
		{"selector on the API only", Goal{Check: CheckCapacity, Block: &Selector{Kind: "apigateway-rest"}}, goalUndersized, true},
		{"selector matches no loaded block", Goal{Check: CheckCapacity, Block: sqs}, goalSized, false},
		{"no traffic stated", Goal{Check: CheckCapacity}, goalUnstated, false},
		{"stated peak 500 meets min 500", Goal{Check: CheckCapacity, MinPeak: floatp(500)}, goalSized, true},
		{"stated peak 500 below min 600", Goal{Check: CheckCapacity, MinPeak: floatp(600)}, goalSized, false},
		{"stated average 100 below min 150", Goal{Check: CheckMonthlyCost, AtMost: floatp(10000), MinAverage: floatp(150)}, goalSized, false},
		{"a stream whose consumers fall behind", Goal{Check: CheckCapacity, Block: &Selector{Kind: "kinesis"}}, goalStreamBehind, false},
		{"the function behind the stream is within its limit", Goal{Check: CheckCapacity, Block: lambda}, goalStreamBehind, true},
		{"one FIFO group at 500 calls/s", Goal{Check: CheckCapacity, Block: sqs}, goalFifoOneGroup, false},
		// REST API 100/s × 2,628,000 s = 262.8 M requests at $3.50/M ≈ $920,
		// and the function more: well above $100, below $10,000.
		{"cost within budget", Goal{Check: CheckMonthlyCost, AtMost: floatp(10000)}, goalSized, true},
		{"cost above budget", Goal{Check: CheckMonthlyCost, AtMost: floatp(100)}, goalSized, false},
		{"cost of the functions only", Goal{Check: CheckMonthlyCost, Block: lambda, AtMost: floatp(900)}, goalSized, true},
		{"cost of a missing block", Goal{Check: CheckMonthlyCost, Block: sqs, AtMost: floatp(900)}, goalSized, false},
		{"cost with no traffic", Goal{Check: CheckMonthlyCost, AtMost: floatp(10000)}, goalUnstated, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.goal.ID, tc.goal.Text = "g", tc.name
			goals := []Goal{tc.goal}
			if err := reg.ValidateGoals(goals); err != nil {
				t.Fatalf("goal invalid: %v", err)
			}
			got := reg.Grade(tc.d, goals)[0]
			if got.Met != tc.met {
				t.Fatalf("met = %v, want %v (why: %q)", got.Met, tc.met, got.Why)
			}
			if !got.Met && got.Why == "" {
				t.Error("a goal not met says nothing of why")
			}
		})
	}
}

func TestGoalsCapacityInvalid(t *testing.T) {
	reg := Default(design.Builtin())
	cases := []struct {
		name  string
		goal  Goal
		field string
	}{
		{"utilisation above 1", Goal{ID: "a", Text: "x", Check: CheckCapacity, AtMost: floatp(1.5)}, "atMost"},
		{"utilisation zero", Goal{ID: "a", Text: "x", Check: CheckCapacity, AtMost: floatp(0)}, "atMost"},
		{"capacity takes no prop", Goal{ID: "a", Text: "x", Check: CheckCapacity, Prop: "Timeout"}, "prop"},
		{"capacity bad kind", Goal{ID: "a", Text: "x", Check: CheckCapacity, Block: &Selector{Kind: "lamda"}}, "block.kind"},
		{"cost needs a budget", Goal{ID: "a", Text: "x", Check: CheckMonthlyCost}, "atMost"},
		{"cost budget negative", Goal{ID: "a", Text: "x", Check: CheckMonthlyCost, AtMost: floatp(-5)}, "atMost"},
		{"min peak zero", Goal{ID: "a", Text: "x", Check: CheckCapacity, MinPeak: floatp(0)}, "minPeak"},
		{"min average negative", Goal{ID: "a", Text: "x", Check: CheckMonthlyCost, AtMost: floatp(5), MinAverage: floatp(-1)}, "minAverage"},
		{"exists takes no min peak", Goal{ID: "a", Text: "x", Check: CheckExists, Block: &Selector{Kind: "sqs"}, MinPeak: floatp(5)}, "minPeak"},
		{"cost takes no min", Goal{ID: "a", Text: "x", Check: CheckMonthlyCost, AtMost: floatp(5), Min: intp(1)}, "min"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := reg.ValidateGoals([]Goal{tc.goal})
			var ge *GoalError
			if !errors.As(err, &ge) {
				t.Fatalf("err = %v, want a GoalError", err)
			}
			if ge.Goal != "a" || ge.Field != tc.field {
				t.Fatalf("err names goal %q field %q, want %q (%v)", ge.Goal, ge.Field, tc.field, err)
			}
		})
	}
}

// TestGoalsHeldToStated: a lab's capacity goal measures at the traffic and
// assumptions of its start (500 requests/s, 400 ms: 200 concurrent), not
// at figures the trainee edits. Reserved 50 with the duration edited to
// 50 ms is 25 concurrent by the design's own figures, 400% by the lab's.
func TestGoalsHeldToStated(t *testing.T) {
	reg := Default(design.Builtin())
	faster := goalUndersized.Clone()
	faster.Assumptions = map[string]design.Assumptions{"Worker": {DurationMs: floatp(50), FailureRate: floatp(0)}}
	unstated := goalUndersized.Clone()
	unstated.Traffic = nil
	cases := []struct {
		name     string
		d        *design.Design
		held     bool
		met      bool
		whyHas   string
		whyLacks string
	}{
		{"own figures: faster by assumption", faster, false, true, "", ""},
		{"held: faster by assumption", faster, true, false, heldNote, ""},
		{"held: traffic removed", unstated, true, false, "400%", ""},
		{"own figures: traffic removed", unstated, false, false, noTraffic, ""},
		{"held: sized", goalSized, true, true, "", ""},
		{"held: undersized as stated", goalUndersized, true, false, "400%", heldNote},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			goals := []Goal{{ID: "g", Text: tc.name, Check: CheckCapacity}}
			if tc.held {
				HoldToStated(goals, goalUndersized)
			}
			if err := reg.ValidateGoals(goals); err != nil {
				t.Fatal(err)
			}
			got := reg.Grade(tc.d, goals)[0]
			if got.Met != tc.met || !strings.Contains(got.Why, tc.whyHas) || tc.whyLacks != "" && strings.Contains(got.Why, tc.whyLacks) {
				t.Fatalf("met = %v, why %q; want met %v, why with %q and without %q", got.Met, got.Why, tc.met, tc.whyHas, tc.whyLacks)
			}
		})
	}
	// The trainee's own figures are left as they are.
	if d := faster.Assumptions["Worker"].DurationMs; *d != 50 {
		t.Errorf("grading changed the design's duration to %v", *d)
	}
	// What the start does not state stays the trainee's: the failure rate
	// given beside the held duration survives the merge.
	held, changed := atStated(faster, goalUndersized)
	if a := held.Assumptions["Worker"]; !changed || *a.DurationMs != 400 || a.FailureRate == nil || *a.FailureRate != 0 {
		t.Errorf("merged assumptions = %+v (changed %v); want durationMs 400 and the failure rate kept", a, changed)
	}
}
