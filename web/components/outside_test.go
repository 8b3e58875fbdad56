package components

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
)

// Evidence reads as words: what declares a connection, or what only
// suggests it.
func TestEvidenceText(t *testing.T) {
	for _, c := range []struct {
		e    design.Evidence
		want string
	}{
		{design.Evidence{Basis: design.BasisDrawn}, "in the designer"},
		{design.Evidence{Basis: design.BasisEventSourceMapping}, "event source mapping in the template"},
		{design.Evidence{Basis: design.BasisEventSource, Detail: "SQS event Jobs"}, "event source in the template (SQS event Jobs)"},
		{design.Evidence{Basis: design.BasisIAM, Detail: "kinesis:PutRecord"}, "the role allows kinesis:PutRecord"},
		{design.Evidence{Basis: design.BasisPolicyTemplate, Detail: "SQSSendMessagePolicy"}, "the SAM policy template SQSSendMessagePolicy allows it"},
		{design.Evidence{Basis: design.BasisEnvironment, Detail: "QUEUE_URL"}, "an environment variable names it (QUEUE_URL)"},
		{design.Evidence{Basis: design.BasisConnector}, "a SAM connector grants access"},
	} {
		if got := EvidenceText(c.e); got != c.want {
			t.Errorf("%+v: %q, want %q", c.e, got, c.want)
		}
	}
	for _, b := range design.Bases {
		if got := EvidenceText(design.Evidence{Basis: b}); got == string(b) && b != design.BasisDrawn {
			t.Errorf("basis %s has no words", b)
		}
	}
}

// An outside block's unset settings are unknown, not AWS's defaults: the
// inspector does not offer a default someone else may not have kept.
func TestOutsideBlockSettingsAreUnknown(t *testing.T) {
	d := &design.Design{Blocks: []design.Block{
		{ID: "Jobs", Kind: "sqs", External: &design.External{Ref: "arn:aws:sqs:eu-west-1:123456789012:jobs"}},
		{ID: "Own", Kind: "sqs"},
	}}
	render := func(id string) string {
		var buf bytes.Buffer
		if err := Inspector(NewInspector(d, design.Builtin(), nil, id, "/d/key/props", false, nil)).Render(context.Background(), &buf); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	outside, own := render("Jobs"), render("Own")
	if !strings.Contains(outside, "Unknown (outside this design)") || strings.Contains(outside, "(AWS default)") || strings.Contains(outside, "Default (") {
		t.Error("the outside queue's inspector offers AWS defaults")
	}
	if !strings.Contains(outside, `id="block-outside" name="outside" value="on" checked`) || !strings.Contains(outside, `value="arn:aws:sqs:eu-west-1:123456789012:jobs"`) {
		t.Error("the outside queue's control is not checked with its reference")
	}
	// The reference field is there, hidden by CSS until the box is ticked.
	if !strings.Contains(own, "(AWS default)") || strings.Contains(own, `value="on" checked`) || !strings.Contains(own, `class="field outside-ref"`) {
		t.Error("a queue of the design lost its defaults, is marked outside, or has no reference field to show")
	}
}

// LastValue is the value a form field stands at: a checkbox sends "on"
// after its hidden "" fallback. Handlers read the form with it too.
func TestLastValue(t *testing.T) {
	for _, tc := range []struct {
		values []string
		want   string
	}{{nil, ""}, {[]string{""}, ""}, {[]string{"", "on"}, "on"}, {[]string{"a", "b", "c"}, "c"}} {
		if got := LastValue(tc.values); got != tc.want {
			t.Errorf("LastValue(%q) = %q, want %q", tc.values, got, tc.want)
		}
	}
}
