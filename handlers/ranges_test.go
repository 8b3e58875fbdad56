package handlers_test

import (
	"bytes"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/archlab/archlab/handlers"
)

// rangesDoc has a function, a queue and an API, one of each kind of bound
// the catalogue knows: a range, a pattern and a list of values. The queue's
// retention is imported outside its range (60–1209600 s), as a template
// may write it.
const rangesDoc = `{"format":"archlab/v1","title":"Ranges","blocks":[
	{"id":"Fn","kind":"lambda","x":40,"y":40,"props":{"Timeout":10}},
	{"id":"Jobs","kind":"sqs","x":300,"y":40,"props":{"MessageRetentionPeriod":30}},
	{"id":"Api","kind":"apigateway-rest","x":40,"y":200}]}`

// A value the catalogue's range, pattern or values refuse is refused by the
// inspector's form (422) beside its field, as typed, and nothing is saved.
func TestInspectorRefusesValuesOutsideTheCatalogue(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, rangesDoc)
	for _, tc := range []struct {
		name, block, prop, input, typed, want string
	}{
		{"a timeout over the limit", "Fn", "Timeout", "prop-Timeout", "1000", "must be 1–900 s; AWS refuses 1,000 s"},
		{"a memory size under the least", "Fn", "MemorySize", "prop-MemorySize", "64", "must be 128–10,240 MB; AWS refuses 64 MB"},
		{"a queue name with a space", "Jobs", "QueueName", "prop-QueueName", "order jobs", `each a letter, digit, hyphen or underscore, and .fifo may end it; AWS refuses "order jobs"`},
		{"an endpoint type AWS does not have", "Api", "EndpointConfiguration", "prop-EndpointConfiguration", "GLOBAL", `must be one of EDGE, REGIONAL, PRIVATE; AWS refuses "GLOBAL"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, doc := s.postInspector(t, c, tc.block, 1, url.Values{"p:" + tc.prop: {tc.typed}})
			if r.status != 422 {
				t.Fatalf("answered %d, want 422:\n%.600s", r.status, r.body)
			}
			input := doc.Find("#inspector #" + tc.input)
			if input.Length() != 1 {
				t.Fatalf("no input #%s in the re-rendered inspector", tc.input)
			}
			got := input.AttrOr("value", "")
			if input.Is("select") {
				got = input.Find("option[selected]").AttrOr("value", "")
			}
			if got != tc.typed {
				t.Errorf("the input shows %q, want what was typed, %q", got, tc.typed)
			}
			msg := doc.Find("#inspector #" + tc.input + "-error")
			if !strings.Contains(msg.Text(), tc.want) {
				t.Errorf("the field's error reads %q, want %q", msg.Text(), tc.want)
			}
			if d := s.stored(t, c.ID); d.Version != 1 {
				t.Fatalf("a refused value made version %d", d.Version)
			}
		})
	}
}

// An imported value outside its range stays as it is written: saving
// another field of the same form keeps it, and the rules still report it.
func TestInspectorKeepsAnImportedValueOutsideItsRange(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, rangesDoc)
	r, _ := s.postInspector(t, c, "Jobs", 1, url.Values{"p:MessageRetentionPeriod": {"30"}, "p:VisibilityTimeout": {"60"}})
	if r.status != 200 {
		t.Fatalf("answered %d:\n%.600s", r.status, r.body)
	}
	d := s.stored(t, c.ID)
	if v, _ := d.Block("Jobs").Props.Number("MessageRetentionPeriod"); d.Version != 2 || v != 30 {
		t.Fatalf("version %d, retention %v", d.Version, v)
	}
	page := s.do(t, "GET", strings.TrimPrefix(c.EditURL, s.URL), "", nil)
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(page.body))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, rule := range rulesAbout(doc, "Jobs") {
		found = found || rule == "property-range"
	}
	if !found {
		t.Error("the imported value outside its range is no longer reported")
	}
}

// The form gives the browser the catalogue's bounds, so that it can hint
// before the server refuses: min and max of a range, the pattern of a
// name, and the form leaves refusing to the server (novalidate).
func TestInspectorTellsTheBrowserTheBounds(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, rangesDoc)
	inspect := func(id string) *goquery.Document {
		r := s.do(t, "GET", strings.TrimPrefix(c.EditURL, s.URL)+"/inspect?id="+id, "", map[string]string{"HX-Request": "true"})
		doc, err := goquery.NewDocumentFromReader(bytes.NewReader(r.body))
		if err != nil || r.status != 200 {
			t.Fatalf("inspect %s: %d %v", id, r.status, err)
		}
		return doc
	}
	doc := inspect("Fn")
	timeout := doc.Find("#inspector #prop-Timeout")
	if timeout.AttrOr("min", "") != "1" || timeout.AttrOr("max", "") != "900" {
		t.Errorf("Timeout has min %q max %q", timeout.AttrOr("min", ""), timeout.AttrOr("max", ""))
	}
	if _, ok := doc.Find("#inspector .inspector-form").Attr("novalidate"); !ok {
		t.Error("the form does not leave refusals to the server")
	}
	doc = inspect("Jobs")
	name := doc.Find("#inspector #prop-QueueName")
	if p := name.AttrOr("pattern", ""); p == "" || name.AttrOr("maxlength", "") != "80" {
		t.Errorf("QueueName has pattern %q maxlength %q", p, name.AttrOr("maxlength", ""))
	}
}
