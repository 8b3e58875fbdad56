package design

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func mustOps(tb testing.TB, s string) Ops {
	tb.Helper()
	ops, err := DecodeOps(json.RawMessage(s), Builtin())
	if err != nil {
		tb.Fatalf("DecodeOps: %v", err)
	}
	return ops
}

func mustApply(tb testing.TB, d *Design, ops string) (*Design, *Change) {
	tb.Helper()
	next, ch, err := Apply(d, mustOps(tb, ops), Builtin())
	if err != nil {
		tb.Fatalf("Apply: %v", err)
	}
	return next, ch
}

// assertUndo checks that applying the change's inverse to next gives back the
// content of d: undo must be exact for every operation.
func assertUndo(tb testing.TB, d, next *Design, ch *Change) {
	tb.Helper()
	back, _, err := Apply(next, ch.Inverse, Builtin())
	if err != nil {
		tb.Fatalf("applying the inverse: %v\ninverse: %s", err, mustJSONText(tb, ch.Inverse))
	}
	// Order is not content: an undone removal puts the block back at the end.
	if got, want := mustJSON(tb, sortedContent(back)), mustJSON(tb, sortedContent(d)); !Equal(got, want) {
		tb.Fatalf("undo did not restore the design:\ngot  %s\nwant %s", mustJSONText(tb, content(back)), mustJSONText(tb, content(d)))
	}
}

func sortedContent(d *Design) *Design {
	c := content(d)
	slices.SortFunc(c.Blocks, func(a, b Block) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(c.Connections, func(a, b Connection) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(c.Groups, func(a, b Group) int { return strings.Compare(a.ID, b.ID) })
	return c
}

func mustJSONText(tb testing.TB, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func TestApplyEveryOperationAndUndoIt(t *testing.T) {
	base := mustDecode(t, ordersDoc)
	for _, tc := range []struct {
		name   string
		ops    string
		check  func(t *testing.T, d *Design)
		writes []string
	}{
		{"addBlock", `[{"op":"addBlock","block":{"id":"OrderDLQ","kind":"sqs","x":400,"y":200}}]`,
			func(t *testing.T, d *Design) {
				if d.Block("OrderDLQ") == nil {
					t.Fatal("block not added")
				}
			}, []string{"block/OrderDLQ"}},
		{"updateBlock", `[{"op":"updateBlock","id":"Worker","name":"Order worker","props":{"Timeout":60,"MemorySize":null}}]`,
			func(t *testing.T, d *Design) {
				b := d.Block("Worker")
				if v, _ := b.Props.Number("Timeout"); v != 60 || b.Name != "Order worker" {
					t.Fatalf("block = %+v", b)
				}
				if _, ok := b.Props["MemorySize"]; ok {
					t.Fatal("null did not unset MemorySize")
				}
			}, []string{"block/Worker/name", "block/Worker/props/MemorySize", "block/Worker/props/Timeout"}},
		{"moveBlock", `[{"op":"moveBlock","id":"Worker","x":320,"y":-40}]`,
			func(t *testing.T, d *Design) {
				if b := d.Block("Worker"); b.X != 320 || b.Y != -40 {
					t.Fatalf("block at %v,%v", b.X, b.Y)
				}
			}, []string{"block/Worker/position"}},
		{"removeBlock removes its connections", `[{"op":"removeBlock","id":"Worker"}]`,
			func(t *testing.T, d *Design) {
				if d.Block("Worker") != nil || len(d.Connections) != 0 {
					t.Fatalf("block or its connection left: %+v", d)
				}
			}, []string{"block/Worker", "conn/c1"}},
		{"connect", `[{"op":"connect","connection":{"id":"c2","from":"OrdersApi","to":"Worker","integration":"invoke","props":{"TimeoutInMillis":10000}}}]`,
			func(t *testing.T, d *Design) {
				if c := d.Connection("c2"); c == nil || c.Integration != IntInvoke {
					t.Fatalf("connection = %+v", c)
				}
			}, []string{"conn/c2"}},
		{"updateConnection", `[{"op":"updateConnection","id":"c1","props":{"BatchSize":5,"FunctionResponseTypes":["ReportBatchItemFailures"]}}]`,
			func(t *testing.T, d *Design) {
				if v, _ := d.Connection("c1").Props.Number("BatchSize"); v != 5 {
					t.Fatalf("BatchSize=%v", v)
				}
			}, []string{"conn/c1/props/BatchSize", "conn/c1/props/FunctionResponseTypes"}},
		{"disconnect", `[{"op":"disconnect","id":"c1"}]`,
			func(t *testing.T, d *Design) {
				if d.Connection("c1") != nil {
					t.Fatal("connection still there")
				}
			}, []string{"conn/c1"}},
		{"setTitle", `[{"op":"setTitle","title":"Orders v2"}]`,
			func(t *testing.T, d *Design) {
				if d.Title != "Orders v2" {
					t.Fatalf("title=%q", d.Title)
				}
			}, []string{"title"}},
		{"setDescription", `[{"op":"setDescription","description":"Takes orders."}]`,
			func(t *testing.T, d *Design) {
				if d.Description != "Takes orders." {
					t.Fatalf("description=%q", d.Description)
				}
			}, []string{"description"}},
		{"replace", `[{"op":"replace","design":{"format":"archlab/v1","title":"Fresh","blocks":[{"id":"Only","kind":"s3"}],"connections":[]}}]`,
			func(t *testing.T, d *Design) {
				if d.Title != "Fresh" || len(d.Blocks) != 1 || d.Blocks[0].ID != "Only" {
					t.Fatalf("design = %+v", d)
				}
			}, []string{"*"}},
		{"a batch of several", `[{"op":"addBlock","block":{"id":"DLQ","kind":"sqs"}},
			{"op":"connect","connection":{"from":"OrderQueue","to":"DLQ","props":{"maxReceiveCount":5}}},
			{"op":"updateBlock","id":"OrderQueue","props":{"VisibilityTimeout":180}}]`,
			func(t *testing.T, d *Design) {
				c := d.Connection("OrderQueue-DLQ")
				if c == nil || c.Integration != IntDeadLetter {
					t.Fatalf("dead-letter connection = %+v", c)
				}
			}, []string{"block/DLQ", "block/OrderQueue/props/VisibilityTimeout", "conn/OrderQueue-DLQ"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			next, ch := mustApply(t, base, tc.ops)
			tc.check(t, next)
			if !slices.Equal(ch.Writes, tc.writes) {
				t.Errorf("writes=%v, want %v", ch.Writes, tc.writes)
			}
			if err := next.Clone().Validate(Builtin()); err != nil {
				t.Errorf("the result does not validate: %v", err)
			}
			assertUndo(t, base, next, ch)
		})
	}
}

func TestRemoveBlockClearsReferencesAndUndoRestoresThem(t *testing.T) {
	d := mustDecode(t, `{"format":"archlab/v1","blocks":[
		{"id":"T","kind":"sns"},{"id":"F","kind":"lambda"},{"id":"SubDLQ","kind":"sqs"}],
		"connections":[{"id":"s1","from":"T","to":"F","props":{"RedrivePolicy.deadLetterTargetArn":"SubDLQ"}}]}`)
	next, ch := mustApply(t, d, `[{"op":"removeBlock","id":"SubDLQ"}]`)
	if _, ok := next.Connection("s1").Props["RedrivePolicy.deadLetterTargetArn"]; ok {
		t.Fatal("the reference to the removed queue was kept")
	}
	if !slices.Contains(ch.Writes, "conn/s1/props/RedrivePolicy.deadLetterTargetArn") {
		t.Fatalf("writes %v miss the cleared reference", ch.Writes)
	}
	assertUndo(t, d, next, ch)
}

func TestApplyIsAtomicAndNamesTheFailingOperation(t *testing.T) {
	base := mustDecode(t, ordersDoc)
	before := mustJSONText(t, base)
	_, _, err := Apply(base, mustOps(t, `[
		{"op":"setTitle","title":"changed"},
		{"op":"updateBlock","id":"Worker","props":{"Timeout":"soon"}}]`), Builtin())
	if err == nil {
		t.Fatal("Apply accepted a bad batch")
	}
	if e := err.(*Error); e.Field != "ops[1].props.Timeout" || e.Code != EINVALID {
		t.Fatalf("error = %+v, want field ops[1].props.Timeout", e)
	}
	if mustJSONText(t, base) != before {
		t.Fatal("a failed batch changed the design")
	}
}

func TestApplyRefusals(t *testing.T) {
	fifo := mustDecode(t, `{"format":"archlab/v1","blocks":[
		{"id":"T","kind":"sns","props":{"FifoTopic":true}},{"id":"F","kind":"lambda"},
		{"id":"Q","kind":"sqs","props":{"FifoQueue":true}},{"id":"Std","kind":"sqs"},
		{"id":"Bucket","kind":"s3"},{"id":"Plain","kind":"sns"}]}`)
	for _, tc := range []struct{ name, ops, field, want string }{
		{"FIFO topic to a function", `[{"op":"connect","connection":{"from":"T","to":"F"}}]`, "ops[0].connection", "SNS FIFO topics deliver only to SQS queues"},
		{"FIFO queue with a standard DLQ", `[{"op":"connect","connection":{"from":"Q","to":"Std","props":{"maxReceiveCount":5}}}]`, "ops[0].connection", "same type"},
		{"S3 to a FIFO queue", `[{"op":"connect","connection":{"from":"Bucket","to":"Q"}}]`, "ops[0].connection", "cannot go to FIFO queues"},
		{"standard topic to a FIFO queue", `[{"op":"connect","connection":{"from":"Plain","to":"Q"}}]`, "ops[0].connection", "standard SNS topics cannot deliver to FIFO queues"},
		{"function to FIFO destination", `[{"op":"connect","connection":{"from":"F","to":"Q","integration":"on-failure"}}]`, "ops[0].connection", "must be standard queues"},
		{"unknown block", `[{"op":"updateBlock","id":"Nope","props":{}}]`, "ops[0].id", `no block "Nope"`},
		{"duplicate id", `[{"op":"addBlock","block":{"id":"F","kind":"sqs"}}]`, "ops[0].block.id", "already used"},
		{"change to a disallowed integration", `[{"op":"connect","connection":{"id":"c","from":"Std","to":"F"}},{"op":"updateConnection","id":"c","integration":"sdk"}]`, "ops[1].integration", `"sdk"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Apply(fifo, mustOps(t, tc.ops), Builtin())
			e, ok := err.(*Error)
			if !ok || e.Code != EINVALID {
				t.Fatalf("err = %v, want EINVALID", err)
			}
			if e.Field != tc.field || !strings.Contains(e.Message, tc.want) {
				t.Fatalf("error %q at %q, want %q at %q", e.Message, e.Field, tc.want, tc.field)
			}
		})
	}
}

func TestDecodeOpsShape(t *testing.T) {
	for _, tc := range []struct{ name, ops, field, want string }{
		{"not a list", `{"op":"setTitle"}`, "ops", "must be a list"},
		{"empty", `[]`, "ops", "empty"},
		{"unknown op", `[{"op":"addBlok","block":{}}]`, "ops[0].op", `did you mean "addBlock"`},
		{"missing field", `[{"op":"moveBlock","id":"A","x":1}]`, "ops[0].y", "required for moveBlock"},
		{"foreign field", `[{"op":"removeBlock","id":"A","x":1}]`, "ops[0].x", "not a field of removeBlock"},
		{"unknown field", `[{"op":"removeBlock","id":"A","colour":1}]`, "ops[0].colour", "unknown field"},
		{"bad block", `[{"op":"addBlock","block":{"id":"A","kind":"sqs","x":"left"}}]`, "ops[0].block.x", "must be a number"},
		{"bad replace", `[{"op":"replace","design":{"format":"archlab/v1","blocks":[{"id":"A","kind":"nope"}]}}]`, "ops[0].design.blocks[0].kind", `"nope"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeOps(json.RawMessage(tc.ops), Builtin())
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("err = %v", err)
			}
			if e.Field != tc.field || !strings.Contains(e.Message, tc.want) {
				t.Fatalf("error %q at %q, want %q at %q", e.Message, e.Field, tc.want, tc.field)
			}
		})
	}
}

func TestCollisions(t *testing.T) {
	base := mustDecode(t, ordersDoc)
	_, mine := mustApply(t, base, `[{"op":"updateBlock","id":"Worker","props":{"Timeout":60}}]`)
	_, connect := mustApply(t, base, `[{"op":"connect","connection":{"from":"OrdersApi","to":"Worker","integration":"invoke"}}]`)
	for _, tc := range []struct {
		name    string
		change  *Change
		written []string
		collide bool
	}{
		{"nothing written since", mine, nil, false},
		{"another property of the same block", mine, []string{"block/Worker/props/MemorySize"}, false},
		{"the same property", mine, []string{"block/Worker/props/Timeout"}, true},
		{"the block was removed", mine, []string{"block/Worker", "conn/c1"}, true},
		{"the block was moved", mine, []string{"block/Worker/position"}, false},
		{"a replace", mine, []string{"*"}, true},
		{"connect after a property change of an end", connect, []string{"block/Worker/props/Timeout"}, false},
		{"connect to a removed block", connect, []string{"block/Worker"}, true},
		{"connect beside another connect", connect, []string{"conn/c9"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Collisions(tc.change, tc.written)
			if (len(got) > 0) != tc.collide {
				t.Fatalf("Collisions = %v, want collide=%v", got, tc.collide)
			}
		})
	}
}

func FuzzApply(f *testing.F) {
	f.Add(`[{"op":"removeBlock","id":"Worker"}]`)
	f.Add(`[{"op":"addBlock","block":{"id":"DLQ","kind":"sqs"}},{"op":"connect","connection":{"from":"OrderQueue","to":"DLQ","props":{"maxReceiveCount":3}}}]`)
	f.Add(`[{"op":"updateConnection","id":"c1","props":{"BatchSize":null}},{"op":"moveBlock","id":"Worker","x":1,"y":2}]`)
	f.Add(`[{"op":"replace","design":{"format":"archlab/v1","blocks":[]}}]`)
	f.Add(`[{"op":"acceptFinding","accepted":{"rule":"sqs-visibility-6x","subjects":["c1","OrderQueue"],"reason":"r"}},{"op":"removeBlock","id":"Worker"}]`)
	f.Add(`[{"op":"acceptFinding","accepted":{"rule":"cfn-lint:E3505","subjects":[]}},{"op":"unacceptFinding","accepted":{"rule":"cfn-lint:E3505","subjects":[]}}]`)
	f.Add(`[{"op":"updateBlock","id":"Worker","name":"W\u0000","props":{"Policies":[[[[{"Sid":"\u0007"}]]]]}}]`)
	f.Add(`[{"op":"setTitle","Title":"x"},{"op":"setDescription","description":"a\n\tb"}]`)
	f.Add(`[{"op":"setTraffic","id":"OrderQueue","traffic":{"averagePerSecond":5,"peakPerSecond":50}},{"op":"setAssumptions","id":"Worker","assumptions":{"durationMs":200}},{"op":"removeBlock","id":"Worker"}]`)
	f.Add(`[{"op":"setTraffic","id":"OrderQueue","traffic":{}},{"op":"setAssumptions","id":"Nope","assumptions":{"failureRate":2}}]`)
	base := mustDecode(f, ordersDoc)
	f.Fuzz(func(t *testing.T, ops string) {
		batch, err := DecodeOps(json.RawMessage(ops), Builtin())
		if err != nil {
			return
		}
		next, ch, err := Apply(base, batch, Builtin())
		if err != nil {
			if ErrorCode(err) != EINVALID {
				t.Fatalf("Apply: %v", err)
			}
			return
		}
		if err := next.Clone().Validate(Builtin()); err != nil {
			t.Fatalf("an applied batch left an invalid design: %v", err)
		}
		assertUndo(t, base, next, ch)
	})
}

func TestSwitchingIntegrationDropsTheOldProperties(t *testing.T) {
	cat := Builtin()
	d, err := Decode([]byte(`{"format":"archlab/v1","title":"DB","blocks":[
		{"id":"Fn","kind":"lambda"},{"id":"DB","kind":"rds","props":{"Engine":"aurora-postgresql"}}],
		"connections":[{"id":"c1","from":"Fn","to":"DB","integration":"sql","props":{"RDSProxy":true}}]}`), cat)
	if err != nil {
		t.Fatal(err)
	}
	api := IntDataAPI
	got, ch, err := Apply(d, Ops{{Op: OpUpdateConnection, ID: "c1", Integration: &api}}, cat)
	if err != nil {
		t.Fatalf("switching to the Data API: %v", err)
	}
	if c := got.Connection("c1"); c.Integration != IntDataAPI || len(c.Props) != 0 {
		t.Fatalf("after the switch: %+v", c)
	}
	back, _, err := Apply(got, ch.Inverse, cat)
	if err != nil {
		t.Fatalf("undo: %v", err)
	}
	if c := back.Connection("c1"); c.Integration != IntSQL || c.Props["RDSProxy"] != true {
		t.Fatalf("after the undo: %+v", c)
	}
}
