package rules

import (
	"strings"
	"testing"
	"time"

	"github.com/archlab/archlab/design"
)

// TestRuntimeRulesOverTime checks one design on several days: a runtime
// moves on its own from supported to deprecated (a warning) to blocked for
// new functions and then for updates (errors), as the days of the
// life-cycle table pass, and it is reported by one rule at a time, never
// by property-range.
func TestRuntimeRulesOverTime(t *testing.T) {
	d, err := design.Decode([]byte(`{"format":"archlab/v1","title":"Runtimes","blocks":[
		{"id":"Billing","kind":"lambda","props":{"Runtime":"dotnet6","Timeout":10}},
		{"id":"Custom","kind":"lambda","props":{"Runtime":"provided.al2","Timeout":10}}]}`), design.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	type want struct{ rule, severity, says string }
	for _, tc := range []struct {
		day             string
		billing, custom want
	}{
		{"2024-06-01", want{}, want{}},
		{"2024-12-20", want{"lambda-runtime-deprecated", "warning", "deprecated since 2024-12-20"}, want{}},
		{"2026-07-31", want{"lambda-runtime-deprecated", "warning", "refuse to create functions with it from 2027-02-01"},
			want{"lambda-runtime-deprecated", "warning", "deprecated since 2026-07-31"}},
		{"2026-11-24", want{"lambda-runtime-deprecated", "warning", "and to update them from 2027-03-03"},
			want{"lambda-runtime-deprecated", "warning", "deprecated since 2026-07-31"}},
		{"2027-02-01", want{"lambda-runtime-blocked", "error", "existing ones can still be updated until 2027-03-03"},
			want{"lambda-runtime-blocked", "error", "refused to create functions with it since 2027-02-01"}},
		{"2027-03-03", want{"lambda-runtime-blocked", "error", "cannot be deployed at all"},
			want{"lambda-runtime-blocked", "error", "cannot be deployed at all"}},
	} {
		on, _ := time.Parse(time.DateOnly, tc.day)
		reg := Default(design.Builtin()).WithClock(func() time.Time { return on.Add(9 * time.Hour) })
		got := map[string][]Finding{}
		for _, f := range reg.Check(d) {
			switch f.Rule {
			case "lambda-runtime-deprecated", "lambda-runtime-blocked", "property-range":
				got[f.Subjects[0]] = append(got[f.Subjects[0]], f)
			}
		}
		for id, w := range map[string]want{"Billing": tc.billing, "Custom": tc.custom} {
			fs := got[id]
			switch {
			case w.rule == "" && len(fs) > 0:
				t.Errorf("%s on %s: %s %s: %s, want nothing", id, tc.day, fs[0].Severity, fs[0].Rule, fs[0].Message)
			case w.rule == "":
			case len(fs) != 1:
				t.Errorf("%s on %s: %d findings %v, want one of %s", id, tc.day, len(fs), fs, w.rule)
			case fs[0].Rule != w.rule || string(fs[0].Severity) != w.severity || !strings.Contains(fs[0].Message, w.says):
				t.Errorf("%s on %s: %s %s: %s\nwant %s %s saying %q", id, tc.day, fs[0].Severity, fs[0].Rule, fs[0].Message, w.severity, w.rule, w.says)
			}
		}
	}
}
