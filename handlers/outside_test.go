package handlers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/handlers"
)

// relayDoc has a queue consumed by a function, a stream the function reads
// and, by its role's grant only, writes (an inferred loop), and an AWS
// Batch job queue outside the design.
const relayDoc = `{"format":"archlab/v1","title":"Relay","blocks":[
	{"id":"Orders","kind":"kinesis","x":40,"y":80,"props":{"ShardCount":1}},
	{"id":"Relay","kind":"lambda","x":300,"y":80,"props":{"Timeout":30}},
	{"id":"Jobs","kind":"sqs","x":560,"y":80,"props":{"VisibilityTimeout":60}},
	{"id":"Worker","kind":"lambda","x":820,"y":80,"props":{"Timeout":10}},
	{"id":"Shoppers","kind":"client","x":40,"y":300},
	{"id":"Nightly","kind":"external","x":560,"y":300,"external":{"service":"batch"}}],
	"connections":[
	{"id":"c1","from":"Orders","to":"Relay","integration":"event-source-mapping","props":{"StartingPosition":"LATEST"},"evidence":[{"basis":"event-source","detail":"Kinesis event Stream"}]},
	{"id":"c2","from":"Relay","to":"Orders","integration":"sdk","props":{"Actions":["kinesis:PutRecord"]},"evidence":[{"basis":"iam","detail":"kinesis:PutRecord"}]},
	{"id":"c3","from":"Jobs","to":"Worker"}]}`

// postInspector posts the inspector's form of a block as the editor does.
func (s *server) postInspector(tb testing.TB, c created, id string, version int, fields url.Values) (response, *goquery.Document) {
	tb.Helper()
	return s.postForm(tb, c, "block", id, version, fields)
}

// postConnection posts the inspector's form of a connection as the editor
// does.
func (s *server) postConnection(tb testing.TB, c created, id string, version int, fields url.Values) (response, *goquery.Document) {
	tb.Helper()
	return s.postForm(tb, c, "connection", id, version, fields)
}

// postForm posts the inspector's form of a block or connection (target).
func (s *server) postForm(tb testing.TB, c created, target, id string, version int, fields url.Values) (response, *goquery.Document) {
	tb.Helper()
	form := url.Values{"target": {target}, "id": {id}, "baseVersion": {strconv.Itoa(version)}}
	for k, v := range fields {
		form[k] = v
	}
	r := s.do(tb, "POST", "/d/"+c.EditKey+"/props", form.Encode(), map[string]string{
		"Content-Type": "application/x-www-form-urlencoded", "HX-Request": "true"})
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(r.body))
	if err != nil {
		tb.Fatal(err)
	}
	return r, doc
}

func (s *server) stored(tb testing.TB, id string) *design.Design {
	tb.Helper()
	d, err := s.store.Design(context.Background(), id)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// rulesAbout lists the rules of the findings panel that concern a subject.
func rulesAbout(doc *goquery.Document, subject string) []string {
	var out []string
	doc.Find("#findings [data-rule]").Each(func(_ int, f *goquery.Selection) {
		if subjects, _ := f.Attr("data-subjects"); strings.Contains(" "+subjects+" ", " "+subject+" ") {
			out = append(out, f.AttrOr("data-rule", ""))
		}
	})
	return out
}

// The inspector's "Outside this design" control marks a block outside the
// design (with the service its kind implies, then its reference), and
// brings it back; the answer draws it dashed, and the rules stop judging
// its own settings.
func TestInspectorMarksABlockOutsideTheDesign(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, relayDoc)
	before := s.do(t, "GET", "/d/"+c.EditKey, "", nil)
	doc, _ := goquery.NewDocumentFromReader(bytes.NewReader(before.body))
	if got := rulesAbout(doc, "Jobs"); len(got) == 0 {
		t.Fatal("the queue without a dead-letter queue has no finding to lose")
	}

	r, doc := s.postInspector(t, c, "Jobs", 1, url.Values{"outside": {"", "on"}, "external.ref": {""}})
	if r.status != 200 {
		t.Fatalf("marking the queue outside answered %d:\n%.600s", r.status, r.body)
	}
	if got := s.stored(t, c.ID).Block("Jobs").External; got == nil || *got != (design.External{Service: "sqs"}) {
		t.Fatalf("stored marker %+v, want the service its kind implies", got)
	}
	block := doc.Find(`#canvas [data-block-id="Jobs"]`)
	if !block.HasClass("outside") || block.Find(".outside-tag").Text() != "outside this design" {
		t.Fatalf("the answer does not draw the queue outside the design: %s", block.AttrOr("class", ""))
	}
	if got := rulesAbout(doc, "Jobs"); len(got) != 0 {
		t.Errorf("findings about the outside queue's own settings remain: %v", got)
	}
	if doc.Find(`#inspector #external-ref`).Length() != 1 {
		t.Error("the inspector offers no reference field for the outside queue")
	}

	arn := "arn:aws:sqs:eu-west-1:123456789012:jobs"
	r, doc = s.postInspector(t, c, "Jobs", 2, url.Values{"outside": {"", "on"}, "external.ref": {" " + arn + " "}})
	if r.status != 200 {
		t.Fatalf("setting the reference answered %d", r.status)
	}
	if got := s.stored(t, c.ID).Block("Jobs").External; got == nil || *got != (design.External{Ref: arn, Service: "sqs"}) {
		t.Fatalf("stored marker %+v", got)
	}
	if title := doc.Find(`#canvas [data-block-id="Jobs"] > title`).Text(); !strings.Contains(title, "outside this design ("+arn+")") {
		t.Errorf("the block's title does not show its reference: %q", title)
	}

	// The same form again changes nothing and makes no version.
	r, _ = s.postInspector(t, c, "Jobs", 3, url.Values{"outside": {"", "on"}, "external.ref": {arn}})
	if r.status != 200 || s.stored(t, c.ID).Version != 3 {
		t.Fatalf("an unchanged form answered %d and made version %d", r.status, s.stored(t, c.ID).Version)
	}

	r, doc = s.postInspector(t, c, "Jobs", 3, url.Values{"outside": {""}})
	if r.status != 200 || s.stored(t, c.ID).Block("Jobs").External != nil {
		t.Fatalf("unchecking answered %d and left %+v", r.status, s.stored(t, c.ID).Block("Jobs").External)
	}
	if doc.Find(`#canvas [data-block-id="Jobs"]`).HasClass("outside") || len(rulesAbout(doc, "Jobs")) == 0 {
		t.Error("the queue brought back into the design is still drawn outside, or its findings did not return")
	}
}

// An imported parameter's default belongs to the parameter: saving the form
// with the same reference keeps it, naming another reference drops it.
func TestInspectorKeepsADefaultWithItsReference(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	doc := strings.Replace(relayDoc, `{"id":"Jobs","kind":"sqs","x":560,"y":80,"props":{"VisibilityTimeout":60}}`,
		`{"id":"Jobs","kind":"sqs","x":560,"y":80,"external":{"ref":"!Ref JobsQueueArn","default":"arn:aws:sqs:eu-west-1:123456789012:jobs"}}`, 1)
	c := s.mustCreate(t, doc)
	r, _ := s.postInspector(t, c, "Jobs", 1, url.Values{"outside": {"", "on"}, "external.ref": {"!Ref JobsQueueArn"}})
	if got := s.stored(t, c.ID).Block("Jobs").External; r.status != 200 || got == nil || got.Default == "" {
		t.Fatalf("saving the same reference answered %d and stored %+v", r.status, got)
	}
	r, _ = s.postInspector(t, c, "Jobs", s.stored(t, c.ID).Version, url.Values{"outside": {"", "on"}, "external.ref": {"!Ref OtherQueueArn"}})
	if got := s.stored(t, c.ID).Block("Jobs").External; r.status != 200 || got == nil || *got != (design.External{Ref: "!Ref OtherQueueArn"}) {
		t.Fatalf("naming another reference answered %d and stored %+v", r.status, got)
	}
}

// Bad input is refused with a 422 that names the field as its label reads
// and counts characters, shown beside the field (and named by the input's
// description) with what was typed, and the design does not change.
func TestInspectorRefusesBadOutsideValues(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, relayDoc)
	// 2,083 characters of 4,131 bytes.
	long := "arn:aws:sqs:eu-west-1:123456789012:" + strings.Repeat("é", design.MaxExternalRefLen)
	for _, tc := range []struct {
		name, block string
		fields      url.Values
		input       string // the field's input id
		label       string // as the status line names it
		typed       string
		want        []string // in the field's error
	}{
		{"a service name instead of its namespace", "Nightly", url.Values{"outside": {"on"}, "external.service": {"AWS Batch"}, "external.ref": {""}},
			"external-service", "Service", "AWS Batch", []string{`"AWS Batch" is not an AWS service namespace`}},
		{"an over-long reference", "Jobs", url.Values{"outside": {"", "on"}, "external.ref": {long}},
			"external-ref", "Reference", long, []string{"is 2083 characters long; at most 2048"}},
		{"a client outside the design without a reference", "Shoppers", url.Values{"outside": {"", "on"}, "external.ref": {""}},
			"external-ref", "Reference", "", []string{"is needed to mark it outside the design"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, doc := s.postInspector(t, c, tc.block, 1, tc.fields)
			if r.status != 422 {
				t.Fatalf("answered %d, want 422:\n%.600s", r.status, r.body)
			}
			status := strings.TrimSpace(doc.Find("#status").Text())
			if !strings.HasPrefix(status, "Not saved: "+tc.label+": ") || !strings.Contains(status, tc.want[0]) {
				t.Errorf("the status line does not name the field %s: %q", tc.label, status)
			}
			if strings.Contains(status, "external.") || strings.Contains(status, "bytes") {
				t.Errorf("the status line speaks of internal names or bytes: %q", status)
			}
			input := doc.Find("#inspector #" + tc.input)
			if v, _ := input.Attr("value"); v != tc.typed {
				t.Errorf("the input shows %.60q, want what was typed, %.60q", v, tc.typed)
			}
			if input.AttrOr("aria-invalid", "") != "true" {
				t.Error("the input is not marked invalid")
			}
			if got := strings.Fields(input.AttrOr("aria-describedby", "")); !slices.Contains(got, tc.input+"-error") || !slices.Contains(got, tc.input+"-help") {
				t.Errorf("the input is described by %q, not by its error and help", got)
			}
			msg := doc.Find("#inspector #" + tc.input + "-error").Text()
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("the field's error %q lacks %q", msg, w)
				}
			}
			if d := s.stored(t, c.ID); d.Version != 1 {
				t.Fatalf("a refused value made version %d", d.Version)
			}
		})
	}
}

// An inferred connection's inspector says what it rests on and offers to
// declare it; declaring it makes the loop that rested on it an error.
func TestDeclaringAnInferredConnection(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, relayDoc)
	r := s.do(t, "GET", "/d/"+c.EditKey+"/inspect?id=c2", "", map[string]string{"HX-Request": "true"})
	doc, _ := goquery.NewDocumentFromReader(bytes.NewReader(r.body))
	if got := strings.TrimSpace(doc.Find(`[data-testid="evidence"] li`).Text()); got != "Inferred: the role allows kinesis:PutRecord" {
		t.Fatalf("evidence = %q", got)
	}
	button := doc.Find(`[data-testid="declare"]`)
	if strings.TrimSpace(button.Text()) != "Mark as declared" {
		t.Fatal("no Mark as declared button")
	}
	var ops []map[string]any
	if err := json.Unmarshal([]byte(button.AttrOr("data-ops", "")), &ops); err != nil || len(ops) != 1 || ops[0]["op"] != "updateConnection" || ops[0]["id"] != "c2" {
		t.Fatalf("the button's operations: %s (%v)", button.AttrOr("data-ops", ""), err)
	}
	if ev, _ := json.Marshal(ops[0]["evidence"]); string(ev) != `[{"basis":"drawn"}]` {
		t.Fatalf("the button declares with %s", ev)
	}

	page := s.do(t, "GET", "/d/"+c.EditKey, "", nil)
	doc, _ = goquery.NewDocumentFromReader(bytes.NewReader(page.body))
	loop := doc.Find(`#findings [data-rule="lambda-undetected-loop"]`)
	if loop.AttrOr("data-severity", "") != "warning" || loop.Find(`[data-testid="finding-inferred"]`).Text() != "inferred" {
		t.Fatalf("the inferred loop is not a warning marked inferred: %s", loop.AttrOr("data-severity", ""))
	}

	body, _ := json.Marshal(map[string]any{"baseVersion": 1, "selected": "c2", "ops": ops})
	r = s.do(t, "POST", "/d/"+c.EditKey+"/ops", string(body), map[string]string{"Content-Type": "application/json", "HX-Request": "true"})
	if r.status != 200 {
		t.Fatalf("declaring answered %d:\n%.400s", r.status, r.body)
	}
	doc, _ = goquery.NewDocumentFromReader(bytes.NewReader(r.body))
	if got := strings.TrimSpace(doc.Find(`#inspector [data-testid="evidence"] li`).Text()); got != "Declared in the designer" {
		t.Errorf("after declaring, the evidence reads %q", got)
	}
	if doc.Find(`#inspector [data-testid="declare"]`).Length() != 0 || doc.Find(`#canvas [data-connection-id="c2"]`).HasClass("inferred") {
		t.Error("the declared connection is still shown as inferred")
	}
	loop = doc.Find(`#findings [data-rule="lambda-undetected-loop"]`)
	if loop.AttrOr("data-severity", "") != "error" || loop.Find(`[data-testid="finding-inferred"]`).Length() != 0 {
		t.Errorf("the declared loop is %q, want an error no longer marked inferred", loop.AttrOr("data-severity", ""))
	}
	if ev := s.stored(t, c.ID).Connection("c2").Evidence; len(ev) != 1 || ev[0].Basis != design.BasisDrawn {
		t.Errorf("stored evidence %+v", ev)
	}

	// A view link shows the evidence but offers nothing to change.
	r = s.do(t, "GET", "/v/"+c.ID+"/inspect?id=c1", "", map[string]string{"HX-Request": "true"})
	doc, _ = goquery.NewDocumentFromReader(bytes.NewReader(r.body))
	if got := strings.TrimSpace(doc.Find(`[data-testid="evidence"] li`).Text()); got != "Declared: event source in the template (Kinesis event Stream)" {
		t.Errorf("declared evidence reads %q", got)
	}
}

// The view link, embeds and the SVG and Mermaid exports show blocks
// outside the design and inferred connections as the editor does.
func TestViewsShowOutsideBlocksAndInferredConnections(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, strings.Replace(relayDoc, `"kind":"sqs","x":560,"y":80,`,
		`"kind":"sqs","x":560,"y":80,"external":{"ref":"arn:aws:sqs:eu-west-1:123456789012:jobs"},`, 1))
	drawn := func(name string, doc *goquery.Document) {
		t.Helper()
		jobs, nightly, c2 := doc.Find(`[data-block-id="Jobs"]`), doc.Find(`[data-block-id="Nightly"]`), doc.Find(`[data-connection-id="c2"]`)
		if !jobs.HasClass("outside") || !strings.Contains(jobs.Find("title").Text(), "outside this design (arn:aws:sqs:eu-west-1:123456789012:jobs)") {
			t.Errorf("%s: the outside queue is not drawn outside, with its reference", name)
		}
		if !nightly.HasClass("outside") || nightly.Find(".block-kind").Text() != "AWS Batch" {
			t.Errorf("%s: the Other AWS service reads %q", name, nightly.Find(".block-kind").Text())
		}
		if !c2.HasClass("inferred") || c2.Find(".conn-tag").Text() != "inferred" ||
			!strings.Contains(c2.AttrOr("aria-label", ""), "inferred: its role allows kinesis:PutRecord") {
			t.Errorf("%s: the inferred connection is not drawn inferred: %q", name, c2.AttrOr("aria-label", ""))
		}
		if doc.Find(`[data-connection-id="c1"]`).HasClass("inferred") {
			t.Errorf("%s: a declared connection is drawn inferred", name)
		}
	}
	for _, path := range []string{"/v/" + c.ID, "/v/" + c.ID + "?embed=1", "/v/" + c.ID + "/export/svg"} {
		r := s.do(t, "GET", path, "", nil)
		if r.status != 200 {
			t.Fatalf("%s answered %d", path, r.status)
		}
		doc, _ := goquery.NewDocumentFromReader(bytes.NewReader(r.body))
		drawn(path, doc)
		if path == "/v/"+c.ID && (doc.Find(`[data-testid="legend-inferred"]`).Length() != 1 || doc.Find(`[data-testid="legend-outside"]`).Length() != 1) {
			t.Error("the view's legend does not explain inferred connections and outside blocks")
		}
	}
	r := s.do(t, "GET", "/v/"+c.ID+"/export/mermaid", "", nil)
	for _, want := range []string{"<small>outside this design</small>", "<i>AWS Batch</i>", "classDef outside stroke-dasharray", `|"inferred: SDK call · sdk"|`, "linkStyle 1 stroke-opacity"} {
		if !strings.Contains(string(r.body), want) {
			t.Errorf("the Mermaid export lacks %q:\n%s", want, r.body)
		}
	}
}

// The connect dialog names an Other AWS service by its service and says
// which blocks lie outside the design.
func TestConnectDialogNamesOutsideBlocks(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, strings.Replace(relayDoc, `"kind":"sqs","x":560,"y":80,`, `"kind":"sqs","x":560,"y":80,"external":{"service":"sqs"},`, 1))
	r := s.do(t, "GET", "/d/"+c.EditKey+"/connect?from=Relay", "", map[string]string{"HX-Request": "true"})
	doc, _ := goquery.NewDocumentFromReader(bytes.NewReader(r.body))
	for id, want := range map[string]string{"Nightly": "Nightly (AWS Batch)", "Jobs": "Jobs (SQS queue, outside this design)", "Worker": "Worker (Lambda function)"} {
		if got := doc.Find(`#connect-target option[value="` + id + `"]`).Text(); got != want {
			t.Errorf("the dialog lists %s as %q, want %q", id, got, want)
		}
	}
}
