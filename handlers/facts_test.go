package handlers_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/handlers"
)

// TestFactsPage reads the knowledge base's facts page: it is generated
// from the data the rules read, so it lists a fact with its source and
// checked day, a runtime with its days, and a property's range; the index
// and the limits cheat sheet link to it.
func TestFactsPage(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	r := s.do(t, "GET", "/kb/facts", "", nil)
	if r.status != http.StatusOK {
		t.Fatalf("/kb/facts answers %d", r.status)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	rowOf := func(first string) []string {
		var cells []string
		doc.Find("tr").EachWithBreak(func(_ int, tr *goquery.Selection) bool {
			if strings.TrimSpace(tr.Find("td").First().Text()) != first {
				return true
			}
			tr.Find("td").Each(func(_ int, td *goquery.Selection) { cells = append(cells, strings.TrimSpace(td.Text())) })
			return false
		})
		return cells
	}

	fact := design.FactOf("lambda.managed-instances-max-timeout")
	if got := rowOf(fact.ID); len(got) != 5 || got[1] != "5,400 s" || got[4] != fact.Checked {
		t.Errorf("fact row %q, want %s with 5,400 s checked %s", got, fact.ID, fact.Checked)
	}
	// A fact not yet compared with its page says so where the day would be.
	if got := rowOf("stepfunctions.standard-transitions-per-second"); len(got) != 5 || got[4] != "not verified" {
		t.Errorf("unverified fact row %q, want it marked not verified", got)
	}
	if doc.Find(`a[href="`+fact.Source+`"]`).Length() == 0 {
		t.Errorf("no link to the fact's source %s", fact.Source)
	}
	if got := rowOf("provided.al2"); len(got) != 5 || got[1] != "2026-07-31" || got[2] != "2027-02-01" || got[3] != "2027-03-03" || got[4] != "provided.al2023" {
		t.Errorf("runtime row %q", got)
	}
	// A price, with its amount, unit, free tier and source.
	if got := rowOf("lambda.requests"); len(got) != 6 || got[2] != "0.2" || got[3] != "1M requests" || got[4] != "1M requests a month" {
		t.Errorf("price row %q", got)
	}
	if doc.Find(`#prices-us-east-1`).Length() == 0 || doc.Find(`a[href="https://aws.amazon.com/lambda/pricing/"]`).Length() == 0 {
		t.Error("no us-east-1 price table with its sources")
	}
	if !strings.Contains(doc.Find("#lambda-runtimes").NextUntil("h2").Text(), design.LambdaRuntimeSource().Commit[:12]) {
		t.Error("the runtime table does not give its source's commit")
	}
	var queue []string
	doc.Find("tr").Each(func(_ int, tr *goquery.Selection) {
		tds := tr.Find("td")
		if tds.Length() == 4 && tds.Eq(0).Text() == "SQS queue" && tds.Eq(1).Text() == "VisibilityTimeout" {
			queue = []string{tds.Eq(2).Text(), tds.Eq(3).Text()}
		}
	})
	if len(queue) != 2 || queue[0] != "0–43,200" || queue[1] != "s" {
		t.Errorf("SQS VisibilityTimeout range %q, want 0–43,200 s", queue)
	}

	for _, from := range []string{"/kb", "/kb/serverless-limits"} {
		r := s.do(t, "GET", from, "", nil)
		if !bytes.Contains(r.body, []byte(`href="/kb/facts"`)) {
			t.Errorf("%s does not link to /kb/facts", from)
		}
	}
}
