package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/archlab/archlab/internal/browsertest"
)

// An instructor creates a cohort for the first lab; a trainee joins it
// with their name, starts the lab, sees the brief and the goals beside the
// canvas, and draws the fix until every goal turns green, as they draw.
// The instructor's page then shows the lab completed, and the CSV export
// lists it.
func TestTraineeCompletesALabInACohort(t *testing.T) {
	a := newApp(t)
	teacher := open(t, a, "/cohorts/new")
	teacher.do(chromedp.WaitVisible(`[data-testid="cohort-title"]`),
		chromedp.SendKeys(`[data-testid="cohort-title"]`, "Serverless week"),
		chromedp.Click(`[data-testid="cohort-lab"][value="first-api"]`),
		chromedp.Click(`[data-testid="create-cohort"]`),
		chromedp.WaitVisible(`[data-testid="join-url"]`))
	joinURL := eval[string](teacher, `document.querySelector('[data-testid="join-url"]').value`)
	instructorURL := eval[string](teacher, `location.href.split("?")[0]`)
	if !strings.HasPrefix(joinURL, a.URL+"/c/") || !strings.Contains(instructorURL, "/i/") {
		t.Fatalf("join link %q, instructor page %q", joinURL, instructorURL)
	}
	if teacher.text(`[data-testid="no-trainees"]`) == "" {
		t.Fatal("the new cohort's page does not say that nobody joined yet")
	}

	p := page{t: t, ctx: browsertest.Tab(t, teacher.ctx)}
	p.do(chromedp.Navigate(joinURL), chromedp.WaitVisible(`[data-testid="member-name"]`),
		chromedp.SendKeys(`[data-testid="member-name"]`, "Ann"),
		chromedp.Click(`[data-testid="join"]`),
		chromedp.WaitVisible(`[data-testid="member-lab"][data-lab="first-api"]`),
		chromedp.Click(`[data-testid="member-lab"][data-lab="first-api"] [data-testid="start-lab"]`),
		chromedp.WaitVisible(`[data-testid="lab-panel"]`),
		chromedp.WaitVisible(`[data-block-id="MobileApp"]`))
	if brief := p.text(`[data-testid="lab-panel"] .lab-brief`); !strings.Contains(brief, "notes app") {
		t.Fatalf("the brief beside the canvas reads %q", brief)
	}
	goals := `document.querySelectorAll('[data-testid="lab-goal"]')`
	met := func() int {
		return eval[int](p, `document.querySelectorAll('[data-testid="lab-goal"][data-met="true"]').length`)
	}
	if n := eval[int](p, goals+`.length`); n != 4 || met() == 4 {
		t.Fatalf("%d goals, %d met at the start", n, met())
	}

	// The instructor sees the trainee start, and which goals the cohort
	// has not met yet.
	teacher.until(`!!document.querySelector('[data-testid="progress-row"][data-trainee="Ann"]')`)
	teacher.until(`(document.querySelector('[data-testid="struggle"]') || {textContent: ""}).textContent.includes("The mobile app calls an API Gateway API")`)

	// The goals turn green one by one as the trainee draws.
	p.addFromPalette("apigateway-http", "HttpApi")
	p.connectByDragging("MobileApp", "HttpApi", "")
	p.until(`document.querySelector('[data-goal="app-calls-api"]').dataset.met == "true"`)
	p.addFromPalette("lambda", "Function")
	p.connectByDragging("HttpApi", "Function", "invoke")
	p.until(`document.querySelector('[data-goal="function-behind-api"]').dataset.met == "true"`)
	p.addFromPalette("dynamodb", "Table")
	p.connectByDragging("Function", "Table", "")
	p.until(`document.querySelector('[data-goal="notes-stored"]').dataset.met == "true"`)
	// A new table is provisioned with no capacity, an error: its fix
	// makes it on-demand, and the last goal turns green.
	if green := eval[string](p, `getComputedStyle(document.querySelector('[data-goal="notes-stored"]')).color`); green == eval[string](p, `getComputedStyle(document.querySelector('[data-goal="no-errors"]')).color`) {
		t.Errorf("a met goal and one not met look the same (%s)", green)
	}
	v := p.version()
	p.do(chromedp.Click(`#findings [data-rule="dynamodb-billing-throughput"] [data-testid="fix"]`))
	p.saved(v + 1)
	p.until(`document.querySelectorAll('[data-testid="lab-goal"][data-met="true"]').length == 4`)
	p.do(chromedp.WaitVisible(`[data-testid="lab-done"]`), chromedp.WaitVisible(`[data-testid="lab-compare"]`))
	if hints := eval[int](p, `document.querySelectorAll('[data-testid="lab-hints"] li').length`); hints != 0 {
		t.Errorf("%d hints shown that nobody asked for", hints)
	}

	// The instructor's page follows without a reload.
	teacher.until(`(() => { const r = document.querySelector('[data-testid="progress-row"][data-lab="first-api"]'); return !!r && r.dataset.trainee == "Ann" && r.dataset.done == "true"; })()`)
	row := teacher.text(`[data-testid="progress-row"][data-lab="first-api"]`)
	if !strings.Contains(row, "4 / 4") || !strings.Contains(row, "completed") {
		t.Errorf("the instructor's row reads %q", row)
	}
	csv := eval[string](teacher, fmt.Sprintf(`fetch(%q).then(r => r.text())`, instructorURL+"/results.csv"))
	if !strings.Contains(csv, "Ann,first-api,true,4,4,true,") {
		t.Fatalf("the CSV does not list Ann's completed lab:\n%s", csv)
	}

	if href := eval[string](teacher, `document.querySelector('[data-testid="progress-row"][data-lab="first-api"] a').getAttribute("href")`); !strings.HasPrefix(href, "/v/") {
		t.Errorf("the instructor opens the trainee's design at %q, not its read-only view link", href)
	}

	// The browser that joined is led back to the trainee's labs.
	p.do(chromedp.Navigate(a.URL+"/labs"), chromedp.WaitVisible(`[data-testid="my-labs"]`), chromedp.Click(`[data-testid="my-labs"]`),
		chromedp.WaitVisible(`[data-testid="member-lab"][data-lab="first-api"] [data-testid="open-lab"]`),
		chromedp.Click(`[data-testid="open-lab"]`), chromedp.WaitVisible(`[data-testid="lab-done"]`))

	// With every goal met, the trainee compares with the reference: both
	// designs drawn side by side.
	p.do(chromedp.Click(`[data-testid="lab-compare"]`), chromedp.WaitVisible(`[data-testid="lab-reference"] svg`))
	if n := eval[int](p, `document.querySelectorAll(".lab-compare svg .block").length`); n < 8 {
		t.Errorf("the comparison draws %d blocks for two designs of 4", n)
	}
	dups := eval[[]string](p, `(() => { const seen = {}, dup = new Set();
		for (const e of document.querySelectorAll("[id]")) { if (seen[e.id]) dup.add(e.id); seen[e.id] = true; }
		return [...dup]; })()`)
	if len(dups) > 0 {
		t.Errorf("the comparison repeats ids %v", dups)
	}
}

// A trainee asks for hints one at a time; each is counted, and after the
// lab's stated number the reference opens even with goals unmet.
func TestLabHintsOpenTheReference(t *testing.T) {
	a := newApp(t)
	p := open(t, a, "/labs/first-api")
	p.do(chromedp.WaitVisible(`[data-testid="start-lab"]`), chromedp.Click(`[data-testid="start-lab"]`),
		chromedp.WaitVisible(`[data-testid="lab-hint"]`))
	if eval[bool](p, `!!document.querySelector('[data-testid="lab-compare"]')`) {
		t.Fatal("the reference is offered before any hint or goal")
	}
	for i := 1; i <= 2; i++ {
		p.do(chromedp.Click(`[data-testid="lab-hint"]`))
		p.until(fmt.Sprintf(`document.querySelectorAll('[data-testid="lab-hints"] li').length == %d`, i))
	}
	p.do(chromedp.WaitVisible(`[data-testid="lab-compare"]`))
	if got := p.text(`[data-testid="lab-hint"]`); !strings.Contains(got, "2 of 3") {
		t.Errorf("the hint button reads %q", got)
	}
	// The hints shown stay after a reload.
	p.do(chromedp.Reload(), chromedp.WaitVisible(`[data-testid="lab-hints"]`))
	if n := eval[int](p, `document.querySelectorAll('[data-testid="lab-hints"] li').length`); n != 2 {
		t.Errorf("%d hints after a reload, want 2", n)
	}
}
