package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
)

func TestExportCommand(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"orders.archlab.json": `{"format":"archlab/v1","title":"Orders","blocks":[{"id":"Jobs","kind":"sqs"},{"id":"Worker","kind":"lambda"}],
			"connections":[{"id":"c1","from":"Jobs","to":"Worker"}]}`,
		"template.yaml": "Resources:\n  Jobs:\n    Type: AWS::SQS::Queue\n",
	})
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--format", "mermaid", dir + "/orders.archlab.json"}, 0, "flowchart"},
		{[]string{"--format", "svg", dir + "/orders.archlab.json"}, 0, "<svg"},
		{[]string{"--format", "sam", dir + "/orders.archlab.json"}, 0, "AWS::Serverless::Function"},
		{[]string{"--format", "json", dir + "/template.yaml"}, 0, `"archlab/v1"`},
		{[]string{"--format", "pdf", dir + "/orders.archlab.json"}, 2, "must be one of"},
		{[]string{dir + "/missing.yaml"}, 1, "no such file"},
		{nil, 2, "give one file"},
		{[]string{"import", dir + "/template.yaml"}, 0, `"kind": "sqs"`},
		{[]string{"import", dir + "/orders.archlab.json"}, 2, "archlab import"},
	} {
		var out, errOut bytes.Buffer
		args := append([]string{"export"}, tc.args...)
		if len(tc.args) > 0 && tc.args[0] == "import" {
			args = tc.args
		}
		code := run(context.Background(), args, nil, &out, &errOut, func(string) string { return "" })
		if code != tc.code || !strings.Contains(out.String()+errOut.String(), tc.want) {
			t.Errorf("export %v: exit %d, want %d with %q\nstdout: %.300s\nstderr: %s", tc.args, code, tc.code, tc.want, out.String(), errOut.String())
		}
	}
}

// `archlab import` keeps the template in the design document, so that
// `archlab export --format sam` of that document gives the template back
// as written, and of an edited one says what only the metadata keeps.
func TestImportThenExportGivesTheTemplateBack(t *testing.T) {
	const tmpl = `# The worker's queue and function.
Transform: AWS::Serverless-2016-10-31
Resources:
  Jobs:
    Type: AWS::SQS::Queue # drained by Worker
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/worker/
      Handler: app.handler
      Runtime: python3.13
      Events:
        FromJobs:
          Type: SQS
          Properties: {Queue: !GetAtt Jobs.Arn, BatchSize: 10}
`
	dir := writeFiles(t, map[string]string{"worker.yaml": tmpl})
	var doc, errOut bytes.Buffer
	if code := run(context.Background(), []string{"import", dir + "/worker.yaml"}, nil, &doc, &errOut, func(string) string { return "" }); code != 0 {
		t.Fatalf("import: exit %d: %s", code, errOut.String())
	}
	designFile := dir + "/worker.archlab.json"
	if err := os.WriteFile(designFile, doc.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if code := run(context.Background(), []string{"export", "--format", "sam", designFile}, nil, &out, &errOut, func(string) string { return "" }); code != 0 || out.String() != tmpl {
		t.Fatalf("export: exit %d, stderr %s, got:\n%s", code, errOut.String(), out.String())
	}
	// Edited: the batch size changes in place, comments stay.
	edited := strings.Replace(doc.String(), `"BatchSize": 10`, `"BatchSize": 4`, 1)
	if edited == doc.String() {
		t.Fatalf("the design document has no BatchSize 10:\n%s", doc.String())
	}
	if err := os.WriteFile(designFile, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if code := run(context.Background(), []string{"export", "--format", "sam", designFile}, nil, &out, &errOut, func(string) string { return "" }); code != 0 {
		t.Fatalf("export: exit %d: %s", code, errOut.String())
	}
	for _, want := range []string{"# The worker's queue and function.", "# drained by Worker", "CodeUri: src/worker/", "BatchSize: 4"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the edited export lacks %q:\n%s", want, out.String())
		}
	}
}
