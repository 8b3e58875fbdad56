package design

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
)

// acceptedDoc is ordersDoc with two accepted findings, written out of order.
const acceptedDoc = `{
  "format": "archlab/v1",
  "title": "Orders",
  "blocks": [
    {"id": "Worker", "kind": "lambda", "props": {"Timeout": 30}},
    {"id": "OrderQueue", "kind": "sqs", "props": {"VisibilityTimeout": 60}}
  ],
  "connections": [
    {"id": "c1", "from": "OrderQueue", "to": "Worker"}
  ],
  "accepted": [
    {"rule": "sqs-visibility-6x", "subjects": ["c1", "OrderQueue"], "reason": "the worker finishes in seconds"},
    {"rule": "cfn-lint:E3505", "subjects": []},
    {"rule": "lambda-tracing", "subjects": ["Worker"]}
  ]
}`

func TestAcceptedDecodesInCanonicalOrder(t *testing.T) {
	d := mustDecode(t, acceptedDoc)
	var got []string
	for _, a := range d.Accepted {
		got = append(got, a.key())
	}
	want := []string{"cfn-lint:E3505/", "lambda-tracing/Worker", "sqs-visibility-6x/OrderQueue,c1"}
	if !slices.Equal(got, want) {
		t.Fatalf("accepted = %v, want %v", got, want)
	}
	// What is stored reads back the same.
	data, err := MarshalContent(d)
	if err != nil {
		t.Fatal(err)
	}
	var back Design
	if err := UnmarshalContent(data, &back); err != nil {
		t.Fatal(err)
	}
	if !Equal(mustJSON(t, back.Accepted), mustJSON(t, d.Accepted)) {
		t.Fatalf("stored content lost the accepted list: %s", data)
	}
}

func TestAcceptedRefusedWithTheField(t *testing.T) {
	doc := func(accepted string) string {
		return strings.Replace(ordersDoc, `"connections"`, `"accepted": `+accepted+`, "connections"`, 1)
	}
	many := make([]string, MaxAccepted+1)
	for i := range many {
		many[i] = `{"rule":"lambda-tracing","subjects":["Worker"]}`
	}
	for _, tc := range []struct {
		name, accepted, field, says string
	}{
		{"no rule", `[{"subjects":["Worker"]}]`, "accepted[0].rule", "is required"},
		{"rule with spaces", `[{"rule":"lambda tracing","subjects":[]}]`, "accepted[0].rule", "not a rule id"},
		{"rule with a slash", `[{"rule":"a/b","subjects":[]}]`, "accepted[0].rule", "not a rule id"},
		{"unknown subject", `[{"rule":"lambda-tracing","subjects":["Worker","Nope"]}]`, "accepted[0].subjects[1]", `"Nope"`},
		{"reason too long", `[{"rule":"lambda-tracing","subjects":[],"reason":"` + strings.Repeat("é", MaxReasonLen+1) + `"}]`, "accepted[0].reason", "at most 1000"},
		{"unknown field", `[{"rule":"lambda-tracing","subjects":[],"who":"me"}]`, "accepted[0].who", "unknown field"},
		{"subjects not a list", `[{"rule":"lambda-tracing","subjects":"Worker"}]`, "accepted[0].subjects", "a list"},
		{"duplicate, subjects in another order", `[{"rule":"sqs-visibility-6x","subjects":["Worker","c1"]},{"rule":"sqs-visibility-6x","subjects":["c1","Worker"]}]`, "accepted[1]", "again"},
		{"too many", `[` + strings.Join(many, ",") + `]`, "accepted", "at most 1000"},
		{"too many subjects", `[{"rule":"lambda-tracing","subjects":["Worker"` + strings.Repeat(`,"Worker"`, MaxAcceptedSubjects) + `]}]`, "accepted[0].subjects", "at most 32"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode([]byte(doc(tc.accepted)), Builtin())
			var de *Error
			if err == nil || !asError(err, &de) {
				t.Fatalf("err = %v, want a domain error", err)
			}
			if de.Code != EINVALID || de.Field != tc.field || !strings.Contains(de.Message, tc.says) {
				t.Fatalf("err = %s %q: %q, want %s %q containing %q", de.Code, de.Field, de.Message, EINVALID, tc.field, tc.says)
			}
		})
	}
}

func asError(err error, target **Error) bool {
	e, ok := err.(*Error)
	*target = e
	return ok
}

func TestAcceptsMatchesRuleAndSubjects(t *testing.T) {
	finding := struct {
		rule        string
		equivalents []string
		subjects    []string
	}{"sqs-visibility-6x", []string{"cfn-lint:E3505", "cdk-nag:SQS3"}, []string{"OrderQueue", "Worker", "c1"}}
	for _, tc := range []struct {
		name  string
		entry Accepted
		want  bool
	}{
		{"same rule, same subjects", Accepted{Rule: "sqs-visibility-6x", Subjects: []string{"OrderQueue", "Worker", "c1"}}, true},
		{"same rule, some of the subjects", Accepted{Rule: "sqs-visibility-6x", Subjects: []string{"OrderQueue"}}, true},
		{"same rule, no subjects: everywhere", Accepted{Rule: "sqs-visibility-6x", Subjects: []string{}}, true},
		{"an equivalent's id", Accepted{Rule: "cfn-lint:E3505", Subjects: []string{"OrderQueue"}}, true},
		{"a subject the finding lacks", Accepted{Rule: "sqs-visibility-6x", Subjects: []string{"OrderQueue", "Other"}}, false},
		{"another rule", Accepted{Rule: "sqs-no-redrive", Subjects: []string{"OrderQueue"}}, false},
		{"another tool's other id", Accepted{Rule: "cfn-lint:E3506", Subjects: []string{}}, false},
		{"a prefix of an equivalent is not it", Accepted{Rule: "cfn-lint:E35", Subjects: []string{}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.entry.Accepts(finding.rule, finding.equivalents, finding.subjects); got != tc.want {
				t.Fatalf("Accepts = %v, want %v", got, tc.want)
			}
		})
	}
	list := []Accepted{{Rule: "sqs-visibility-6x", Subjects: []string{}, Reason: "all"}, {Rule: "sqs-visibility-6x", Subjects: []string{"OrderQueue", "c1"}, Reason: "this one"}}
	if got := FindAccepted(list, finding.rule, nil, finding.subjects, "", "2026-01-01"); got == nil || got.Reason != "this one" {
		t.Fatalf("FindAccepted = %+v, want the most specific entry", got)
	}
	if got := FindAccepted(list, "lambda-tracing", nil, []string{"Worker"}, "", "2026-01-01"); got != nil {
		t.Fatalf("FindAccepted = %+v, want nil", got)
	}
}

func TestAcceptFindingOperations(t *testing.T) {
	base := mustDecode(t, acceptedDoc)
	for _, tc := range []struct {
		name   string
		ops    string
		want   []string // keys and reasons of the accepted list after
		writes []string
	}{
		{"accept a new finding",
			`[{"op":"acceptFinding","accepted":{"rule":"lambda-timeout-default","subjects":["Worker"],"reason":"set by the platform"}}]`,
			[]string{"cfn-lint:E3505/ ", "lambda-timeout-default/Worker set by the platform", "lambda-tracing/Worker ", "sqs-visibility-6x/OrderQueue,c1 the worker finishes in seconds"},
			[]string{"accepted/lambda-timeout-default/Worker"}},
		{"accept again with another reason",
			`[{"op":"acceptFinding","accepted":{"rule":"sqs-visibility-6x","subjects":["c1","OrderQueue"],"reason":"measured: 2 s"}}]`,
			[]string{"cfn-lint:E3505/ ", "lambda-tracing/Worker ", "sqs-visibility-6x/OrderQueue,c1 measured: 2 s"},
			[]string{"accepted/sqs-visibility-6x/OrderQueue,c1"}},
		{"withdraw",
			`[{"op":"unacceptFinding","accepted":{"rule":"sqs-visibility-6x","subjects":["c1","OrderQueue"]}}]`,
			[]string{"cfn-lint:E3505/ ", "lambda-tracing/Worker "},
			[]string{"accepted/sqs-visibility-6x/OrderQueue,c1"}},
		{"withdraw the design-wide entry",
			`[{"op":"unacceptFinding","accepted":{"rule":"cfn-lint:E3505","subjects":[]}}]`,
			[]string{"lambda-tracing/Worker ", "sqs-visibility-6x/OrderQueue,c1 the worker finishes in seconds"},
			[]string{"accepted/cfn-lint:E3505/"}},
		{"removing a block withdraws what names it or its connections",
			`[{"op":"removeBlock","id":"Worker"}]`,
			[]string{"cfn-lint:E3505/ "},
			[]string{"accepted/lambda-tracing/Worker", "accepted/sqs-visibility-6x/OrderQueue,c1", "block/Worker", "conn/c1"}},
		{"disconnecting withdraws what names the connection",
			`[{"op":"disconnect","id":"c1"}]`,
			[]string{"cfn-lint:E3505/ ", "lambda-tracing/Worker "},
			[]string{"accepted/sqs-visibility-6x/OrderQueue,c1", "conn/c1"}},
		{"replace",
			`[{"op":"replace","design":{"format":"archlab/v1","blocks":[{"id":"F","kind":"lambda"}],"accepted":[{"rule":"lambda-tracing","subjects":["F"]}]}}]`,
			[]string{"lambda-tracing/F "},
			[]string{"*"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			next, ch := mustApply(t, base, tc.ops)
			var got []string
			for _, a := range next.Accepted {
				got = append(got, a.key()+" "+a.Reason)
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("accepted = %q, want %q", got, tc.want)
			}
			if !slices.Equal(ch.Writes, tc.writes) {
				t.Errorf("writes = %v, want %v", ch.Writes, tc.writes)
			}
			if err := next.Clone().Validate(Builtin()); err != nil {
				t.Fatalf("the result is invalid: %v", err)
			}
			assertUndo(t, base, next, ch)
			if Compare(base, next).Empty() {
				t.Fatal("the diff misses the change")
			}
		})
	}
}

func TestAcceptFindingRefusals(t *testing.T) {
	base := mustDecode(t, acceptedDoc)
	for _, tc := range []struct {
		name, ops, field string
	}{
		{"no rule", `[{"op":"acceptFinding","accepted":{"subjects":["Worker"]}}]`, "ops[0].accepted.rule"},
		{"a subject not in the design", `[{"op":"acceptFinding","accepted":{"rule":"lambda-tracing","subjects":["Gone"]}}]`, "ops[0].accepted.subjects[0]"},
		{"withdrawing what is not accepted", `[{"op":"unacceptFinding","accepted":{"rule":"lambda-tracing","subjects":["OrderQueue"]}}]`, "ops[0].accepted"},
		{"a reason on a withdrawal", `[{"op":"unacceptFinding","accepted":{"rule":"lambda-tracing","subjects":["Worker"],"reason":"x"}}]`, "ops[0].accepted.reason"},
		{"accepting after removing the subject", `[{"op":"removeBlock","id":"Worker"},{"op":"acceptFinding","accepted":{"rule":"lambda-tracing","subjects":["Worker"]}}]`, "ops[1].accepted.subjects[0]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Apply(base, mustOps(t, tc.ops), Builtin())
			var de *Error
			if err == nil || !asError(err, &de) || de.Code != EINVALID || de.Field != tc.field {
				t.Fatalf("err = %#v, want EINVALID at %s", err, tc.field)
			}
		})
	}
	for _, tc := range []struct{ name, ops, field string }{
		{"missing entry", `[{"op":"acceptFinding"}]`, "ops[0].accepted"},
		{"unknown field in the entry", `[{"op":"acceptFinding","accepted":{"rule":"x","subjects":[],"who":"me"}}]`, "ops[0].accepted.who"},
		{"entry on another op", `[{"op":"setTitle","title":"x","accepted":{"rule":"x","subjects":[]}}]`, "ops[0].accepted"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeOps(json.RawMessage(tc.ops), Builtin())
			var de *Error
			if err == nil || !asError(err, &de) || de.Field != tc.field {
				t.Fatalf("err = %#v, want an error at %s", err, tc.field)
			}
		})
	}
}

func TestAcceptingCollidesWithRemovingTheSubject(t *testing.T) {
	base := mustDecode(t, acceptedDoc)
	_, accept := mustApply(t, base, `[{"op":"acceptFinding","accepted":{"rule":"lambda-timeout-default","subjects":["Worker","c1"]}}]`)
	_, remove := mustApply(t, base, `[{"op":"removeBlock","id":"Worker"}]`)
	if hits := Collisions(accept, remove.Writes); len(hits) == 0 {
		t.Fatalf("accepting a finding on a block removed meanwhile merged; reads %v", accept.Reads)
	}
	_, other := mustApply(t, base, `[{"op":"acceptFinding","accepted":{"rule":"lambda-tracing","subjects":["OrderQueue"]}}]`)
	if hits := Collisions(accept, other.Writes); len(hits) > 0 {
		t.Fatalf("two acceptances of different findings collide on %v", hits)
	}
}

func TestAcceptedHistorySummary(t *testing.T) {
	base := mustDecode(t, acceptedDoc)
	next, _ := mustApply(t, base, `[
		{"op":"acceptFinding","accepted":{"rule":"lambda-timeout-default","subjects":["Worker"]}},
		{"op":"unacceptFinding","accepted":{"rule":"lambda-tracing","subjects":["Worker"]}},
		{"op":"acceptFinding","accepted":{"rule":"cfn-lint:E3505","subjects":[],"reason":"known"}}]`)
	got := Compare(base, next).Summary(Builtin())
	want := []string{
		"accepted lambda-timeout-default on Worker",
		"withdrew the acceptance of lambda-tracing on Worker",
		"changed the acceptance of cfn-lint:E3505 everywhere in the design",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("summary = %q, want %q", got, want)
	}
}

func TestAcceptedInCountsConnectionEnds(t *testing.T) {
	d := mustDecode(t, acceptedDoc)
	accepts := AcceptedIn([]Accepted{{Rule: "sqs-visibility-6x", Subjects: []string{"Worker"}}}, d, "2026-01-01")
	if a := accepts("sqs-visibility-6x", nil, []string{"OrderQueue", "c1"}, ""); a == nil {
		t.Fatal("an entry on the consumer does not accept the finding about its queue's connection")
	}
	if a := accepts("sqs-visibility-6x", nil, []string{"OrderQueue"}, ""); a != nil {
		t.Fatal("an entry on the consumer accepts a finding about the queue alone")
	}
	if a := AcceptedIn(nil, d, "2026-01-01")("sqs-visibility-6x", nil, []string{"Worker"}, ""); a != nil {
		t.Fatal("an empty list accepts a finding")
	}
}

// An entry made in archlab holds while the finding's numbers are those
// accepted and its date has not passed; an entry without either, as
// templates write them, holds as its rule and subjects say.
func TestAcceptedHolds(t *testing.T) {
	msg := "OrderQueue's visibility timeout (60 s) is under 6 times Worker's timeout (30 s)"
	fp := Fingerprint(msg)
	if fp != Fingerprint("Orders queue's visibility timeout (60 s) is under 6 times the worker's timeout (30 s)") {
		t.Fatal("renaming the blocks changed the fingerprint")
	}
	worse := "OrderQueue's visibility timeout (60 s) is under 6 times Worker's timeout (90 s)"
	for _, tc := range []struct {
		name    string
		entry   Accepted
		message string
		today   string
		want    bool
	}{
		{"from a template", Accepted{Rule: "r"}, worse, "2030-01-01", true},
		{"same numbers", Accepted{Rule: "r", Fingerprint: fp}, msg, "2026-01-01", true},
		{"numbers got worse", Accepted{Rule: "r", Fingerprint: fp}, worse, "2026-01-01", false},
		{"on its last day", Accepted{Rule: "r", Until: "2026-03-31"}, msg, "2026-03-31", true},
		{"the day after", Accepted{Rule: "r", Until: "2026-03-31"}, msg, "2026-04-01", false},
	} {
		if got := tc.entry.Holds(tc.message, tc.today); got != tc.want {
			t.Errorf("%s: Holds = %v, want %v", tc.name, got, tc.want)
		}
	}
	for _, bad := range []struct {
		entry Accepted
		field string
	}{
		{Accepted{Rule: "r", Until: "31/03/2026"}, "until"},
		{Accepted{Rule: "r", At: "yesterday"}, "at"},
		{Accepted{Rule: "r", Fingerprint: "xyz"}, "fingerprint"},
		{Accepted{Rule: "r", By: "Ann\nBo"}, "by"},
		{Accepted{Rule: "r", By: strings.Repeat("a", MaxPersonLen+1)}, "by"},
	} {
		var de *Error
		if err := bad.entry.Check(); !errors.As(err, &de) || de.Field != bad.field {
			t.Errorf("Check(%+v) = %v, want an error naming %s", bad.entry, err, bad.field)
		}
	}
}
