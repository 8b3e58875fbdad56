package iac

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
)

// entryKeys writes entries as "rule subject,subject: reason".
func entryKeys(list []design.Accepted) []string {
	var out []string
	for _, a := range list {
		k := a.Rule + " " + strings.Join(a.Subjects, ",")
		if a.Reason != "" {
			k += ": " + a.Reason
		}
		out = append(out, k)
	}
	return out
}

const suppressedTemplate = `Transform: AWS::Serverless-2016-10-31
Metadata:
  archlab:
    ignore:
      - lambda-tracing
      - rule: sqs-visibility-6x
        subjects: [OrderQueue, Worker]
        reason: measured
  cfn-lint:
    config:
      ignore_checks: [W3005]
Resources:
  OrderQueue:
    Type: AWS::SQS::Queue
    Metadata:
      archlab:
        ignore:
          - sqs-no-redrive
          - rule: sqs-partial-batch-response
            reason: batches of one
      cfn-lint:
        config:
          ignore_checks:
            - E3505
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Events:
        Queue:
          Type: SQS
          Properties:
            Queue: !GetAtt OrderQueue.Arn
  Role:
    Type: AWS::IAM::Role
    Metadata:
      archlab:
        ignore: import-note
`

func TestSuppressionsBecomeTheAcceptedList(t *testing.T) {
	imp := mustImport(t, suppressedTemplate)
	wantAll := []string{
		"sqs-no-redrive OrderQueue",
		"sqs-partial-batch-response OrderQueue: batches of one",
		"cfn-lint:E3505 OrderQueue",
		"import-note Role",
		"lambda-tracing ",
		"sqs-visibility-6x OrderQueue,Worker: measured",
		"cfn-lint:W3005 ",
	}
	if got := entryKeys(imp.Accepted); !slices.Equal(got, wantAll) {
		t.Fatalf("accepted = %q\nwant       %q", got, wantAll)
	}
	// The design keeps those about its blocks, in its canonical order; the
	// role is no block.
	wantDesign := []string{
		"cfn-lint:E3505 OrderQueue",
		"cfn-lint:W3005 ",
		"lambda-tracing ",
		"sqs-no-redrive OrderQueue",
		"sqs-partial-batch-response OrderQueue: batches of one",
		"sqs-visibility-6x OrderQueue,Worker: measured",
	}
	if got := entryKeys(imp.Design.Accepted); !slices.Equal(got, wantDesign) {
		t.Fatalf("design accepted = %q\nwant              %q", got, wantDesign)
	}
	for _, n := range imp.Notes {
		if strings.Contains(n.Message, "ignore") {
			t.Errorf("unexpected note: %s", n)
		}
	}
}

func TestSuppressionsThatAreNotReadAreNoted(t *testing.T) {
	resource := func(meta string) string {
		return "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Metadata:\n" + meta
	}
	for _, tc := range []struct {
		name, src, note string
	}{
		{"ignore is a mapping", resource("      archlab:\n        ignore: {rule: x}\n"), "must be a list"},
		{"an entry is a list", resource("      archlab:\n        ignore: [[a]]\n"), "must be a rule id"},
		{"an unknown key", resource("      archlab:\n        ignore:\n          - rule: sqs-no-redrive\n            expires: 2030\n"), "not expires"},
		{"subjects on a resource", resource("      archlab:\n        ignore:\n          - rule: sqs-no-redrive\n            subjects: [Q]\n"), "about that resource"},
		{"a rule id with spaces", resource("      archlab:\n        ignore: [\"no redrive\"]\n"), "rule"},
		{"a reason too long", resource("      archlab:\n        ignore:\n          - rule: sqs-no-redrive\n            reason: " + strings.Repeat("x", design.MaxReasonLen+1) + "\n"), "reason"},
		{"a cfn-lint id that is a mapping", resource("      cfn-lint:\n        config:\n          ignore_checks: [{E3505: true}]\n"), "no cfn-lint rule id"},
		{"a template subject naming nothing", "Metadata:\n  archlab:\n    ignore:\n      - rule: sqs-no-redrive\n        subjects: [Nope]\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n", "names Nope"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			imp := mustImport(t, tc.src)
			found := false
			for _, n := range imp.Notes {
				if strings.Contains(n.Message, tc.note) && n.Line > 0 {
					found = true
				}
			}
			if !found {
				t.Fatalf("no note with %q at a line; notes: %v", tc.note, imp.Notes)
			}
			for _, a := range imp.Design.Accepted {
				if a.Rule == "sqs-no-redrive" && tc.name != "a template subject naming nothing" {
					t.Fatalf("a refused entry was read: %+v", a)
				}
			}
		})
	}
}

func TestSuppressionsAreBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("Metadata:\n  archlab:\n    ignore:\n")
	for i := range design.MaxAccepted + 5 {
		fmt.Fprintf(&b, "      - rule-%d\n", i)
	}
	b.WriteString("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n")
	imp := mustImport(t, b.String())
	if len(imp.Accepted) != design.MaxAccepted || len(imp.Design.Accepted) != design.MaxAccepted {
		t.Fatalf("read %d entries (%d in the design), want %d", len(imp.Accepted), len(imp.Design.Accepted), design.MaxAccepted)
	}
	if !slices.ContainsFunc(imp.Notes, func(n Note) bool { return strings.Contains(n.Message, "more than 1000") }) {
		t.Fatalf("no note says entries were left out: %v", imp.Notes)
	}
}
