package handlers_test

import (
	"archive/zip"
	"bytes"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/archlab/archlab/handlers"
)

// A project as teams keep it: the template, its state machine's
// definition, and a nested stack whose queue the template's function
// consumes.
var projectFiles = []upload{
	{"app/template.yaml", `Transform: AWS::Serverless-2016-10-31
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
`},
	{"app/statemachine/flow.asl.json", `{"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "${WorkerArn}"}, "End": true}}}`},
	{"app/orders/template.yaml", `Parameters: {ConsumerArn: {Type: String}}
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties: {VisibilityTimeout: 10}
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties: {EventSourceArn: !GetAtt Queue.Arn, FunctionName: !Ref ConsumerArn}
`},
	{"app/README.md", "# not read\n"},
}

type upload struct{ name, content string }

func zipOf(t testing.TB, files []upload) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.Create(f.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(f.content))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// postFiles posts files in the import form's file field, and the form's
// other fields.
func postFiles(t *testing.T, s *server, files []upload, fields map[string]string) response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, f := range files {
		fw, _ := mw.CreateFormFile("template", f.name)
		fw.Write([]byte(f.content))
	}
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	mw.Close()
	return s.do(t, "POST", "/import", body.String(), map[string]string{"Content-Type": mw.FormDataContentType()})
}

func TestImportAZipOfAProject(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	r := postFiles(t, s, []upload{{"project.zip", string(zipOf(t, projectFiles))}}, nil)
	if r.status != http.StatusCreated {
		t.Fatalf("import answers %d:\n%.800s", r.status, r.body)
	}
	doc := page(t, r)
	if got := doc.Find("[data-testid=import-files]").Text(); !strings.Contains(got, "app/template.yaml") {
		t.Errorf("the page does not say which template was read: %q", got)
	}
	files := doc.Find("[data-testid=imported] .import-notes").First().Text()
	for _, f := range []string{"app/statemachine/flow.asl.json", "app/orders/template.yaml"} {
		if !strings.Contains(files, f) {
			t.Errorf("the page does not list %s among the files read: %q", f, files)
		}
	}
	href, _ := doc.Find("[data-testid=open-imported]").Attr("href")
	ed := page(t, s.do(t, "GET", strings.TrimPrefix(href, s.URL), "", nil))
	for _, sel := range []string{`[data-block-id="Orders_Queue"]`, `[data-block-id="Flow"]`, `[data-from="Flow"][data-to="Worker"]`, `[data-from="Orders_Queue"][data-to="Worker"]`} {
		if ed.Find(sel).Length() != 1 {
			t.Errorf("the imported design lacks %s", sel)
		}
	}
	if ed.Find(`#findings [data-rule="sqs-visibility-below-timeout"]`).Length() == 0 {
		t.Errorf("the nested stack's queue is not checked against the parent's function")
	}
}

func TestImportSeveralFiles(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	// Browsers send file names without their folders: the definition is
	// found by its name; a template is not (a nested stack's template.yaml
	// is no more the uploaded template.yaml than any other).
	files := []upload{{"template.yaml", projectFiles[0].content}, {"flow.asl.json", projectFiles[1].content}}
	r := postFiles(t, s, files, nil)
	if r.status != http.StatusCreated {
		t.Fatalf("import answers %d:\n%.800s", r.status, r.body)
	}
	doc := page(t, r)
	if got := doc.Find("[data-testid=import-files]").Text() + doc.Find(".import-notes").Text(); !strings.Contains(got, "statemachine/flow.asl.json") {
		t.Errorf("the definition was not read: %q", got)
	}
	// The nested stack's template was not uploaded: a problem, named.
	if got := doc.Find("[data-testid=import-problems]").Text(); !strings.Contains(got, "orders/template.yaml, which is not there") {
		t.Errorf("the missing nested template is not a problem on the page: %q", got)
	}
}

func TestImportAsksWhichTemplate(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	two := []upload{{"a/template.yaml", samWorker}, {"b/template.yaml", samWorker}}
	r := postFiles(t, s, []upload{{"two.zip", string(zipOf(t, two))}}, nil)
	doc := page(t, r)
	var options []string
	doc.Find("[data-testid=import-main] option").Each(func(_ int, o *goquery.Selection) { options = append(options, o.Text()) })
	if r.status != http.StatusUnprocessableEntity || strings.Join(options, ",") != "a/template.yaml,b/template.yaml" {
		t.Fatalf("two unrelated templates: %d, choices %v:\n%.500s", r.status, options, doc.Find("[data-testid=import-error]").Text())
	}
	if r := postFiles(t, s, []upload{{"two.zip", string(zipOf(t, two))}}, map[string]string{"main": "b/template.yaml"}); r.status != http.StatusCreated {
		t.Errorf("with the template chosen: %d", r.status)
	}
	if r := postFiles(t, s, []upload{{"two.zip", string(zipOf(t, two))}}, map[string]string{"main": "c/template.yaml"}); r.status != http.StatusUnprocessableEntity ||
		!strings.Contains(page(t, r).Find("[data-testid=import-error]").Text(), "no file c/template.yaml") {
		t.Errorf("a main template that is not there: %d", r.status)
	}
}

func TestImportRefusesBadUploads(t *testing.T) {
	s := mustServer(t, handlers.Options{MaxBody: 4 << 20})
	deep := strings.Repeat("d/", 20) + "template.yaml"
	bomb := func() []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("template.yaml")
		zeros := make([]byte, 1<<20)
		for range 30 { // 30 MB of zeros, a few tens of KB compressed
			w.Write(zeros)
		}
		zw.Close()
		return buf.Bytes()
	}
	many := func() []byte {
		files := make([]upload, 10_001)
		for i := range files {
			files[i] = upload{"f" + strconv.Itoa(i) + ".txt", ""}
		}
		return zipOf(t, files)
	}
	for _, tc := range []struct {
		name   string
		files  []upload
		status int
		words  string
	}{
		{"path escape", []upload{{"p.zip", string(zipOf(t, []upload{{"../../etc/passwd.yaml", samWorker}}))}}, 422, `entry "../../etc/passwd.yaml" leaves the archive's root`},
		{"absolute path", []upload{{"p.zip", string(zipOf(t, []upload{{"/etc/template.yaml", samWorker}}))}}, 422, "leaves the archive's root"},
		{"too deep", []upload{{"p.zip", string(zipOf(t, []upload{{deep, samWorker}}))}}, 422, "folders deep"},
		{"not a zip", []upload{{"p.zip", "PK but not really"}}, 422, "not a zip archive"},
		{"no template", []upload{{"p.zip", string(zipOf(t, []upload{{"openapi.yaml", "openapi: 3.0.1\n"}, {"flow.asl.json", "{}"}}))}}, 422, "holds no SAM or CloudFormation template"},
		{"zip bomb", []upload{{"p.zip", string(bomb())}}, 413, "unpacks to more than 20,971,520 bytes"},
		{"too many entries", []upload{{"p.zip", string(many())}}, 413, "lists 10001 entries"},
		{"two files of one name", []upload{{"template.yaml", samWorker}, {"template.yaml", samWorker}}, 422, "two uploaded files are named template.yaml"},
		{"a template that does not parse", []upload{{"template.yaml", "Resources:\n  Q: [\n"}}, 422, "line 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := postFiles(t, s, tc.files, nil)
			msg := page(t, r).Find("[data-testid=import-error]").Text()
			if r.status != tc.status || !strings.Contains(msg, tc.words) {
				t.Fatalf("answers %d %q, want %d with %q", r.status, msg, tc.status, tc.words)
			}
		})
	}
	// A body over ARCHLAB_MAX_BODY is refused before it is read.
	small := mustServer(t, handlers.Options{MaxBody: 64 << 10})
	big := []upload{{"p.zip", string(zipOf(t, []upload{{"template.yaml", samWorker + "#" + strings.Repeat("x", 100<<10) + "\n"}}))}}
	big[0].content += strings.Repeat("\x00", 100<<10)
	if r := postFiles(t, small, big, nil); r.status != http.StatusRequestEntityTooLarge {
		t.Errorf("an oversize upload answers %d", r.status)
	}
}
