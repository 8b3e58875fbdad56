package handlers_test

import (
	"bytes"
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/handlers"
)

// A property whose name holds a dot (CapacityProviderConfig.Arn,
// DestinationConfig.OnFailure) refused by the catalogue is shown beside its
// own field, which names the error among its descriptions, and the status
// line names it by its label. So is a value the form itself cannot read.
func TestInspectorShowsRefusalsOfDottedProperties(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, relayDoc)
	for _, tc := range []struct {
		name   string
		post   func() (response, *goquery.Document)
		input  string // the input's id
		status string // how the status line starts
		typed  string
		want   string // in the field's error
	}{
		{"a block's capacity provider of the wrong kind", func() (response, *goquery.Document) {
			return s.postInspector(t, c, "Worker", 1, url.Values{"p:CapacityProviderConfig.Arn": {"Jobs"}})
		}, "prop-CapacityProviderConfig-Arn", "Not saved: Capacity provider: ", "Jobs", `names "Jobs", a SQS queue`},
		{"a connection's on-failure destination of the wrong kind", func() (response, *goquery.Document) {
			return s.postConnection(t, c, "c1", 1, url.Values{"p:DestinationConfig.OnFailure": {"Worker"}})
		}, "prop-DestinationConfig-OnFailure", "Not saved: On-failure destination: ", "Worker", `names "Worker", a Lambda function`},
		{"a timeout that is not a number", func() (response, *goquery.Document) {
			return s.postInspector(t, c, "Worker", 1, url.Values{"p:Timeout": {"thirty"}})
		}, "prop-Timeout", "Not saved: Timeout: must be a number", "thirty", `"thirty" is not one`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, doc := tc.post()
			if r.status != 422 {
				t.Fatalf("answered %d, want 422:\n%.600s", r.status, r.body)
			}
			if status := strings.TrimSpace(doc.Find("#status").Text()); !strings.HasPrefix(status, tc.status) {
				t.Errorf("the status line reads %q, want it to start %q", status, tc.status)
			}
			input := doc.Find("#inspector #" + tc.input)
			if input.Length() != 1 {
				t.Fatalf("no input #%s in the re-rendered inspector", tc.input)
			}
			if v := input.AttrOr("value", ""); input.Is("input") && v != tc.typed {
				t.Errorf("the input shows %q, want what was typed, %q", v, tc.typed)
			}
			fieldError := doc.Find("#inspector #" + tc.input + "-error")
			if fieldError.Length() != 1 || !fieldError.HasClass("field-error") || !strings.Contains(fieldError.Text(), tc.want) {
				t.Fatalf("the field's error reads %q, want %q", fieldError.Text(), tc.want)
			}
			if input.AttrOr("aria-invalid", "") != "true" {
				t.Error("the input is not marked invalid")
			}
			if got := strings.Fields(input.AttrOr("aria-describedby", "")); !slices.Equal(got, []string{tc.input + "-error", tc.input + "-help"}) {
				t.Errorf("the input is described by %q, want its error, then its help", got)
			}
			if s.stored(t, c.ID).Version != 1 {
				t.Fatal("a refused value changed the design")
			}
		})
	}
	// A field without an error is described by its help alone.
	_, doc := s.postInspector(t, c, "Worker", 1, url.Values{"p:Timeout": {"thirty"}})
	if got := doc.Find("#inspector #prop-MemorySize").AttrOr("aria-describedby", ""); got != "prop-MemorySize-help" {
		t.Errorf("a field without an error is described by %q", got)
	}
}

// The status line names a refused name by its label.
func TestInspectorNamesARefusedNameByItsLabel(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, relayDoc)
	r, doc := s.postInspector(t, c, "Worker", 1, url.Values{"name": {strings.Repeat("n", 121)}})
	if status := strings.TrimSpace(doc.Find("#status").Text()); r.status != 422 || status != "Not saved: Name: is longer than 120 characters" {
		t.Errorf("answered %d with the status %q", r.status, status)
	}
}

// An Other AWS service is added with an empty marker, as the editor does:
// saving its form before its service is known (a new name) saves, and so
// does clearing its service again; it stays outside the design.
func TestInspectorSavesAnOtherAWSServiceWithoutItsService(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, relayDoc)
	if r := s.ops(t, c, `{"baseVersion":1,"ops":[{"op":"addBlock","block":{"id":"External","kind":"external","x":40,"y":500,"external":{}}}]}`); r.status != 200 {
		t.Fatalf("adding an Other AWS service answered %d: %s", r.status, r.body)
	}
	r, doc := s.postInspector(t, c, "External", 2, url.Values{"name": {"Nightly jobs"}, "outside": {"on"}, "external.service": {""}, "external.ref": {""}})
	if r.status != 200 {
		t.Fatalf("renaming it answered %d: %s", r.status, doc.Find("#status").Text())
	}
	if b := s.stored(t, c.ID).Block("External"); b.Name != "Nightly jobs" || b.External == nil || *b.External != (design.External{}) {
		t.Fatalf("stored %q with marker %+v", b.Name, b.External)
	}
	if doc.Find("#inspector .field-error").Length() != 0 {
		t.Errorf("the inspector shows an error: %s", doc.Find("#inspector .field-error").Text())
	}

	r, _ = s.postInspector(t, c, "Nightly", 3, url.Values{"outside": {"on"}, "external.service": {""}, "external.ref": {""}})
	if b := s.stored(t, c.ID).Block("Nightly"); r.status != 200 || b.External == nil || *b.External != (design.External{}) {
		t.Fatalf("clearing the service answered %d and stored %+v", r.status, b.External)
	}
}

// A reference of 2,048 characters is clipped in a block's accessible name
// and tooltip, which are read on every visit, and shown whole in the
// inspector.
func TestLongReferencesAreClippedInTheDiagram(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	ref := "arn:aws:sqs:eu-west-1:123456789012:" + strings.Repeat("q", design.MaxExternalRefLen-len("arn:aws:sqs:eu-west-1:123456789012:"))
	c := s.mustCreate(t, strings.Replace(relayDoc, `"kind":"sqs","x":560,"y":80,`, `"kind":"sqs","x":560,"y":80,"external":{"ref":"`+ref+`"},`, 1))
	for _, path := range []string{"/d/" + c.EditKey + "?select=Jobs", "/v/" + c.ID + "?select=Jobs", "/v/" + c.ID + "/export/svg"} {
		r := s.do(t, "GET", path, "", nil)
		doc, _ := goquery.NewDocumentFromReader(bytes.NewReader(r.body))
		block := doc.Find(`[data-block-id="Jobs"]`)
		label, title := block.AttrOr("aria-label", ""), block.ChildrenFiltered("title").Text()
		for what, text := range map[string]string{"accessible name": label, "title": title} {
			if n := utf8.RuneCountInString(text); n > 200 || !strings.Contains(text, ref[:100]) || !strings.Contains(text, "…") {
				t.Errorf("%s: the block's %s is %d characters: %.220q", path, what, n, text)
			}
		}
		if path == "/v/"+c.ID+"/export/svg" {
			continue
		}
		if got := doc.Find("#inspector #external-ref").AttrOr("value", ""); got != ref {
			t.Errorf("%s: the inspector's reference is %d characters, want the whole %d", path, len(got), len(ref))
		}
	}
}

// The inspector's links to the knowledge base say what they explain and
// that they open a tab: none reads only "Learn".
func TestInspectorLinksSayWhereTheyLead(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, relayDoc)
	want := map[string]string{
		"Jobs": "Learn about SQS queue (opens in a new tab) ↗|Learn about blocks outside the design (opens in a new tab) ↗",
		"c2":   "Learn about inferred connections (opens in a new tab) ↗",
	}
	for id, want := range want {
		r := s.do(t, "GET", "/d/"+c.EditKey+"/inspect?id="+id, "", map[string]string{"HX-Request": "true"})
		doc, _ := goquery.NewDocumentFromReader(bytes.NewReader(r.body))
		var got []string
		doc.Find(`#inspector a[target="_blank"]`).Each(func(_ int, a *goquery.Selection) {
			got = append(got, strings.Join(strings.Fields(a.Text()), " "))
			if hidden := a.Find(`[aria-hidden="true"]`).Text(); strings.TrimSpace(hidden) != "↗" {
				t.Errorf("%s: the link's arrow is not hidden from screen readers: %q", id, hidden)
			}
		})
		if strings.Join(got, "|") != want {
			t.Errorf("%s: the inspector's links read %q, want %q", id, got, want)
		}
	}
	// The sections they point at exist.
	r := s.do(t, "GET", "/kb/outside-the-design", "", nil)
	doc, _ := goquery.NewDocumentFromReader(bytes.NewReader(r.body))
	for _, id := range []string{"blocks-outside-the-design", "declared-and-inferred-connections"} {
		if doc.Find("#"+id).Length() != 1 {
			t.Errorf("the article has no section #%s", id)
		}
	}
}

// Ticking "Outside this design" on a client, which belongs to no AWS
// service, needs a reference: the box says so to the editor's script, and
// the reference field's help says it is needed.
func TestClientOutsideTheDesignAsksForItsReference(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, relayDoc)
	for id, needed := range map[string]bool{"Shoppers": true, "Jobs": false} {
		r := s.do(t, "GET", "/d/"+c.EditKey+"/inspect?id="+id, "", map[string]string{"HX-Request": "true"})
		doc, _ := goquery.NewDocumentFromReader(bytes.NewReader(r.body))
		box := doc.Find("#inspector #block-outside")
		if _, got := box.Attr("data-ref-needed"); got != needed {
			t.Errorf("%s: data-ref-needed %v, want %v", id, got, needed)
		}
		if _, checked := box.Attr("checked"); checked || doc.Find("#inspector .outside-ref #external-ref").Length() != 1 {
			t.Errorf("%s: the box is checked, or there is no reference field to show", id)
		}
		if help := doc.Find("#external-ref-help").Text(); strings.Contains(help, "Needed to mark it outside") != needed {
			t.Errorf("%s: the reference's help reads %q", id, strings.Join(strings.Fields(help), " "))
		}
	}
}

// Every finding's "Why?" link names the rule it explains and says that it
// opens a tab, so that the links, listed apart from their findings by a
// screen reader, still say where each leads.
func TestFindingLinksSayWhereTheyLead(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, relayDoc)
	r := s.do(t, "GET", "/d/"+c.EditKey, "", nil)
	doc, _ := goquery.NewDocumentFromReader(bytes.NewReader(r.body))
	findings := doc.Find("li.finding")
	if findings.Length() == 0 {
		t.Fatal("the design shows no findings; the test needs one")
	}
	findings.Each(func(_ int, li *goquery.Selection) {
		rule, _ := li.Attr("data-rule")
		got := strings.Join(strings.Fields(li.Find(`a[data-testid="why"]`).Text()), " ")
		if want := "Why? Read about " + rule + " (opens in a new tab)"; got != want {
			t.Errorf("a %s finding's link reads %q, want %q", rule, got, want)
		}
	})
}
