package rules

import (
	"slices"
	"testing"

	"github.com/archlab/archlab/design"
)

func TestReviewSplitsAcceptedFindings(t *testing.T) {
	const doc = `{"format":"archlab/v1","title":"Q",
	"blocks":[{"id":"Worker","kind":"lambda","props":{"Timeout":60}},{"id":"OrderQueue","kind":"sqs","props":{"VisibilityTimeout":30}}],
	"connections":[{"id":"c1","from":"OrderQueue","to":"Worker"}]`
	cat := design.Builtin()
	reg := Default(cat)
	for _, tc := range []struct {
		name     string
		accepted string
		want     []string // rules of the accepted findings
	}{
		{"nothing accepted", ``, nil},
		{"by rule and one subject of two", `{"rule":"sqs-visibility-below-timeout","subjects":["OrderQueue"],"reason":"r"}`, []string{"sqs-visibility-below-timeout"}},
		{"by an equivalent's id", `{"rule":"cfn-lint:E3505","subjects":["c1"]}`, []string{"sqs-visibility-below-timeout"}},
		{"by an end of a connection the finding names", `{"rule":"sqs-visibility-below-timeout","subjects":["Worker"]}`, []string{"sqs-visibility-below-timeout"}},
		{"by rule everywhere", `{"rule":"lambda-tracing","subjects":[]}`, []string{"lambda-tracing"}},
		{"not on another subject", `{"rule":"lambda-tracing","subjects":["OrderQueue"]}`, nil},
		{"not another rule", `{"rule":"sqs-visibility-6x","subjects":["OrderQueue"]}`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := doc + `}`
			if tc.accepted != "" {
				src = doc + `,"accepted":[` + tc.accepted + `]}`
			}
			d, err := design.Decode([]byte(src), cat)
			if err != nil {
				t.Fatal(err)
			}
			all := reg.checkAll(d)
			open, accepted := reg.Review(d)
			accepts := design.AcceptedIn(d.Accepted, d, design.Today())
			var got []string
			for _, f := range accepted {
				got = append(got, f.Rule)
				if f.Accepted == nil || accepts(f.Rule, f.Equivalents, f.Subjects, f.Message) == nil {
					t.Errorf("accepted finding %s carries no entry", f.Rule)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("accepted = %v, want %v", got, tc.want)
			}
			if len(open)+len(accepted) != len(all) {
				t.Fatalf("%d open + %d accepted of %d findings", len(open), len(accepted), len(all))
			}
			for _, f := range open {
				if slices.Contains(tc.want, f.Rule) || f.Accepted != nil {
					t.Fatalf("open findings hold the accepted %s", f.Rule)
				}
			}
			if check := reg.Check(d); len(check) != len(open) {
				t.Fatalf("Check returned %d findings, want the %d open ones", len(check), len(open))
			}
		})
	}
}
