package handlers_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/archlab/archlab/handlers"
)

// findingsBody is the findings part of an API answer.
type findingsBody struct {
	Version  int `json:"version"`
	Findings []struct {
		Rule     string   `json:"rule"`
		Subjects []string `json:"subjects"`
	} `json:"findings"`
	Accepted []struct {
		Rule     string `json:"rule"`
		Accepted struct {
			Rule     string   `json:"rule"`
			Subjects []string `json:"subjects"`
			Reason   string   `json:"reason"`
		} `json:"accepted"`
	} `json:"accepted"`
}

func (b findingsBody) open(rule string) bool {
	for _, f := range b.Findings {
		if f.Rule == rule {
			return true
		}
	}
	return false
}

func mustFindingsBody(tb testing.TB, r response) findingsBody {
	tb.Helper()
	if r.status != 200 {
		tb.Fatalf("status %d: %s", r.status, r.body)
	}
	var b findingsBody
	if err := json.Unmarshal(r.body, &b); err != nil {
		tb.Fatalf("%v\n%s", err, r.body)
	}
	return b
}

func TestAcceptFindingThroughTheAPI(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	before := mustFindingsBody(t, s.do(t, "GET", "/api/v1/designs/"+c.ID+"/findings", "", nil))
	if !before.open("sqs-no-redrive") || len(before.Accepted) != 0 {
		t.Fatalf("before: %+v, want sqs-no-redrive open and nothing accepted", before)
	}

	answer := mustFindingsBody(t, s.do(t, "POST", "/api/v1/designs/"+c.ID+"/ops?findings=all",
		`{"baseVersion":1,"ops":[{"op":"acceptFinding","accepted":{"rule":"sqs-no-redrive","subjects":["OrderQueue"],"reason":"replayed from the source","by":"Ann"}}]}`,
		map[string]string{"Authorization": "Bearer " + c.EditKey}))
	for name, b := range map[string]findingsBody{
		"ops answer":        answer,
		"findings endpoint": mustFindingsBody(t, s.do(t, "GET", "/api/v1/designs/"+c.ID+"/findings", "", nil)),
	} {
		if b.Version != 2 || b.open("sqs-no-redrive") {
			t.Fatalf("%s: %+v, want version 2 without the open finding", name, b)
		}
		if len(b.Accepted) != 1 || b.Accepted[0].Rule != "sqs-no-redrive" || b.Accepted[0].Accepted.Reason != "replayed from the source" {
			t.Fatalf("%s: accepted = %+v, want sqs-no-redrive with its reason", name, b.Accepted)
		}
	}
	doc := s.do(t, "GET", "/api/v1/designs/"+c.ID, "", nil).json(t)
	if acc, _ := doc["accepted"].([]any); len(acc) != 1 {
		t.Fatalf("the document lacks its accepted list: %v", doc)
	}

	// The revision carries its inverse, which is how the editor undoes it.
	revs := s.do(t, "GET", "/api/v1/designs/"+c.ID+"/revisions", "", nil).json(t)["revisions"].([]any)
	inverse, _ := json.Marshal(revs[0].(map[string]any)["inverse"])
	if string(inverse) != `[{"accepted":{"rule":"sqs-no-redrive","subjects":["OrderQueue"]},"op":"unacceptFinding"}]` {
		t.Fatalf("inverse = %s", inverse)
	}
	// Undone, the finding is open again: the edit's answer says it is
	// introduced.
	r := s.ops(t, c, `{"baseVersion":2,"ops":`+string(inverse)+`}`)
	var undone struct {
		Introduced, Resolved []struct{ Rule string }
	}
	if err := json.Unmarshal(r.body, &undone); err != nil || len(undone.Introduced) != 1 || undone.Introduced[0].Rule != "sqs-no-redrive" || len(undone.Resolved) != 0 {
		t.Fatalf("after undo: %s", r.body)
	}
}

func TestAcceptFindingBadInput(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	for _, tc := range []struct {
		name, ops string
		status    int
		field     string
	}{
		{"subject not in the design", `[{"op":"acceptFinding","accepted":{"rule":"sqs-no-redrive","subjects":["Gone"],"reason":"r","by":"Ann"}}]`, 422, "ops[0].accepted.subjects[0]"},
		{"no rule", `[{"op":"acceptFinding","accepted":{"subjects":["OrderQueue"]}}]`, 422, "ops[0].accepted.rule"},
		{"unknown field", `[{"op":"acceptFinding","accepted":{"rule":"sqs-no-redrive","subjects":[],"who":"me"}}]`, 422, "ops[0].accepted.who"},
		{"withdraw what is not accepted", `[{"op":"unacceptFinding","accepted":{"rule":"sqs-no-redrive","subjects":["OrderQueue"]}}]`, 422, "ops[0].accepted"},
		{"subjects not a list", `[{"op":"acceptFinding","accepted":{"rule":"sqs-no-redrive","subjects":"OrderQueue"}}]`, 422, "ops[0].accepted.subjects"},
		{"malformed", `[{"op":"acceptFinding","accepted":{"rule":}}]`, 400, ""},
		{"no reason", `[{"op":"acceptFinding","rule":"sqs-no-redrive","subjects":["OrderQueue"],"by":"Ann"}]`, 422, "ops[0].accepted.reason"},
		{"blank reason", `[{"op":"acceptFinding","rule":"sqs-no-redrive","subjects":["OrderQueue"],"reason":"  ","by":"Ann"}]`, 422, "ops[0].accepted.reason"},
		{"no name", `[{"op":"acceptFinding","rule":"sqs-no-redrive","subjects":["OrderQueue"],"reason":"r"}]`, 422, "ops[0].accepted.by"},
		{"until not a date", `[{"op":"acceptFinding","rule":"sqs-no-redrive","subjects":["OrderQueue"],"reason":"r","by":"Ann","until":"soon"}]`, 422, "ops[0].accepted.until"},
		{"until passed", `[{"op":"acceptFinding","rule":"sqs-no-redrive","subjects":["OrderQueue"],"reason":"r","by":"Ann","until":"2020-01-01"}]`, 422, "ops[0].accepted.until"},
		{"too long reason", `[{"op":"acceptFinding","rule":"sqs-no-redrive","subjects":["OrderQueue"],"reason":"` + strings.Repeat("x", 1001) + `","by":"Ann"}]`, 422, "ops[0].accepted.reason"},
		{"flat and nested", `[{"op":"acceptFinding","rule":"sqs-no-redrive","accepted":{"rule":"sqs-no-redrive","subjects":[]}}]`, 422, "ops[0].rule"},
		{"flat on another op", `[{"op":"setTitle","title":"x","reason":"r"}]`, 422, "ops[0].reason"},
		{"a name on a withdrawal", `[{"op":"unacceptFinding","rule":"sqs-no-redrive","subjects":["OrderQueue"],"by":"Ann"}]`, 422, "ops[0].accepted.by"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := s.ops(t, c, `{"baseVersion":1,"ops":`+tc.ops+`}`)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.status, tc.status, r.body)
			}
			if field, _ := r.errorOf(t)["field"].(string); field != tc.field {
				t.Fatalf("field %q, want %q: %s", field, tc.field, r.body)
			}
		})
	}
}

// The findings panel of the editor, the view link and the embed lists
// accepted findings apart from the open ones, with why they are accepted.
func TestFindingsPanelListsAcceptedFindingsApart(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	mustFindingsBody(t, s.ops(t, c, `{"baseVersion":1,"ops":[{"op":"acceptFinding","accepted":{"rule":"sqs-no-redrive","subjects":["OrderQueue"],"reason":"replayed from the source","by":"Ann"}}]}`))
	for _, path := range []string{"/d/" + c.EditKey, "/v/" + c.ID, "/v/" + c.ID + "?embed=1"} {
		t.Run(path, func(t *testing.T) {
			r := s.do(t, "GET", path, "", nil)
			if r.status != 200 {
				t.Fatalf("%d %.300s", r.status, r.body)
			}
			doc, err := goquery.NewDocumentFromReader(bytes.NewReader(r.body))
			if err != nil {
				t.Fatal(err)
			}
			panel := doc.Find("#findings")
			if n := panel.Find(`.finding[data-rule="sqs-no-redrive"]`).Length(); n != 0 {
				t.Fatalf("the accepted finding is listed as open %d times", n)
			}
			acc := panel.Find(`[data-testid="accepted-findings"]`)
			if got := strings.TrimSpace(acc.Find("summary").Text()); got != "Accepted (1)" {
				t.Fatalf("accepted heading = %q", got)
			}
			item := acc.Find(`[data-accepted-rule="sqs-no-redrive"]`)
			if reason := item.Find(`[data-testid="accepted-reason"]`).Text(); reason != "Accepted: replayed from the source" {
				t.Fatalf("reason = %q", reason)
			}
			if item.Find("[data-fix]").Length() != 0 {
				t.Fatal("an accepted finding offers its fix")
			}
			// The queue's badge counts its open warning (sqs-visibility-6x),
			// not the accepted one.
			if label := doc.Find(`[data-block-id="OrderQueue"]`).AttrOr("aria-label", ""); !strings.Contains(label, "1 finding") {
				t.Fatalf("the queue's label = %q, want it to count 1 finding", label)
			}
		})
	}
}

// The history says who accepted what, in its words, and the comparison of
// versions lists the acceptance apart: accepting a finding is not
// resolving it.
func TestHistoryAndCompareShowAcceptances(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	mustFindingsBody(t, s.ops(t, c, `{"baseVersion":1,"ops":[{"op":"acceptFinding","accepted":{"rule":"sqs-no-redrive","subjects":["OrderQueue"],"reason":"replayed from the source","by":"Ann"}}]}`))
	history := page(t, s.do(t, "GET", "/v/"+c.ID+"/history", "", nil)).Find("[data-testid=history]").Text()
	if !strings.Contains(history, "accepted sqs-no-redrive on OrderQueue") {
		t.Fatalf("history:\n%s", history)
	}
	doc := page(t, s.do(t, "GET", "/v/"+c.ID+"/compare?from=1&to=2", "", nil))
	if got := strings.Join(strings.Fields(doc.Find("[data-testid=accepted-change]").Text()), " "); got != "accepted sqs-no-redrive on OrderQueue: replayed from the source (by Ann, on "+time.Now().UTC().Format("2006-01-02")+")" {
		t.Fatalf("accepted change = %q", got)
	}
	if resolved := doc.Find("[data-testid=resolved]").Text(); strings.Contains(resolved, "dead-letter") {
		t.Fatalf("the accepted finding is listed as resolved: %s", resolved)
	}
	if doc.Find("[data-testid=compare]").Text() == "" || strings.Contains(doc.Text(), "These versions have the same content.") {
		t.Fatal("the comparison says nothing changed")
	}
}

// The contract's form: the entry beside op. The server records who, when
// and the fingerprint of the finding accepted; when the finding's numbers
// change, it is open again, and the acceptance lapses after its day.
func TestAcceptFindingRecordsWhoWhenAndWhat(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	mustFindingsBody(t, s.ops(t, c, `{"baseVersion":1,"ops":[{"op":"acceptFinding","rule":"sqs-visibility-6x","subjects":["OrderQueue"],"reason":"the worker finishes in seconds","by":" Ann ","until":"2999-12-31"}]}`))
	doc := s.do(t, "GET", "/api/v1/designs/"+c.ID, "", nil).json(t)
	entry := doc["accepted"].([]any)[0].(map[string]any)
	if entry["by"] != "Ann" || entry["until"] != "2999-12-31" || entry["reason"] != "the worker finishes in seconds" {
		t.Fatalf("entry = %v", entry)
	}
	if at, _ := time.Parse(time.RFC3339, entry["at"].(string)); time.Since(at) > time.Minute || time.Since(at) < -time.Minute {
		t.Fatalf("at = %v, want the server's time now", entry["at"])
	}
	if fp, _ := entry["fingerprint"].(string); len(fp) != 12 {
		t.Fatalf("fingerprint = %v", entry["fingerprint"])
	}
	found := mustFindingsBody(t, s.do(t, "GET", "/api/v1/designs/"+c.ID+"/findings", "", nil))
	if found.open("sqs-visibility-6x") || len(found.Accepted) != 1 {
		t.Fatalf("after accepting: %+v", found)
	}
	// The worker's timeout grows: the numbers of the finding change, and
	// it is open again.
	r := s.ops(t, c, `{"baseVersion":2,"ops":[{"op":"updateBlock","id":"Worker","props":{"Timeout":40}}]}`)
	var change struct{ Introduced []struct{ Rule string } }
	if err := json.Unmarshal(r.body, &change); err != nil || len(change.Introduced) != 1 || change.Introduced[0].Rule != "sqs-visibility-6x" {
		t.Fatalf("after the timeout grew: %s", r.body)
	}
	// Back as it was, the acceptance holds again.
	s.ops(t, c, `{"baseVersion":3,"ops":[{"op":"updateBlock","id":"Worker","props":{"Timeout":30}}]}`)
	if found := mustFindingsBody(t, s.do(t, "GET", "/api/v1/designs/"+c.ID+"/findings", "", nil)); found.open("sqs-visibility-6x") {
		t.Fatal("the acceptance does not hold when the numbers are back")
	}
	// An entry whose day has passed (a document may carry one) accepts
	// nothing.
	old := s.mustCreate(t, strings.Replace(ordersDoc, `"connections"`, `"accepted":[{"rule":"sqs-visibility-6x","subjects":["OrderQueue"],"reason":"r","by":"Ann","at":"2020-01-01T00:00:00Z","until":"2020-03-31"}],"connections"`, 1))
	if found := mustFindingsBody(t, s.do(t, "GET", "/api/v1/designs/"+old.ID+"/findings", "", nil)); !found.open("sqs-visibility-6x") || len(found.Accepted) != 0 {
		t.Fatalf("a lapsed acceptance still holds: %+v", found)
	}
}
