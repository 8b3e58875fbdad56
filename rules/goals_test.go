package rules

import (
	"errors"
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
)

// goalFixture builds a design from "id:kind[:name]" blocks and
// "from>to:integration" connections.
func goalFixture(blocks []string, conns []string, props map[string]design.Props) *design.Design {
	d := &design.Design{Title: "fixture"}
	for _, b := range blocks {
		parts := strings.Split(b, ":")
		blk := design.Block{ID: parts[0], Kind: parts[1], Props: props[parts[0]]}
		if len(parts) > 2 {
			blk.Name = parts[2]
		}
		d.Blocks = append(d.Blocks, blk)
	}
	for i, c := range conns {
		ends, in, _ := strings.Cut(c, ":")
		from, to, _ := strings.Cut(ends, ">")
		d.Connections = append(d.Connections, design.Connection{ID: "c" + string(rune('a'+i)), From: from, To: to, Integration: in, Props: props[from+">"+to]})
	}
	return d
}

func intp(n int) *int           { return &n }
func floatp(f float64) *float64 { return &f }

var (
	// direct: the API calls the worker, which writes to the table.
	goalDirect = goalFixture([]string{"Api:apigateway-rest", "Worker:lambda:OrderWorker", "Table:dynamodb"},
		[]string{"Api>Worker:invoke", "Worker>Table:sdk"}, nil)
	// buffered: the API sends to a queue the worker reads.
	goalBuffered = goalFixture([]string{"Api:apigateway-rest", "Orders:sqs:OrderQueue", "Worker:lambda:OrderWorker", "Table:dynamodb", "DLQ:sqs:Failed"},
		[]string{"Api>Orders:service-integration", "Orders>Worker:event-source-mapping", "Worker>Table:sdk", "Orders>DLQ:dead-letter"},
		map[string]design.Props{"Orders": {"FifoQueue": true}})
	// bypass: a queue, and a second route around it.
	goalBypass = goalFixture([]string{"Api:apigateway-rest", "Orders:sqs", "Worker:lambda", "Shortcut:lambda", "Table:dynamodb"},
		[]string{"Api>Orders:service-integration", "Orders>Worker:event-source-mapping", "Api>Shortcut:invoke", "Shortcut>Worker:sdk"}, nil)
	// goalAuthorized: buffered, and the API checks callers with a function.
	goalAuthorized = goalFixture([]string{"Api:apigateway-rest", "Orders:sqs", "Worker:lambda", "Auth:lambda"},
		[]string{"Api>Orders:service-integration", "Orders>Worker:event-source-mapping", "Api>Auth:authorizer"}, nil)
	// async: a bus target with and without an on-failure destination.
	goalAsync = goalFixture([]string{"Bus:eventbridge-bus", "Rule:eventbridge-rule", "Billing:lambda", "Shipping:lambda", "Failures:sqs"},
		[]string{"Bus>Rule:rule", "Rule>Billing:target", "Rule>Shipping:target", "Billing>Failures:on-failure"},
		map[string]design.Props{"Rule": {"EventPattern": map[string]any{"source": []any{"shop"}}}})
	// chain: three functions calling one another, one of them asynchronously.
	goalChain = goalFixture([]string{"A:lambda", "B:lambda", "C:lambda", "Table:dynamodb"},
		[]string{"A>B:sdk", "B>C:sdk", "C>Table:sdk"},
		map[string]design.Props{"B>C": {"InvocationType": "Event"}})
)

func TestGoals(t *testing.T) {
	reg := Default(design.Builtin())
	asyncFixed := goalAsync.Clone()
	asyncFixed.Connections = append(asyncFixed.Connections, design.Connection{ID: "cz", From: "Shipping", To: "Failures", Integration: "on-failure"})
	api, lambda, sqs, table := &Selector{Kind: "apigateway-rest|apigateway-http"}, &Selector{Kind: "lambda"}, &Selector{Kind: "sqs"}, &Selector{Kind: "dynamodb"}
	cases := []struct {
		name string
		goal Goal
		d    *design.Design
		met  bool
	}{
		{"exists queue", Goal{Check: CheckExists, Block: sqs}, goalBuffered, true},
		{"exists no queue", Goal{Check: CheckExists, Block: sqs}, goalDirect, false},
		{"exists by name", Goal{Check: CheckExists, Block: &Selector{Kind: "lambda", Name: "worker"}}, goalDirect, true},
		{"exists name elsewhere", Goal{Check: CheckExists, Block: &Selector{Kind: "lambda", Name: "billing"}}, goalDirect, false},
		{"exists at most", Goal{Check: CheckExists, Block: lambda, Max: intp(2)}, goalChain, false},
		{"exists role dead-letter", Goal{Check: CheckExists, Block: &Selector{Kind: "sqs", Role: "dead-letter"}}, goalBuffered, true},
		{"exists role not dead-letter", Goal{Check: CheckExists, Block: &Selector{Kind: "sqs", Role: "!dead-letter"}, Min: intp(2)}, goalBuffered, false},
		{"exists entry", Goal{Check: CheckExists, Block: &Selector{Kind: "lambda", Role: "entry"}}, goalChain, true},
		{"exists no entry", Goal{Check: CheckExists, Block: &Selector{Kind: "lambda", Role: "entry"}}, goalDirect, false},
		{"connected", Goal{Check: CheckConnected, From: sqs, To: lambda, Integration: "event-source-mapping"}, goalBuffered, true},
		{"not connected", Goal{Check: CheckConnected, From: sqs, To: lambda}, goalDirect, false},
		{"connected by model", Goal{Check: CheckConnected, From: api, To: lambda, Model: "sync"}, goalDirect, true},
		{"lambda calls at most one", Goal{Check: CheckConnected, From: lambda, To: lambda, Max: intp(1), Min: intp(0)}, goalChain, false},
		{"lambda calls none", Goal{Check: CheckConnected, From: lambda, To: lambda, Max: intp(1), Min: intp(0)}, goalDirect, true},
		{"path", Goal{Check: CheckPath, From: api, To: table}, goalBuffered, true},
		{"no path past failure", Goal{Check: CheckPath, From: api, To: &Selector{Name: "failed"}}, goalBuffered, false},
		{"between", Goal{Check: CheckBetween, From: api, Via: sqs, To: &Selector{Kind: "lambda", Name: "worker"}}, goalBuffered, true},
		{"between missing", Goal{Check: CheckBetween, From: api, Via: sqs, To: lambda}, goalDirect, false},
		{"between with an authorizer", Goal{Check: CheckBetween, From: api, Via: sqs, To: lambda}, goalAuthorized, true},
		{"between bypassed", Goal{Check: CheckBetween, From: api, Via: sqs, To: &Selector{Name: "worker"}}, goalBypass, false},
		{"no sync path", Goal{Check: CheckNoSyncPath, From: api, To: table}, goalBuffered, true},
		{"sync path", Goal{Check: CheckNoSyncPath, From: api, To: table}, goalDirect, false},
		{"event invocation breaks sync", Goal{Check: CheckNoSyncPath, From: &Selector{Name: "A"}, To: table}, goalChain, true},
		{"every async has failure", Goal{Check: CheckEvery, Block: &Selector{Kind: "lambda", Role: "async-invoked"}, Out: []string{"on-failure", "dead-letter"}}, asyncFixed, true},
		{"one async lacks failure", Goal{Check: CheckEvery, Block: &Selector{Kind: "lambda", Role: "async-invoked"}, Out: []string{"on-failure", "dead-letter"}}, goalAsync, false},
		{"every needs min", Goal{Check: CheckEvery, Block: &Selector{Kind: "lambda", Role: "async-invoked"}, Out: []string{"on-failure"}, Min: intp(1)}, goalDirect, false},
		{"property fifo", Goal{Check: CheckProperty, Block: &Selector{Kind: "sqs", Name: "order"}, Prop: "FifoQueue", Equals: true}, goalBuffered, true},
		{"property default", Goal{Check: CheckProperty, Block: &Selector{Kind: "sqs", Role: "dead-letter"}, Prop: "FifoQueue", Equals: true}, goalBuffered, false},
		{"property nothing", Goal{Check: CheckProperty, Block: sqs, Prop: "FifoQueue", Equals: true}, goalDirect, false},
		{"property at least", Goal{Check: CheckProperty, Block: lambda, Prop: "Timeout", AtLeast: floatp(3)}, goalDirect, true},
		{"property at most", Goal{Check: CheckProperty, Block: lambda, Prop: "Timeout", AtMost: floatp(2)}, goalDirect, false},
		{"connection property", Goal{Check: CheckProperty, From: lambda, To: lambda, Prop: "InvocationType", Equals: "Event"}, goalChain, false},
		{"no findings", Goal{Check: CheckNoFindings, Severity: "error"}, asyncFixed, true},
		{"error finding", Goal{Check: CheckNoFindings, Severity: "error"}, goalDirect, false},
		{"findings", Goal{Check: CheckNoFindings}, goalAsync, false},
		{"finding cleared", Goal{Check: CheckNoFindings, Rule: "lambda-async-no-failure-destination"}, asyncFixed, true},
		{"finding not cleared", Goal{Check: CheckNoFindings, Rule: "lambda-async-no-failure-destination"}, goalAsync, false},
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

// TestGoalsInvalid: bad goal data is refused naming the goal and field.
func TestGoalsInvalid(t *testing.T) {
	reg := Default(design.Builtin())
	cases := []struct {
		name         string
		goal         Goal
		goal2, field string
	}{
		{"no id", Goal{Text: "x", Check: CheckExists, Block: &Selector{Kind: "sqs"}}, "#1", "id"},
		{"bad id", Goal{ID: "Has Space", Text: "x", Check: CheckExists, Block: &Selector{Kind: "sqs"}}, "Has Space", "id"},
		{"no text", Goal{ID: "a", Check: CheckExists, Block: &Selector{Kind: "sqs"}}, "a", "text"},
		{"unknown check", Goal{ID: "a", Text: "x", Check: "exist"}, "a", "check"},
		{"missing field", Goal{ID: "a", Text: "x", Check: CheckBetween, From: &Selector{Kind: "sqs"}, To: &Selector{Kind: "sqs"}}, "a", "via"},
		{"stray field", Goal{ID: "a", Text: "x", Check: CheckExists, Block: &Selector{Kind: "sqs"}, To: &Selector{Kind: "sqs"}}, "a", "to"},
		{"unknown kind", Goal{ID: "a", Text: "x", Check: CheckExists, Block: &Selector{Kind: "sqs|sqq"}}, "a", "block.kind"},
		{"empty selector", Goal{ID: "a", Text: "x", Check: CheckExists, Block: &Selector{}}, "a", "block"},
		{"unknown role", Goal{ID: "a", Text: "x", Check: CheckExists, Block: &Selector{Role: "consumer"}}, "a", "block.role"},
		{"unknown rule", Goal{ID: "a", Text: "x", Check: CheckNoFindings, Rule: "sqs-visibility-7x"}, "a", "rule"},
		{"bad severity", Goal{ID: "a", Text: "x", Check: CheckNoFindings, Severity: "fatal"}, "a", "severity"},
		{"unknown prop", Goal{ID: "a", Text: "x", Check: CheckProperty, Block: &Selector{Kind: "sqs"}, Prop: "Fifo"}, "a", "prop"},
		{"unknown integration", Goal{ID: "a", Text: "x", Check: CheckConnected, From: &Selector{Kind: "sqs"}, To: &Selector{Kind: "lambda"}, Integration: "poll"}, "a", "integration"},
		{"unknown out", Goal{ID: "a", Text: "x", Check: CheckEvery, Block: &Selector{Kind: "lambda"}, Out: []string{"dlq"}}, "a", "out[0]"},
		{"bad model", Goal{ID: "a", Text: "x", Check: CheckConnected, From: &Selector{Kind: "sqs"}, To: &Selector{Kind: "lambda"}, Model: "push"}, "a", "model"},
		{"min above max", Goal{ID: "a", Text: "x", Check: CheckExists, Block: &Selector{Kind: "sqs"}, Min: intp(3), Max: intp(1)}, "a", "max"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := reg.ValidateGoals([]Goal{tc.goal})
			var ge *GoalError
			if !errors.As(err, &ge) {
				t.Fatalf("err = %v, want a GoalError", err)
			}
			if ge.Goal != tc.goal2 || ge.Field != tc.field {
				t.Fatalf("err names goal %q field %q, want %q %q (%v)", ge.Goal, ge.Field, tc.goal2, tc.field, err)
			}
		})
	}
	twice := []Goal{{ID: "a", Text: "x", Check: CheckNoFindings}, {ID: "a", Text: "y", Check: CheckNoFindings}}
	if err := reg.ValidateGoals(twice); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("a repeated id: err = %v", err)
	}
}
