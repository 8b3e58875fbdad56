package iac

import (
	"slices"
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
)

// An exported design's accepted findings are in the template's Metadata,
// where the team keeps them, and come back whole when it is imported.
func TestExportWritesAcceptedFindingsBack(t *testing.T) {
	cat := design.Builtin()
	d, err := design.Decode([]byte(`{"format":"archlab/v1","title":"Accepted",
	"blocks":[{"id":"Web","kind":"client"},{"id":"Api","kind":"apigateway-http"},
		{"id":"Worker","kind":"lambda","props":{"Timeout":30}},{"id":"OrderQueue","kind":"sqs","props":{"VisibilityTimeout":60}}],
	"connections":[{"id":"c1","from":"OrderQueue","to":"Worker"},{"id":"c2","from":"Web","to":"Api"}],
	"accepted":[
		{"rule":"lambda-tracing","subjects":["Worker"]},
		{"rule":"sqs-no-redrive","subjects":["OrderQueue"],"reason":"replayed from the source"},
		{"rule":"cfn-lint:E3505","subjects":["OrderQueue"]},
		{"rule":"sqs-visibility-6x","subjects":["OrderQueue","c1"],"reason":"the worker takes seconds"},
		{"rule":"cfn-lint:W3005","subjects":[]},
		{"rule":"lambda-memory-default","subjects":[]},
		{"rule":"apigw-public-no-auth","subjects":["Web","c2"]}]}`), cat)
	if err != nil {
		t.Fatal(err)
	}
	out, err := SAM(d, cat)
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	for _, want := range []string{
		// On the resources, as a team writes them.
		"        ignore:\n          - lambda-tracing\n",
		"          - rule: sqs-no-redrive\n            reason: replayed from the source\n",
		"      cfn-lint:\n        config:\n          ignore_checks:\n            - E3505\n",
		// On the template: cfn-lint's own list, and archlab's.
		"  cfn-lint:\n    config:\n      ignore_checks:\n        - W3005\n",
		"      - lambda-memory-default\n",
		"      - rule: sqs-visibility-6x\n        subjects:\n          - OrderQueue\n          - WorkerOrderQueue\n        reason: the worker takes seconds\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the export lacks\n%s\n---\n%s", want, text)
		}
	}
	imp, err := Import(out, "again", cat)
	if err != nil {
		t.Fatal(err)
	}
	renamed := map[string]string{}
	for _, c := range d.Connections {
		for _, g := range imp.Design.Connections {
			if g.From == c.From && g.To == c.To {
				renamed[c.ID] = g.ID
			}
		}
	}
	var want []design.Accepted
	for _, a := range d.Accepted {
		for i, s := range a.Subjects {
			if to, ok := renamed[s]; ok {
				a.Subjects[i] = to
			}
		}
		slices.Sort(a.Subjects)
		want = append(want, a)
	}
	got, wantKeys := entryKeys(imp.Design.Accepted), entryKeys(want)
	slices.Sort(got)
	slices.Sort(wantKeys)
	if !slices.Equal(got, wantKeys) {
		t.Fatalf("imported again: %q\nwant           %q\n%s", got, wantKeys, text)
	}
	for _, n := range imp.Notes {
		if strings.Contains(n.Message, "ignore") {
			t.Errorf("note on the export's own metadata: %s", n)
		}
	}
}

// Who accepted a finding, when, until when and its fingerprint survive an
// export and an import, quoted where YAML would read another type.
func TestExportKeepsWhoWhenAndUntil(t *testing.T) {
	cat := design.Builtin()
	for _, fp := range []string{"3f2a9c0d1b7e", "123456789012", "1e10aaaaaaaa"} {
		d, err := design.Decode([]byte(`{"format":"archlab/v1","title":"Accepted",
	"blocks":[{"id":"Worker","kind":"lambda","props":{"Timeout":30}},{"id":"OrderQueue","kind":"sqs","props":{"VisibilityTimeout":60}}],
	"connections":[{"id":"c1","from":"OrderQueue","to":"Worker"}],
	"accepted":[
		{"rule":"sqs-no-redrive","subjects":["OrderQueue"],"reason":"replayed from the source","by":"Ann: lead","at":"2026-12-05T09:30:00Z","until":"2027-03-31","fingerprint":"`+fp+`"},
		{"rule":"lambda-tracing","subjects":[],"reason":"on in the account","by":"Bo","until":"2027-01-01"}]}`), cat)
		if err != nil {
			t.Fatal(err)
		}
		out, err := SAM(d, cat)
		if err != nil {
			t.Fatal(err)
		}
		imp, err := Import(out, "again", cat)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range imp.Notes {
			if strings.Contains(n.Message, "ignore") {
				t.Errorf("note on the export's own metadata: %s", n)
			}
		}
		if len(imp.Design.Accepted) != 2 {
			t.Fatalf("imported %+v\n%s", imp.Design.Accepted, out)
		}
		for i, a := range imp.Design.Accepted {
			if w := d.Accepted[i]; a.Reason != w.Reason || a.By != w.By || a.At != w.At || a.Until != w.Until || a.Fingerprint != w.Fingerprint {
				t.Errorf("imported %+v, want %+v\n%s", a, w, out)
			}
		}
	}
}
