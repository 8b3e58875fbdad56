package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestLintFollowsReferences: a missing file a template references fails
// the run like any error, at the line that names it; --root lets a
// template read files above its own folder.
func TestLintFollowsReferences(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"services/orders/template.yaml":  "Resources:\n  Flow:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: ../../shared/flow.asl.json\n",
		"services/billing/template.yaml": "Resources:\n  Flow:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: flow.asl.json\n",
		"shared/flow.asl.json":           `{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}`,
	})
	billing := filepath.Join(dir, "services", "billing", "template.yaml")
	code, out, errOut := runLint(t, billing)
	if code != 1 || !strings.Contains(out, billing+":5:22: error template-reference Flow: DefinitionUri names flow.asl.json, which is not there") {
		t.Fatalf("exit %d:\n%s%s", code, out, errOut)
	}
	orders := filepath.Join(dir, "services", "orders", "template.yaml")
	code, out, _ = runLint(t, orders)
	if code != 0 || !strings.Contains(out, "outside the folder archlab reads") {
		t.Fatalf("without --root: exit %d:\n%s", code, out)
	}
	code, out, _ = runLint(t, "--root", dir, orders)
	if code != 0 || strings.Contains(out, "outside the folder") {
		t.Fatalf("with --root: exit %d:\n%s", code, out)
	}
	code, _, errOut = runLint(t, "--root", filepath.Join(dir, "shared"), orders)
	if code != 2 || !strings.Contains(errOut, "outside the root") {
		t.Fatalf("a file outside --root: exit %d: %s", code, errOut)
	}
}

// TestImportReadsTheTemplatesFolder: archlab import follows a nested
// stack in the template's folder, as lint does.
func TestImportReadsTheTemplatesFolder(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"template.yaml":        "Resources:\n  Orders:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: orders/template.yaml\n",
		"orders/template.yaml": "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n",
	})
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"import", filepath.Join(dir, "template.yaml")}, nil, &out, &errOut, env(nil))
	if code != 0 || !strings.Contains(out.String(), `"id": "Orders_Queue"`) || !strings.Contains(out.String(), `"title": "template"`) {
		t.Fatalf("exit %d:\n%s%s", code, out.String(), errOut.String())
	}
}
