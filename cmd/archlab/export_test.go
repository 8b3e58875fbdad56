package main

import (
	"bytes"
	"context"
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
		code := run(context.Background(), args, &out, &errOut, func(string) string { return "" })
		if code != tc.code || !strings.Contains(out.String()+errOut.String(), tc.want) {
			t.Errorf("export %v: exit %d, want %d with %q\nstdout: %.300s\nstderr: %s", tc.args, code, tc.code, tc.want, out.String(), errOut.String())
		}
	}
}
