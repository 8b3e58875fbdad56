package e2e

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A design's accepted findings are not shown as open: the findings panel
// folds them away under "Accepted", each with its reason, and an
// acceptance made elsewhere (the API) moves the finding there live.
func TestAcceptedFindingsAreFoldedAwayWithTheirReason(t *testing.T) {
	a := newApp(t)
	id, key := a.create(t, `{"format":"archlab/v1","title":"Accepted",
		"blocks":[{"id":"Worker","kind":"lambda","x":300,"y":80,"props":{"Timeout":30}},{"id":"OrderQueue","kind":"sqs","x":80,"y":80,"props":{"VisibilityTimeout":180}}],
		"connections":[{"id":"c1","from":"OrderQueue","to":"Worker"}],
		"accepted":[{"rule":"sqs-no-redrive","subjects":["OrderQueue"],"reason":"messages are replayed from the source"}]}`)
	p := open(t, a, "/d/"+key+"/")
	p.do(chromedp.WaitVisible(`[data-block-id="Worker"]`))

	if got := p.findings(); slices.Contains(got, "sqs-no-redrive") || !slices.Contains(got, "lambda-tracing") {
		t.Fatalf("open findings = %v, want lambda-tracing and not the accepted sqs-no-redrive", got)
	}
	if visible := eval[bool](p, `document.querySelector('[data-testid="accepted-reason"]').checkVisibility()`); visible {
		t.Fatal("the accepted findings are unfolded at first")
	}
	p.do(chromedp.Click(`[data-testid="accepted-findings"] summary`))
	p.until(`document.querySelector('[data-testid="accepted-reason"]').checkVisibility()`)
	if reason := p.text(`[data-accepted-rule="sqs-no-redrive"] [data-testid="accepted-reason"]`); reason != "Accepted: messages are replayed from the source" {
		t.Fatalf("reason = %q", reason)
	}
	// Show selects what the accepted finding is about.
	p.do(chromedp.Click(`[data-accepted-rule="sqs-no-redrive"] [data-show]`))
	p.until(`document.querySelector('#inspector').dataset.id == "OrderQueue"`)

	// Someone accepts another finding through the API: the open editor
	// moves it to the accepted list without a reload.
	req, _ := http.NewRequest("POST", a.URL+"/api/v1/designs/"+id+"/ops", strings.NewReader(
		`{"baseVersion":1,"ops":[{"op":"acceptFinding","rule":"lambda-tracing","subjects":["Worker"],"reason":"traced by the account's default","by":"Ann"}]}`))
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("accept through the API: %v %v", resp.StatusCode, err)
	}
	resp.Body.Close()
	p.until(`!!document.querySelector('[data-accepted-rule="lambda-tracing"]')`)
	if got := p.findings(); slices.Contains(got, "lambda-tracing") {
		t.Fatalf("open findings = %v after lambda-tracing was accepted", got)
	}
	if reason := p.text(`[data-accepted-rule="lambda-tracing"] [data-testid="accepted-reason"]`); reason != "Accepted: traced by the account's default" {
		t.Fatalf("reason = %q", reason)
	}
	if heading := p.text(`[data-testid="accepted-findings"] summary`); heading != "Accepted (2)" {
		t.Fatalf("heading = %q", heading)
	}
}
