package handlers_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/archlab/archlab/exports"
	"github.com/archlab/archlab/handlers"
)

func TestExportDownloads(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	for format, want := range map[string]string{
		"sam": "orders.yaml", "cloudformation": "orders.cfn.yaml", "mermaid": "orders.mmd", "svg": "orders.svg", "png": "orders.png", "json": "orders.archlab.json",
	} {
		r := s.do(t, "GET", "/v/"+c.ID+"/export/"+format, "", nil)
		if r.status != http.StatusOK || !strings.Contains(r.header.Get("Content-Disposition"), `filename="`+want+`"`) || len(r.body) == 0 {
			t.Errorf("%s: %d %q", format, r.status, r.header.Get("Content-Disposition"))
		}
	}
	if r := s.do(t, "GET", "/v/"+c.ID+"/export/pdf", "", nil); r.status != http.StatusNotFound {
		t.Errorf("an unknown format answers %d", r.status)
	}
	// The editor offers every download.
	doc := page(t, s.do(t, "GET", "/d/"+c.EditKey+"/", "", nil))
	if n := doc.Find("[data-testid=export-menu] a[download]").Length(); n != len(exports.Formats) {
		t.Errorf("the editor offers %d downloads", n)
	}
}

const samWorker = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 10
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Timeout: 60
      Events:
        Queue:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
`

func postImport(t *testing.T, s *server, field, filename, content string) response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if filename != "" {
		fw, _ := mw.CreateFormFile(field, filename)
		fw.Write([]byte(content))
	} else {
		mw.WriteField(field, content)
	}
	mw.Close()
	return s.do(t, "POST", "/import", body.String(), map[string]string{"Content-Type": mw.FormDataContentType()})
}

func TestImportATemplate(t *testing.T) {
	s := mustServer(t, handlers.Options{MaxBody: 64 << 10})
	for name, r := range map[string]response{
		"pasted":   postImport(t, s, "source", "", samWorker),
		"uploaded": postImport(t, s, "template", "template.yaml", samWorker),
	} {
		if r.status != http.StatusCreated {
			t.Fatalf("%s: import answers %d:\n%.500s", name, r.status, r.body)
		}
		doc := page(t, r)
		href, _ := doc.Find("[data-testid=open-imported]").Attr("href")
		editor := s.do(t, "GET", strings.TrimPrefix(href, s.URL), "", nil)
		ed := page(t, editor)
		if editor.status != http.StatusOK || ed.Find(`[data-block-id="Worker"]`).Length() != 1 || ed.Find(`[data-from="Jobs"][data-to="Worker"]`).Length() != 1 {
			t.Errorf("%s: the imported design's editor (%d) lacks the function or its queue", name, editor.status)
		}
		if !strings.Contains(ed.Find("#findings").Text(), "VisibilityTimeout") {
			t.Errorf("%s: the imported design is not checked", name)
		}
	}

	r := postImport(t, s, "source", "", "Resources:\n  Jobs:\n    Type: [unclosed\n")
	doc := page(t, r)
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(doc.Find("[data-testid=import-error]").Text(), "line") ||
		!strings.Contains(doc.Find("#import-source").Text(), "[unclosed") {
		t.Errorf("malformed YAML answers %d without the line, or loses the text:\n%.600s", r.status, r.body)
	}
	if r := postImport(t, s, "source", "", "  "); r.status != http.StatusUnprocessableEntity {
		t.Errorf("an empty import answers %d", r.status)
	}
	if r := postImport(t, s, "source", "", strings.Repeat("# padding\n", 10000)+samWorker); r.status != http.StatusRequestEntityTooLarge {
		t.Errorf("an oversize import answers %d", r.status)
	}
}

// A template imported through the web comes back as written when the
// design is downloaded as SAM, in its own format and file name; an edit
// made in archlab changes only what it edits.
func TestImportedTemplateExportsAsWritten(t *testing.T) {
	s := mustServer(t, handlers.Options{MaxBody: 64 << 10})
	const worker = `{
  "Resources": {
    "Jobs": { "Type": "AWS::SQS::Queue", "Properties": { "VisibilityTimeout": 10 } },
    "Worker": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Runtime": "nodejs22.x", "Handler": "index.handler", "Timeout": 60,
        "Role": { "Fn::Sub": "arn:aws:iam::${AWS::AccountId}:role/worker" },
        "Code": { "S3Bucket": "artifacts", "S3Key": "worker.zip" }
      }
    },
    "Mapping": {
      "Type": "AWS::Lambda::EventSourceMapping",
      "Properties": { "EventSourceArn": { "Fn::GetAtt": ["Jobs", "Arn"] }, "FunctionName": { "Ref": "Worker" }, "BatchSize": 10 }
    }
  }
}
`
	r := postImport(t, s, "template", "worker.json", worker)
	if r.status != http.StatusCreated {
		t.Fatalf("import answers %d:\n%.500s", r.status, r.body)
	}
	href, _ := page(t, r).Find("[data-testid=open-imported]").Attr("href")
	key := strings.Trim(strings.TrimPrefix(strings.TrimPrefix(href, s.URL), "/d/"), "/")
	id, _ := page(t, s.do(t, "GET", "/d/"+key+"/", "", nil)).Find("[data-testid=editor]").Attr("data-design-id")

	download := func() response {
		t.Helper()
		r := s.do(t, "GET", "/v/"+id+"/export/sam", "", nil)
		if r.status != http.StatusOK || !strings.Contains(r.header.Get("Content-Disposition"), `filename="worker.json"`) {
			t.Fatalf("the download answers %d, %q", r.status, r.header.Get("Content-Disposition"))
		}
		return r
	}
	if got := download(); string(got.body) != worker {
		t.Errorf("the unedited design downloads as another template:\n%s", got.body)
	}

	c := created{ID: id, EditKey: key}
	if r := s.ops(t, c, `{"baseVersion":1,"ops":[{"op":"updateConnection","id":"Mapping","props":{"BatchSize":5}}]}`); r.status != http.StatusOK {
		t.Fatalf("the edit answers %d: %s", r.status, r.body)
	}
	want := strings.Replace(worker, `"BatchSize": 10`, `"BatchSize": 5`, 1)
	if got := download(); string(got.body) != want {
		t.Errorf("the edited design downloads as:\n%s\nwant:\n%s", got.body, want)
	}
}
