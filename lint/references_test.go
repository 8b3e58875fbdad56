package lint

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
)

// nestedProject is a SAM application whose queue lives in a nested stack
// and whose state machine definition is a file: the queue's visibility
// timeout is shorter than the parent's function's timeout, which only
// shows when both are read together.
var nestedProject = map[string]string{
	"template.yaml": `Transform: AWS::Serverless-2016-10-31
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Timeout: 60
  Orders:
    Type: AWS::Serverless::Application
    Properties:
      Location: orders/template.yaml
      Parameters:
        ConsumerArn: !GetAtt Worker.Arn
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: statemachine/flow.asl.json
      DefinitionSubstitutions:
        WorkerArn: !GetAtt Worker.Arn
`,
	"orders/template.yaml": `Parameters:
  ConsumerArn:
    Type: String
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 10
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Queue.Arn
      FunctionName: !Ref ConsumerArn
`,
	"statemachine/flow.asl.json": `{
  "StartAt": "Work",
  "States": {
    "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "${WorkerArn}"}, "Next": "Done"},
    "Done": {"Type": "Succeed"}
  }
}
`,
}

func mustLinter() *Linter { return &Linter{Rules: rules.Default(design.Builtin())} }

func mustCheck(tb testing.TB, paths []string, root string) []Result {
	tb.Helper()
	targets, err := Targets(context.Background(), paths, root)
	if err != nil {
		tb.Fatal(err)
	}
	rs, errs, _ := mustLinter().Check(context.Background(), targets)
	if len(errs) > 0 {
		tb.Fatalf("unreadable: %v", errs)
	}
	return rs
}

func TestLintFolderReadsReferencesOnce(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, dir, nestedProject)
	rs := mustCheck(t, []string{dir}, "")
	child := filepath.Join(dir, "orders", "template.yaml")
	var visibility []Result
	for _, r := range rs {
		if r.Rule == "sqs-visibility-below-timeout" {
			visibility = append(visibility, r)
		}
		if r.File == child && r.Rule == ImportNote && strings.Contains(r.Message, "ConsumerArn") {
			t.Errorf("the nested stack was also linted on its own, without its parent's parameters: %+v", r)
		}
	}
	if len(visibility) != 1 {
		t.Fatalf("want one sqs-visibility-below-timeout finding, got %+v\nall: %+v", visibility, rs)
	}
	v := visibility[0]
	if v.File != child || v.Line != 5 || !slices.Contains(v.Subjects, "Orders_Queue") {
		t.Errorf("finding = %+v, want it on Orders_Queue at %s line 5", v, child)
	}
	// The state machine's task, read from its file, connects it: no
	// finding says the function or the machine is unconnected.
	for _, r := range rs {
		if strings.Contains(r.Message, "separate file") {
			t.Errorf("a file that was read is noted as unread: %+v", r)
		}
	}
	// A template given alone reads its own folder's files just the same.
	alone, err := mustLinter().File(filepath.Join(dir, "template.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(alone, func(r Result) bool { return r.Rule == "sqs-visibility-below-timeout" && r.File == child }) {
		t.Errorf("linting template.yaml alone does not follow its nested stack: %+v", alone)
	}
}

func TestLintReferenceProblems(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	mustWrite(t, outside, map[string]string{"secret.json": `{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}`})
	mustWrite(t, dir, map[string]string{
		"app/template.yaml": `Resources:
  Missing:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: statemachine/gone.json
  Escape:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: ../../../etc/passwd
  Linked:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: link.json
  Broken:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: broken.json
`,
		"app/broken.json": "{\n  \"StartAt\": \"A\",\n  \"StartAt\": \"B\"\n}\n",
	})
	if err := os.Symlink(filepath.Join(outside, "secret.json"), filepath.Join(dir, "app", "link.json")); err != nil {
		t.Fatal(err)
	}
	rs := mustCheck(t, []string{filepath.Join(dir, "app")}, "")
	tmpl := filepath.Join(dir, "app", "template.yaml")
	for _, want := range []struct {
		rule, file string
		line       int
		words      string
	}{
		{"template-reference", tmpl, 5, "statemachine/gone.json, which is not there"},
		{ImportNote, tmpl, 9, "outside the folder archlab reads"},
		// The link leads out of the folder: os.Root refuses to follow it.
		{ImportNote, tmpl, 13, "could not read"},
		{"template-malformed", filepath.Join(dir, "app", "broken.json"), 3, `key "StartAt" appears twice`},
	} {
		if !slices.ContainsFunc(rs, func(r Result) bool {
			return r.Rule == want.rule && r.File == want.file && r.Line == want.line && strings.Contains(r.Message, want.words)
		}) {
			t.Errorf("no %s at %s:%d saying %q in\n%+v", want.rule, want.file, want.line, want.words, rs)
		}
	}
	for _, r := range rs {
		if r.Rule == "template-reference" && r.Severity != rules.Error || r.Rule == "template-malformed" && r.Severity != rules.Error {
			t.Errorf("%s is %s, want error", r.Rule, r.Severity)
		}
	}
}

func TestLintRootFlagWidensWhatIsRead(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, dir, map[string]string{
		"services/orders/template.yaml": "Resources:\n  Flow:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: ../../shared/flow.json\n",
		"shared/flow.json":              `{"StartAt": "A", "States": {"A": {"Type": "Pass"}}}`,
	})
	tmpl := filepath.Join(dir, "services", "orders", "template.yaml")
	outside := func(rs []Result) bool {
		return slices.ContainsFunc(rs, func(r Result) bool { return strings.Contains(r.Message, "outside the folder") })
	}
	if rs := mustCheck(t, []string{tmpl}, ""); !outside(rs) {
		t.Errorf("without --root the shared file is read: %+v", rs)
	}
	if rs := mustCheck(t, []string{tmpl}, dir); outside(rs) {
		t.Errorf("with --root the shared file is not read: %+v", rs)
	}
	if _, err := Targets(context.Background(), []string{tmpl}, filepath.Join(dir, "shared")); err == nil || !strings.Contains(err.Error(), "outside the root") {
		t.Errorf("a file outside --root: %v", err)
	}
}

func TestLintCyclesReportOnce(t *testing.T) {
	dir := t.TempDir()
	stack := func(loc string) string {
		return "Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: " + loc + "\n  Q:\n    Type: AWS::SQS::Queue\n"
	}
	mustWrite(t, dir, map[string]string{"a.yaml": stack("b.yaml"), "b.yaml": stack("a.yaml")})
	rs := mustCheck(t, []string{dir}, "")
	var cycles []Result
	for _, r := range rs {
		if r.Rule == "template-reference" {
			cycles = append(cycles, r)
		}
	}
	if len(cycles) != 1 || cycles[0].File != filepath.Join(dir, "b.yaml") || !strings.Contains(cycles[0].Message, "a.yaml → b.yaml → a.yaml") {
		t.Fatalf("want the cycle once, from a.yaml's point of view: %+v", cycles)
	}
}

func TestLintMalformedAndDuplicateKeys(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, dir, map[string]string{
		"dup.yaml":  "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n  Q:\n    Type: AWS::SNS::Topic\n",
		"dup.json":  "{\"Resources\": {\n  \"Q\": {\"Type\": \"AWS::SQS::Queue\"},\n  \"Q\": {\"Type\": \"AWS::SNS::Topic\"}}}\n",
		"bad.yaml":  "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: [\n",
		"notes.yml": "some: [unclosed\n", // no template: not found, not reported
	})
	rs := mustCheck(t, []string{dir}, "")
	got := map[string]int{}
	for _, r := range rs {
		if r.Rule != "template-malformed" || r.Severity != rules.Error || !slices.Contains(r.Equivalents, "cfn-lint:E0000") {
			t.Errorf("unexpected result %+v", r)
			continue
		}
		got[filepath.Base(r.File)] = r.Line
	}
	if want := map[string]int{"dup.yaml": 4, "dup.json": 3, "bad.yaml": 4}; !equalMaps(got, want) {
		t.Errorf("template-malformed lines = %v, want %v", got, want)
	}
}

func equalMaps(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestLintCDKOutput(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, dir, map[string]string{
		"cdk.out/OrdersStack.template.json": `{
 "Resources": {
  "OrdersQueue4A3B2C1D": {
   "Type": "AWS::SQS::Queue",
   "Properties": {"VisibilityTimeout": 10},
   "Metadata": {"aws:cdk:path": "OrdersStack/Orders/Queue/Resource"}
  },
  "WorkerFn5E6F7A8B": {
   "Type": "AWS::Lambda::Function",
   "Properties": {"Runtime": "nodejs22.x", "Handler": "index.handler", "Timeout": 60, "Code": {"S3Bucket": "b", "S3Key": "k.zip"}},
   "Metadata": {"aws:cdk:path": "OrdersStack/Worker/Resource", "aws:asset:path": "asset.abc", "aws:asset:is-bundled": false, "aws:asset:property": "Code"}
  },
  "WorkerFnSqsEventSource1C2D3E4F": {
   "Type": "AWS::Lambda::EventSourceMapping",
   "Properties": {"EventSourceArn": {"Fn::GetAtt": ["OrdersQueue4A3B2C1D", "Arn"]}, "FunctionName": {"Ref": "WorkerFn5E6F7A8B"}},
   "Metadata": {"aws:cdk:path": "OrdersStack/Worker/SqsEventSource/Resource"}
  },
  "CDKMetadata": {
   "Type": "AWS::CDK::Metadata",
   "Properties": {"Analytics": "v2:deflate64:H4sIAAAAAAAA"},
   "Metadata": {"aws:cdk:path": "OrdersStack/CDKMetadata/Default"}
  }
 }
}`,
		"cdk.out/manifest.json": `{"version": "36.0.0", "artifacts": {"OrdersStack": {"type": "aws:cloudformation:stack"}}}`,
		"cdk.out/tree.json":     `{"tree": {"id": "App", "children": {"Resource": {"attributes": {"aws:cdk:cloudformation:type": "AWS::SQS::Queue"}}}}}`,
	})
	rs := mustCheck(t, []string{dir}, "")
	found := false
	for _, r := range rs {
		if filepath.Base(r.File) != "OrdersStack.template.json" {
			t.Errorf("a CDK file that is no template was linted: %+v", r)
		}
		if r.Rule == ImportNote {
			t.Errorf("CDK bookkeeping is noted: %+v", r)
		}
		if r.Rule == "sqs-visibility-below-timeout" {
			found = true
			if !strings.Contains(r.Message, "OrdersQueue4A3B2C1D (OrdersStack/Orders/Queue)") || !slices.Contains(r.Subjects, "OrdersQueue4A3B2C1D") {
				t.Errorf("the message does not name the construct path, or the subjects changed: %+v", r)
			}
		}
	}
	if !found {
		t.Fatalf("no finding on the CDK template: %+v", rs)
	}
}

// TestCheckKeepsOrderAndMatchesOneByOne: checking in parallel gives what
// checking one file after another gives, in the same order.
func TestCheckKeepsOrderAndMatchesOneByOne(t *testing.T) {
	dir := templates100(t)
	targets, err := Targets(context.Background(), []string{dir}, "")
	if err != nil {
		t.Fatal(err)
	}
	l := mustLinter()
	var want []Result
	for _, tg := range targets {
		rs, err := l.File(tg.Path)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, rs...)
	}
	for range 3 {
		got, errs, _ := l.Check(context.Background(), targets)
		if len(errs) > 0 || len(got) != len(want) {
			t.Fatalf("Check gave %d results (%v), one by one %d", len(got), errs, len(want))
		}
		for i := range got {
			if got[i].File != want[i].File || got[i].Rule != want[i].Rule || got[i].Message != want[i].Message || got[i].Line != want[i].Line {
				t.Fatalf("result %d = %+v, one by one %+v", i, got[i], want[i])
			}
		}
	}
}
