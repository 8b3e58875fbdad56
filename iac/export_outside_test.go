package iac

import (
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
)

// A design's references to blocks outside it become what names them in the
// template (the ARN, the parameter, the import), never a !GetAtt of a
// resource the template does not hold, and import back to the same blocks.
func TestExportNamesOutsideBlocks(t *testing.T) {
	cat := design.Builtin()
	d, err := design.Decode([]byte(`{"format":"archlab/v1","title":"Outside","blocks":[
		{"id":"Nightly","kind":"eventbridge-rule","props":{"ScheduleExpression":"rate(1 day)"}},
		{"id":"Worker","kind":"lambda","props":{"Timeout":30,"CapacityProviderConfig.Arn":"Fleet"}},
		{"id":"SharedDlq","kind":"sqs","external":{"ref":"arn:aws:sqs:eu-west-1:123456789012:shared-dlq"}},
		{"id":"Fleet","kind":"lambda-capacity-provider","external":{"ref":"!Ref FleetArn"}},
		{"id":"Failures","kind":"sqs","external":{"ref":"!GetAtt Platform.FailureQueueArn"}}],
		"connections":[{"from":"Nightly","to":"Worker","props":{"DeadLetterConfig.Arn":"SharedDlq"}},
		{"from":"Worker","to":"Failures","integration":"on-failure"}]}`), cat)
	if err != nil {
		t.Fatal(err)
	}
	out, err := SAM(d, cat)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := string(out)
	for _, want := range []string{"arn:aws:sqs:eu-west-1:123456789012:shared-dlq", "FleetArn:", "FailuresArn:", "!Ref FleetArn", "!Ref FailuresArn"} {
		if !strings.Contains(tmpl, want) {
			t.Errorf("the export lacks %q:\n%s", want, tmpl)
		}
	}
	for _, bad := range []string{"!GetAtt SharedDlq", "!GetAtt Fleet", "!GetAtt Failures", "!Ref SharedDlq", "!Ref Fleet\n"} {
		if strings.Contains(tmpl, bad) {
			t.Errorf("the export names an outside block as a resource (%q):\n%s", bad, tmpl)
		}
	}
	imp, err := Import(out, "Outside", cat)
	if err != nil {
		t.Fatal(err)
	}
	if diff := designDiff(d, imp.Design); diff != "" {
		t.Errorf("round trip changed the design:\n%s\n%s", diff, tmpl)
	}
	for _, n := range imp.Notes {
		t.Errorf("note: %s", n)
	}
}
