package e2e

import (
	"archive/zip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// projectTemplate keeps its state machine's definition and a nested
// stack, whose queue feeds the template's function, in files of their own.
const projectTemplate = `Transform: AWS::Serverless-2016-10-31
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties: {Runtime: python3.12, Handler: app.handler, Timeout: 60}
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: statemachine/flow.asl.json
      DefinitionSubstitutions: {WorkerArn: !GetAtt Worker.Arn}
  Orders:
    Type: AWS::Serverless::Application
    Properties:
      Location: orders/template.yaml
      Parameters: {ConsumerArn: !GetAtt Worker.Arn}
`

const projectDefinition = `{"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "${WorkerArn}"}, "End": true}}}`

const projectOrders = `Parameters: {ConsumerArn: {Type: String}}
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties: {VisibilityTimeout: 10}
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties: {EventSourceArn: !GetAtt Queue.Arn, FunctionName: !Ref ConsumerArn}
`

// A person uploads a zip of their project: the design holds the nested
// stack's queue and the state machine's task, and the page lists the files
// it read.
func TestImportAZipOfAProject(t *testing.T) {
	dir := t.TempDir()
	archive := filepath.Join(dir, "project.zip")
	f, err := os.Create(archive)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for name, content := range map[string]string{
		"project/template.yaml":               projectTemplate,
		"project/statemachine/flow.asl.json":  projectDefinition,
		"project/orders/template.yaml":        projectOrders,
		"project/node_modules/pkg/readme.txt": "not read",
	} {
		w, _ := zw.Create(name)
		w.Write([]byte(content))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	a := newApp(t)
	p := open(t, a, "/import")
	p.do(chromedp.SetUploadFiles(`#import-file`, []string{archive}), chromedp.Click(`[data-testid="import-submit"]`),
		chromedp.WaitVisible(`[data-testid="imported"]`))
	if got := p.text(`[data-testid="import-files"]`); !strings.Contains(got, "project/template.yaml") {
		t.Fatalf("the page says it read %q", got)
	}
	files := p.text(`[data-testid="imported"] .import-notes`)
	for _, name := range []string{"project/statemachine/flow.asl.json", "project/orders/template.yaml"} {
		if !strings.Contains(files, name) {
			t.Errorf("the page does not list %s among the files read: %q", name, files)
		}
	}
	p.do(chromedp.Click(`[data-testid="open-imported"]`), chromedp.WaitVisible(`[data-block-id="Orders_Queue"]`))
	p.until(`document.querySelector('[data-from="Flow"][data-to="Worker"]') != null`)
	p.until(`document.querySelector('[data-from="Orders_Queue"][data-to="Worker"]') != null`)
	p.until(`document.querySelector('#findings [data-rule="sqs-visibility-below-timeout"]') != null`)
}

// A person selects the template and its definition file together: the
// definition is found by its name, and the nested stack's template, not
// uploaded, is a problem the page names.
func TestImportSeveralFiles(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for name, content := range map[string]string{"template.yaml": projectTemplate, "flow.asl.json": projectDefinition} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	a := newApp(t)
	p := open(t, a, "/import")
	p.do(chromedp.SetUploadFiles(`#import-file`, paths), chromedp.Click(`[data-testid="import-submit"]`),
		chromedp.WaitVisible(`[data-testid="imported"]`))
	if got := p.text(`[data-testid="imported"] .import-notes`); !strings.Contains(got, "statemachine/flow.asl.json") {
		t.Errorf("the definition is not among the files read: %q", got)
	}
	if got := p.text(`[data-testid="import-problems"]`); !strings.Contains(got, "orders/template.yaml, which is not there") {
		t.Errorf("the missing nested template is not named: %q", got)
	}
	p.do(chromedp.Click(`[data-testid="open-imported"]`), chromedp.WaitVisible(`[data-block-id="Flow"]`))
	p.until(`document.querySelector('[data-from="Flow"][data-to="Worker"]') != null`)
}

// A zip that holds two unrelated templates: the page asks which one to
// import, and imports the one chosen.
func TestImportAsksWhichTemplate(t *testing.T) {
	archive := filepath.Join(t.TempDir(), "two.zip")
	f, err := os.Create(archive)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for name, content := range map[string]string{
		"billing/template.yaml": "Resources:\n  Invoices:\n    Type: AWS::SQS::Queue\n",
		"orders/template.yaml":  "Resources:\n  Orders:\n    Type: AWS::SNS::Topic\n",
	} {
		w, _ := zw.Create(name)
		w.Write([]byte(content))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	a := newApp(t)
	p := open(t, a, "/import")
	p.do(chromedp.SetUploadFiles(`#import-file`, []string{archive}), chromedp.Click(`[data-testid="import-submit"]`),
		chromedp.WaitVisible(`[data-testid="import-main"]`))
	if msg := p.text(`[data-testid="import-error"]`); !strings.Contains(msg, "billing/template.yaml, orders/template.yaml") {
		t.Fatalf("the page says %q", msg)
	}
	p.do(chromedp.SetValue(`#import-main`, "orders/template.yaml"), chromedp.SetUploadFiles(`#import-file`, []string{archive}),
		chromedp.Click(`[data-testid="import-submit"]`), chromedp.WaitVisible(`[data-testid="imported"]`),
		chromedp.Click(`[data-testid="open-imported"]`), chromedp.WaitVisible(`[data-block-id="Orders"]`))
}
