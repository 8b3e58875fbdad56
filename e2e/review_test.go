package e2e

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/lint"
	"github.com/archlab/archlab/rules"
)

const reviewDoc = `{"format":"archlab/v1","title":"Orders",
	"blocks":[{"id":"Worker","kind":"lambda","x":300,"y":80,"props":{"Timeout":30}},{"id":"OrderQueue","kind":"sqs","x":80,"y":80,"props":{"VisibilityTimeout":180}}],
	"connections":[{"id":"c1","from":"OrderQueue","to":"Worker"}]}`

// A person accepts a finding in the editor with a reason: it moves to the
// Accepted list with who and until when; the SAM export carries the
// acceptance, and lint reports the finding as suppressed, with the reason.
func TestAcceptAFindingThenExportAndLint(t *testing.T) {
	a := newApp(t)
	id, key := a.create(t, reviewDoc)
	p := open(t, a, "/d/"+key+"/")
	p.do(chromedp.WaitVisible(`.finding[data-rule="sqs-no-redrive"]`))

	p.do(chromedp.Click(`.finding[data-rule="sqs-no-redrive"] [data-accept]`), chromedp.WaitVisible(`#accept-dialog`))
	if what := p.text(`#accept-dialog [data-accept-what]`); what != "sqs-no-redrive" {
		t.Fatalf("the dialog accepts %q", what)
	}
	// The reason is required: Accept without one keeps the dialog open.
	p.do(chromedp.SendKeys(`#accept-by`, "Ann"), chromedp.Click(`[data-testid="accept-submit"]`))
	if !eval[bool](p, `document.querySelector("#accept-dialog").open`) || p.version() != 1 {
		t.Fatal("an acceptance without a reason was sent")
	}
	p.do(chromedp.SendKeys(`#accept-reason`, "messages are replayed from the source"))
	p.do(chromedp.SetValue(`#accept-until`, "2999-12-31"), chromedp.Click(`[data-testid="accept-submit"]`))
	p.saved(2)
	p.until(`!!document.querySelector('[data-accepted-rule="sqs-no-redrive"]')`)
	if got := p.findings(); slices.Contains(got, "sqs-no-redrive") {
		t.Fatalf("open findings = %v after accepting sqs-no-redrive", got)
	}
	// Its badge on the diagram dims: the queue's one finding is accepted.
	p.until(`!!document.querySelector('[data-block-id="OrderQueue"] .badge.badge-accepted')`)
	if label := eval[string](p, `document.querySelector('[data-block-id="OrderQueue"]').getAttribute("aria-label")`); !strings.HasSuffix(label, ", 1 accepted finding") {
		t.Fatalf("the queue's label = %q", label)
	}
	if eval[bool](p, `!!document.querySelector('[data-block-id="Worker"] .badge-accepted')`) {
		t.Fatal("the worker's open findings are dimmed")
	}
	p.do(chromedp.Click(`[data-testid="accepted-findings"] summary`))
	if reason := p.text(`[data-accepted-rule="sqs-no-redrive"] [data-testid="accepted-reason"]`); reason != "Accepted: messages are replayed from the source" {
		t.Fatalf("reason = %q", reason)
	}
	if who := p.text(`[data-accepted-rule="sqs-no-redrive"] [data-testid="accepted-by"]`); !strings.HasPrefix(who, "by Ann, on ") || !strings.HasSuffix(who, ", until 2999-12-31") {
		t.Fatalf("who = %q", who)
	}

	// The name is kept in this browser: after a reload, the next
	// acceptance offers it.
	p.do(chromedp.Reload(), chromedp.WaitVisible(`.finding[data-rule="lambda-tracing"]`))
	p.do(chromedp.Click(`.finding[data-rule="lambda-tracing"] [data-accept]`), chromedp.WaitVisible(`#accept-dialog`))
	if by := eval[string](p, `document.querySelector("#accept-by").value`); by != "Ann" {
		t.Fatalf("the name offered after a reload = %q", by)
	}
	p.do(chromedp.Click(`#accept-dialog [data-close-dialog]`))

	// The export menu's SAM template, linted.
	href := eval[string](p, `Array.from(document.querySelectorAll('[data-testid="export-menu"] a')).find(a => a.textContent == "SAM template").getAttribute("href")`)
	if href != "/v/"+id+"/export/sam" {
		t.Fatalf("SAM export link = %q", href)
	}
	resp, err := http.Get(a.URL + href)
	if err != nil {
		t.Fatal(err)
	}
	sam, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Contains(sam, []byte("reason: messages are replayed from the source")) || !bytes.Contains(sam, []byte("by: Ann")) {
		t.Fatalf("the export lacks the acceptance:\n%s", sam)
	}
	path := filepath.Join(t.TempDir(), "template.yaml")
	if err := os.WriteFile(path, sam, 0o600); err != nil {
		t.Fatal(err)
	}
	reg := rules.Default(design.Builtin())
	rs, err := (&lint.Linter{Rules: reg}).File(path)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rs {
		if r.Rule != "sqs-no-redrive" {
			continue
		}
		found = true
		if r.Suppressed == nil || r.Suppressed.Justification != "messages are replayed from the source (accepted by Ann, until 2999-12-31)" {
			t.Fatalf("lint: %+v suppressed %+v", r, r.Suppressed)
		}
	}
	if !found {
		t.Fatalf("lint does not find sqs-no-redrive at all: %+v", rs)
	}
	var sarif bytes.Buffer
	if err := lint.SARIF(&sarif, rs, reg, ""); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(sarif.String(), `"justification": "messages are replayed from the source (accepted by Ann, until 2999-12-31)"`) {
		t.Fatalf("SARIF lacks the justification:\n%s", sarif.String())
	}
}

// Request a review, approve, edit: the editor says the design changed
// since its approval and links the comparison, which lists the review's
// events. A viewer sees the state change live.
func TestRequestReviewApproveEditAndCompare(t *testing.T) {
	a := newApp(t)
	id, key := a.create(t, reviewDoc)
	p := open(t, a, "/d/"+key+"/")
	viewer := open(t, a, "/v/"+id)
	viewer.do(chromedp.WaitVisible(`[data-testid="review-state"]`))
	if state := viewer.text(`[data-testid="review-state"]`); state != "Draft" {
		t.Fatalf("a new design's review state = %q", state)
	}

	p.do(chromedp.Click(`[data-testid="review"] summary`), chromedp.WaitVisible(`[data-testid="review-by"]`))
	p.do(chromedp.SendKeys(`[data-testid="review-by"]`, "Ann"), chromedp.SendKeys(`[data-testid="review-reviewers"]`, "Bo, Cy"),
		chromedp.Click(`[data-testid="request-review"]`))
	p.until(`document.querySelector('[data-testid="review-state"]').textContent == "In review"`)
	// The viewer hears of it without a reload.
	viewer.until(`document.querySelector('[data-testid="review-state"]').textContent == "In review"`)
	if got := eval[string](viewer, `document.querySelector('[data-testid="review-summary"]').textContent`); got != "Ann asked Bo, Cy to review version 1." {
		t.Fatalf("summary = %q", got)
	}

	p.do(chromedp.Click(`[data-testid="review"] summary`), chromedp.WaitVisible(`[data-testid="review-by"]`))
	p.do(chromedp.SendKeys(`[data-testid="review-by"]`, "Bo"), chromedp.Click(`[data-testid="approve"]`))
	p.until(`document.querySelector('[data-testid="review-state"]').textContent == "Approved v1"`)
	viewer.until(`document.querySelector('[data-testid="review-state"]').textContent == "Approved v1"`)
	if visible := eval[bool](p, `document.querySelector('[data-testid="changed-since-approval"]').checkVisibility()`); visible {
		t.Fatal("changed since approval shows before any change")
	}

	// An edit: the worker is dragged aside.
	x, y := p.center(`[data-block-id="Worker"]`)
	p.drag(x, y, x+120, y+60)
	p.saved(2)
	p.until(`document.querySelector('[data-testid="changed-since-approval"]').checkVisibility()`)
	if banner := p.text(`[data-testid="changed-since-approval"]`); !strings.HasPrefix(banner, "Changed since approval: Bo approved version 1, this is version 2.") {
		t.Fatalf("banner = %q", banner)
	}
	viewer.until(`document.querySelector('[data-testid="changed-since-approval"]').checkVisibility()`)

	p.do(chromedp.Click(`[data-testid="compare-approved"]`), chromedp.WaitVisible(`[data-testid="compare"]`))
	if h := p.text(`[data-testid="compare"] h1`); h != "v1 → v2" {
		t.Fatalf("compare heading = %q", h)
	}
	events := eval[[]string](p, `Array.from(document.querySelectorAll('[data-testid="review-event"]')).map(e => e.firstChild.textContent.trim())`)
	if strings.Join(events, "|") != "Ann requested a review of v1 from Bo, Cy|Bo approved v1" {
		t.Fatalf("review events = %q", events)
	}
}

// TestReviewScreenshot renders the editor of a design approved and then
// changed, its review opened and a finding accepted, and when
// ARCHLAB_SCREENSHOTS names a directory saves it there as review.png (see
// scripts/screenshot.sh; README.md's "Running a design review" shows it).
func TestReviewScreenshot(t *testing.T) {
	a := newApp(t)
	id, key := a.create(t, screenshotDesign)
	post := func(path, body string) {
		req, _ := http.NewRequest("POST", a.URL+"/api/v1/designs/"+id+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+key)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("%s %s: %s", path, body, resp.Status)
		}
	}
	post("/ops", `{"baseVersion":1,"ops":[{"op":"acceptFinding","rule":"lambda-tracing","subjects":["Worker"],"reason":"traced by the account's default","by":"Ann","until":"2999-03-31"}]}`)
	post("/review", `{"state":"in-review","by":"Ann","reviewers":["Bo","Cy"]}`)
	post("/review", `{"state":"approved","by":"Bo","note":"fine for the launch"}`)
	post("/ops", `{"baseVersion":2,"ops":[{"op":"updateBlock","id":"Worker","props":{"Timeout":20}}]}`)
	p := open(t, a, "/d/"+key+"/")
	p.do(chromedp.EmulateViewport(1440, 860), chromedp.WaitVisible(`[data-testid="changed-since-approval"] a`),
		chromedp.Click(`[data-testid="review"] summary`),
		chromedp.WaitVisible(`[data-testid="review-summary"]`), chromedp.Sleep(400*time.Millisecond))
	png, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if len(png) < 10000 {
		t.Fatalf("the screenshot is suspiciously small: %d bytes", len(png))
	}
	if dir := os.Getenv("ARCHLAB_SCREENSHOTS"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, "review.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
