package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/archlab/archlab/handlers"
)

// importForExport imports a template through the web and returns the new
// design's id.
func importForExport(t *testing.T, s *server, name, template string) string {
	t.Helper()
	r := postImport(t, s, "template", name, template)
	if r.status != http.StatusCreated {
		t.Fatalf("import answers %d:\n%.500s", r.status, r.body)
	}
	href, _ := page(t, r).Find("[data-testid=open-imported]").Attr("href")
	key := strings.Trim(strings.TrimPrefix(strings.TrimPrefix(href, s.URL), "/d/"), "/")
	id, _ := page(t, s.do(t, "GET", "/d/"+key+"/", "", nil)).Find("[data-testid=editor]").Attr("data-design-id")
	return id
}

// The CloudFormation download is the SAM template translated: a Lambda
// function with its role and event source mapping, no transform; a design
// using what the translation refuses answers 422 naming the feature.
func TestExportCloudFormationDownload(t *testing.T) {
	s := mustServer(t, handlers.Options{MaxBody: 64 << 10})
	id := importForExport(t, s, "worker.yaml", samWorker+"      CodeUri: src/\n")
	r := s.do(t, "GET", "/v/"+id+"/export/cloudformation", "", nil)
	if r.status != http.StatusOK || !strings.Contains(r.header.Get("Content-Disposition"), `filename="worker.cfn.yaml"`) ||
		!strings.HasPrefix(r.header.Get("Content-Type"), "application/yaml") {
		t.Fatalf("the download answers %d, %q, %q", r.status, r.header.Get("Content-Disposition"), r.header.Get("Content-Type"))
	}
	body := string(r.body)
	for _, want := range []string{"Type: AWS::Lambda::Function", "WorkerRole:", "Type: AWS::Lambda::EventSourceMapping", "EventSourceArn: !GetAtt Jobs.Arn", "Code: src/"} {
		if !strings.Contains(body, want) {
			t.Errorf("the download lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "Transform") || strings.Contains(body, "AWS::Serverless") {
		t.Errorf("the download is still SAM:\n%s", body)
	}

	refused := importForExport(t, s, "canary.yaml", samWorker+`      CodeUri: s3://bucket/worker.zip
      AutoPublishAlias: live
      DeploymentPreference:
        Type: Canary10Percent5Minutes
`)
	r = s.do(t, "GET", "/v/"+refused+"/export/cloudformation", "", nil)
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(string(r.body), "DeploymentPreference") {
		t.Errorf("a refused export answers %d:\n%.800s", r.status, r.body)
	}
	if r := s.do(t, "GET", "/v/"+refused+"/export/sam", "", nil); r.status != http.StatusOK {
		t.Errorf("the refused design's SAM export answers %d", r.status)
	}
}
