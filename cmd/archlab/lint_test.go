package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const lintDesign = `{"format":"archlab/v1","title":"Orders","blocks":[
	{"id":"OrderQueue","kind":"sqs","props":{"VisibilityTimeout":10}},
	{"id":"Worker","kind":"lambda","props":{"Timeout":30}}],
	"connections":[{"id":"c1","from":"OrderQueue","to":"Worker"}]}`

const cleanDesign = `{"format":"archlab/v1","title":"Quiet","blocks":[{"id":"Site","kind":"s3"}]}`

func writeFiles(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func runLint(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), append([]string{"lint"}, args...), nil, &out, &errOut, env(nil))
	return code, out.String(), errOut.String()
}

func TestLintExitCodes(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"orders.archlab.json":        lintDesign,
		"nested/quiet.archlab.json":  cleanDesign,
		"nested/notes.json":          `{"not":"a design"}`,
		"broken/broken.archlab.json": `{"format":"archlab/v1",`,
	})
	// A design with an error finding fails.
	code, out, _ := runLint(t, filepath.Join(dir, "orders.archlab.json"))
	if code != 1 || !strings.Contains(out, "error sqs-visibility-below-timeout OrderQueue,c1: OrderQueue: VisibilityTimeout 10 s") {
		t.Fatalf("exit %d, output:\n%s", code, out)
	}
	// A clean design passes; --fail-on decides what fails.
	if code, _, _ := runLint(t, filepath.Join(dir, "nested", "quiet.archlab.json")); code != 0 {
		t.Fatalf("a clean design exited %d", code)
	}
	if code, _, _ := runLint(t, "--fail-on", "info", filepath.Join(dir, "orders.archlab.json")); code != 1 {
		t.Fatalf("--fail-on info exited %d", code)
	}
	// A malformed file is unreadable input: exit 2, with the position.
	code, _, errOut := runLint(t, filepath.Join(dir, "broken", "broken.archlab.json"))
	if code != 2 || !strings.Contains(errOut, "line 1") {
		t.Fatalf("malformed input exited %d: %s", code, errOut)
	}
	// Missing files and bad flags are usage errors.
	for _, args := range [][]string{{filepath.Join(dir, "missing.json")}, {"--fail-on", "fatal", dir}, {"--format", "xml", dir}, {}} {
		if code, _, _ := runLint(t, args...); code != 2 {
			t.Errorf("lint %v exited %d, want 2", args, code)
		}
	}
}

func TestLintDirectoryRecursesIntoDesigns(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a/orders.archlab.json": lintDesign,
		"b/quiet.archlab.json":  cleanDesign,
		"b/readme.json":         `{}`,
	})
	code, out, errOut := runLint(t, "--format", "json", dir)
	if code != 1 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var results []map[string]any
	if err := json.Unmarshal([]byte(out), &results); err != nil {
		t.Fatalf("JSON output: %v\n%s", err, out)
	}
	for _, r := range results {
		for _, k := range []string{"file", "rule", "severity", "subjects", "message", "equivalents"} {
			if _, ok := r[k]; !ok {
				t.Fatalf("result lacks %q: %v", k, r)
			}
		}
		if !strings.HasSuffix(r["file"].(string), "orders.archlab.json") {
			t.Fatalf("finding in an unexpected file: %v", r["file"])
		}
	}
}

func TestLintSARIF(t *testing.T) {
	dir := writeFiles(t, map[string]string{"orders.archlab.json": lintDesign})
	_, out, _ := runLint(t, "--format", "sarif", "--base-url", "https://archlab.example.com", filepath.Join(dir, "orders.archlab.json"))
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID      string `json:"id"`
						HelpURI string `json:"helpUri"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Locations []struct {
					LogicalLocations []struct{ Name string } `json:"logicalLocations"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatalf("SARIF is not JSON: %v", err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 || log.Runs[0].Tool.Driver.Name != "archlab" {
		t.Fatalf("SARIF header = %+v", log)
	}
	run := log.Runs[0]
	if len(run.Results) == 0 {
		t.Fatal("no results")
	}
	for _, r := range run.Results {
		rule := run.Tool.Driver.Rules[r.RuleIndex]
		if rule.ID != r.RuleID || rule.HelpURI != "https://archlab.example.com/kb/rules/"+r.RuleID {
			t.Errorf("result %s points at rule %+v", r.RuleID, rule)
		}
		if len(r.Locations) == 0 || len(r.Locations[0].LogicalLocations) == 0 {
			t.Errorf("result %s has no logical location", r.RuleID)
		}
	}
}

func TestRulesCommand(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"rules", "--format", "json"}, nil, &out, &errOut, env(nil)); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var rs []map[string]any
	if err := json.Unmarshal(out.Bytes(), &rs); err != nil || len(rs) == 0 {
		t.Fatalf("rules JSON: %v %s", err, out.String())
	}
	if rs[0]["kb"] == nil || rs[0]["severity"] == nil {
		t.Fatalf("entry = %v", rs[0])
	}
	out.Reset()
	run(context.Background(), []string{"rules"}, nil, &out, &errOut, env(nil))
	if !strings.Contains(out.String(), "sqs-visibility-6x") || !strings.Contains(out.String(), "/kb/rules/") {
		t.Fatalf("text listing:\n%s", out.String())
	}
}

const lintTemplate = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  OrderQueue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 10
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Timeout: 30
      Events:
        Orders:
          Type: SQS
          Properties:
            Queue: !GetAtt OrderQueue.Arn
  Dashboard:
    Type: AWS::CloudWatch::Dashboard
`

func TestLintTemplates(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"orders/template.yaml":          lintTemplate,
		"orders/.aws-sam/template.yaml": lintTemplate,
		"infra/stack.yml":               lintTemplate,
		"broken/template.yml":           "Resources:\n  Q: [\n",
	})
	// Directories: template.yaml|yml|json, hidden build output skipped.
	code, out, errOut := runLint(t, filepath.Join(dir, "orders"))
	if code != 1 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "template.yaml:4:3: error sqs-visibility-below-timeout OrderQueue,WorkerOrders: OrderQueue: VisibilityTimeout 10 s") {
		t.Fatalf("text output:\n%s", out)
	}
	if !strings.Contains(out, "template.yaml:19:3: info import-note Dashboard: AWS::CloudWatch::Dashboard is not modelled") {
		t.Fatalf("the unmodelled resource is not an info result:\n%s", out)
	}
	if strings.Count(out, "sqs-visibility-below-timeout") != 1 {
		t.Fatalf("the hidden .aws-sam copy was linted:\n%s", out)
	}
	// Files named explicitly, in any format.
	code, out, _ = runLint(t, "--format", "json", filepath.Join(dir, "infra", "stack.yml"))
	var results []map[string]any
	if err := json.Unmarshal([]byte(out), &results); err != nil || code != 1 || len(results) == 0 {
		t.Fatalf("exit %d, JSON %v:\n%s", code, err, out)
	}
	// Malformed YAML is an error finding at its line (cfn-lint's E0000),
	// failing the run like any error, not unreadable input.
	code, out, errOut = runLint(t, filepath.Join(dir, "broken", "template.yml"))
	if code != 1 || errOut != "" || !strings.Contains(out, "template.yml:2:1: error template-malformed: the template does not parse: ") {
		t.Fatalf("malformed template exited %d: %s%s", code, out, errOut)
	}
	// SARIF locates findings in the template.
	_, out, _ = runLint(t, "--format", "sarif", filepath.Join(dir, "orders", "template.yaml"))
	if !strings.Contains(out, `"startLine": 4`) || !strings.Contains(out, `"name": "OrderQueue"`) || !strings.Contains(out, `"ruleId": "import-note"`) {
		t.Fatalf("SARIF output:\n%s", out)
	}
}

func TestLintImporterTestdata(t *testing.T) {
	// Every template of the importer's tests lints without unreadable input.
	files, _ := filepath.Glob(filepath.Join("..", "..", "iac", "testdata", "*.yaml"))
	more, _ := filepath.Glob(filepath.Join("..", "..", "iac", "testdata", "*.json"))
	code, out, errOut := runLint(t, append([]string{"--format", "json", "--fail-on", "error"}, append(files, more...)...)...)
	if errOut != "" || (code != 0 && code != 1) {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var results []map[string]any
	if err := json.Unmarshal([]byte(out), &results); err != nil || len(results) == 0 {
		t.Fatalf("JSON %v:\n%s", err, out)
	}
}

// BenchmarkLintCommand100Templates runs archlab lint over 100 templates
// (the target is 2 s wall).
func BenchmarkLintCommand100Templates(b *testing.B) {
	sources, _ := filepath.Glob(filepath.Join("..", "..", "iac", "testdata", "*.yaml"))
	if len(sources) == 0 {
		b.Fatal("no templates")
	}
	files := map[string]string{}
	for i := 0; i < 100; i++ {
		data, err := os.ReadFile(sources[i%len(sources)])
		if err != nil {
			b.Fatal(err)
		}
		files[filepath.Join("svc"+strconv.Itoa(i), "template.yaml")] = string(data)
	}
	dir := writeFiles(b, files)
	for b.Loop() {
		var out, errOut bytes.Buffer
		if code := run(context.Background(), []string{"lint", "--format", "sarif", dir}, nil, &out, &errOut, env(nil)); code > 1 {
			b.Fatalf("exit %d: %s", code, errOut.String())
		}
	}
}
