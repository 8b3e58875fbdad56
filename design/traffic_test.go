package design

import (
	"encoding/json"
	"strings"
	"testing"
)

const trafficDoc = `{
  "format": "archlab/v1",
  "title": "Orders",
  "blocks": [
    {"id": "Api", "kind": "apigateway-rest"},
    {"id": "Worker", "kind": "lambda"}
  ],
  "connections": [{"from": "Api", "to": "Worker", "integration": "invoke"}],
  "traffic": {"Api": {"averagePerSecond": 100, "peakPerSecond": 500, "payloadBytes": 2048}},
  "assumptions": {"Worker": {"durationMs": 200, "failureRate": 0.01}}
}`

func TestDecodeReadsTrafficAndAssumptions(t *testing.T) {
	d := mustDecode(t, trafficDoc)
	tr, ok := d.TrafficOf("Api")
	if !ok || tr.Average() != 100 || tr.Peak() != 500 || tr.Payload() != 2048 {
		t.Fatalf("traffic = %+v, %v", tr, ok)
	}
	if v, ok := d.AssumptionsOf("Worker").Assumption("durationMs"); !ok || v != 200 {
		t.Fatalf("durationMs = %v, %v", v, ok)
	}
	// Stored and read back, the figures stay.
	b, err := MarshalContent(d)
	if err != nil {
		t.Fatal(err)
	}
	var back Design
	if err := UnmarshalContent(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Traffic["Api"].Peak() != 500 || back.AssumptionsOf("Worker") == nil {
		t.Fatalf("stored content lost the traffic: %s", b)
	}
}

func TestTrafficDefaultsAreStated(t *testing.T) {
	avg, peak := 40.0, 90.0
	if got := (Traffic{AveragePerSecond: &avg}).Peak(); got != 40 {
		t.Errorf("a peak left out is the average: got %v", got)
	}
	if got := (Traffic{PeakPerSecond: &peak}).Average(); got != 90 {
		t.Errorf("an average left out is the peak: got %v", got)
	}
	if got := (Traffic{}).Payload(); got != DefaultPayloadBytes {
		t.Errorf("payload default = %v", got)
	}
}

func TestDecodeRefusesBadTraffic(t *testing.T) {
	base := `{"format":"archlab/v1","blocks":[{"id":"Api","kind":"apigateway-rest"}],`
	for _, tc := range []struct{ name, doc, field, in string }{
		{"unknown block", base + `"traffic":{"Nope":{"averagePerSecond":1}}}`, "traffic.Nope", "does not exist"},
		{"negative", base + `"traffic":{"Api":{"averagePerSecond":-1}}}`, "traffic.Api.averagePerSecond", "from 0"},
		{"peak below average", base + `"traffic":{"Api":{"averagePerSecond":10,"peakPerSecond":5}}}`, "traffic.Api.peakPerSecond", "at least the average"},
		{"unknown field", base + `"traffic":{"Api":{"rps":1}}}`, "traffic.Api.rps", "unknown field"},
		{"string", base + `"traffic":{"Api":{"averagePerSecond":"1"}}}`, "traffic.Api.averagePerSecond", "must be a number"},
		{"fraction above one", base + `"assumptions":{"Api":{"failureRate":1.5}}}`, "assumptions.Api.failureRate", "from 0 to 1"},
		{"unknown assumption", base + `"assumptions":{"Api":{"duration":1}}}`, "assumptions.Api.duration", `did you mean "durationMs"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode([]byte(tc.doc), Builtin())
			var e *Error
			if err == nil || !asError(err, &e) || e.Code != EINVALID || e.Field != tc.field || !strings.Contains(e.Message, tc.in) {
				t.Fatalf("err = %v (field %q); want %s naming %q", err, fieldOf(err), tc.in, tc.field)
			}
		})
	}
}

func fieldOf(err error) string {
	var e *Error
	if asError(err, &e) {
		return e.Field
	}
	return ""
}

func TestSetTrafficOperationAndUndo(t *testing.T) {
	d := mustDecode(t, trafficDoc)
	peak := 900.0
	ops, err := DecodeOps(json.RawMessage(`[{"op":"setTraffic","id":"Api","traffic":{"averagePerSecond":300,"peakPerSecond":900}}]`), Builtin())
	if err != nil {
		t.Fatal(err)
	}
	next, ch, err := Apply(d, ops, Builtin())
	if err != nil {
		t.Fatal(err)
	}
	if next.Traffic["Api"].Peak() != peak || d.Traffic["Api"].Peak() != 500 {
		t.Fatalf("apply changed the wrong copy: %v / %v", next.Traffic["Api"], d.Traffic["Api"])
	}
	undone, _, err := Apply(next, ch.Inverse, Builtin())
	if err != nil {
		t.Fatal(err)
	}
	if undone.Traffic["Api"].Peak() != 500 || *undone.Traffic["Api"].PayloadBytes != 2048 {
		t.Fatalf("undo gave %v", undone.Traffic["Api"])
	}
	// An empty value removes the entry.
	cleared, _, err := Apply(next, Ops{{Op: OpSetAssumptions, ID: "Worker", Assumptions: &Assumptions{}}}, Builtin())
	if err != nil {
		t.Fatal(err)
	}
	if cleared.Assumptions != nil {
		t.Fatalf("empty assumptions kept: %v", cleared.Assumptions)
	}
	if _, _, err := Apply(d, Ops{{Op: OpSetTraffic, ID: "Nope", Traffic: &Traffic{}}}, Builtin()); err == nil || fieldOf(err) != "ops[0].id" {
		t.Fatalf("setTraffic on a missing block: %v", err)
	}
}

func TestRemovingABlockDropsItsTrafficAndUndoRestoresIt(t *testing.T) {
	d := mustDecode(t, trafficDoc)
	next, ch, err := Apply(d, Ops{{Op: OpRemoveBlock, ID: "Api"}}, Builtin())
	if err != nil {
		t.Fatal(err)
	}
	if next.Traffic != nil {
		t.Fatalf("traffic of a removed block kept: %v", next.Traffic)
	}
	if err := next.Clone().Validate(Builtin()); err != nil {
		t.Fatalf("the design without the block is invalid: %v", err)
	}
	undone, _, err := Apply(next, ch.Inverse, Builtin())
	if err != nil {
		t.Fatal(err)
	}
	if undone.Traffic["Api"].Average() != 100 {
		t.Fatalf("undo lost the traffic: %v", undone.Traffic)
	}
}

// Every assumption name reads its own field.
func TestAssumptionValueNamesEveryField(t *testing.T) {
	var a Assumptions
	for i, b := range assumptionBounds {
		v := float64(i) + 0.5
		switch b.name {
		case "durationMs":
			a.DurationMs = &v
		case "failureRate":
			a.FailureRate = &v
		case "passFraction":
			a.PassFraction = &v
		case "fanOut":
			a.FanOut = &v
		case "transitionsPerExecution":
			a.TransitionsPerExecution = &v
		case "batchFill":
			a.BatchFill = &v
		case "messageGroups":
			a.MessageGroups = &v
		case "shards":
			a.Shards = &v
		case "readFraction":
			a.ReadFraction = &v
		case "storageGB":
			a.StorageGB = &v
		case "logBytesPerInvocation":
			a.LogBytesPerInvocation = &v
		default:
			t.Fatalf("assumption %q has no case here", b.name)
		}
		if got, ok := a.Value(b.name); !ok || got != v {
			t.Errorf("Value(%q) = %v, %v; want %v", b.name, got, ok, v)
		}
		if p := b.get(&a); p == nil || *p != v {
			t.Errorf("the bounds of %q read another field", b.name)
		}
	}
}
