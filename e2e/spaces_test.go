package e2e

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Test: make a team space from the home page, make two designs from the
// space's page with different services, move a third in from its editor's
// Share dialog, then search the space by a service and see only the
// designs that use it; the home page lists the space.
func TestSpaceSearchByService(t *testing.T) {
	a := newApp(t)
	p := open(t, a, "/")
	p.do(chromedp.Click(`[data-testid="new-space"]`), chromedp.WaitVisible(`[data-testid="space"]`))
	space := eval[string](p, `location.pathname`)
	if !strings.HasPrefix(space, "/s/") {
		t.Fatalf("the new space opened at %s", space)
	}
	if link := eval[string](p, `document.querySelector('[data-testid="space-link"]').value`); link != a.URL+space {
		t.Errorf("the space link shown is %q, want %q", link, a.URL+space)
	}

	// Name it.
	p.do(chromedp.Click(`.space-rename summary`), chromedp.SetValue(`#space-title`, "Checkout team"),
		chromedp.Submit(`[data-testid="space-rename"]`))
	p.navigatedTo(`document.querySelector("h1").textContent === "Checkout team"`)

	newDesign := func(title string, add func()) {
		p.do(chromedp.Navigate(a.URL+space), chromedp.WaitVisible(`[data-testid="space"]`),
			chromedp.SendKeys(`#new-title`, title), chromedp.Click(`[data-testid="space-new-design"]`),
			chromedp.WaitVisible(`[data-testid="canvas"]`))
		p.saved(1)
		add()
	}
	newDesign("Orders pipeline", func() {
		// The person gives their name once, to comment; their edits then
		// say who made them.
		p.do(chromedp.Click(`[data-testid="comments-button"]`))
		p.comment("Pat Doe", "Starting the pipeline.")
		p.until(`document.querySelectorAll('[data-testid="thread"]').length == 1`)
		p.do(chromedp.Click(`[data-testid="comments-button"]`))
		p.addFromPalette("sqs", "Queue")
		p.addFromPalette("lambda", "Function")
		p.do(chromedp.Navigate(strings.TrimSuffix(eval[string](p, `location.href.split("?")[0]`), "/")+"/history"),
			chromedp.WaitVisible(`[data-testid="history"]`))
		if by := eval[string](p, `document.querySelector('[data-version="3"] [data-testid="revision-by"]').textContent.trim()`); by != "by Pat Doe" {
			t.Errorf("the history says %q for the last edit", by)
		}
	})
	newDesign("Static site", func() {
		p.addFromPalette("s3", "Bucket")
	})

	// A design made elsewhere, moved in from its editor.
	_, key := a.create(t, `{"format":"archlab/v1","title":"Fan-out","blocks":[{"id":"Topic","kind":"sns"},{"id":"Jobs","kind":"sqs"}]}`)
	p.do(chromedp.Navigate(a.URL+"/d/"+key), chromedp.WaitVisible(`[data-block-id="Topic"]`),
		chromedp.Click(`[data-testid="share"]`), chromedp.WaitVisible(`#share-space`),
		chromedp.SendKeys(`#share-space`, a.URL+space), chromedp.Submit(`[data-testid="move-to-space"]`),
		chromedp.WaitVisible(`[data-testid="notice"]`))
	if n := eval[string](p, `document.querySelector('[data-testid="notice"]').textContent`); !strings.Contains(n, "listed in the space") {
		t.Errorf("after moving, the editor says %q", n)
	}

	titles := func() []string {
		got := eval[[]string](p, `Array.from(document.querySelectorAll('[data-testid="space-design"] .space-title')).map(a => a.textContent.trim())`)
		slices.Sort(got)
		return got
	}
	p.do(chromedp.Navigate(a.URL+space), chromedp.WaitVisible(`[data-testid="space-designs"]`))
	if got := titles(); !slices.Equal(got, []string{"Fan-out", "Orders pipeline", "Static site"}) {
		t.Fatalf("the space lists %v", got)
	}
	changed := eval[string](p, `Array.from(document.querySelectorAll('[data-testid="space-design"]')).find(r => r.textContent.includes("Orders pipeline")).querySelector('[data-testid="space-changed"]').textContent.replace(/\s+/g, " ").trim()`)
	if !strings.HasSuffix(changed, "by Pat Doe") {
		t.Errorf("Orders pipeline's last change is listed as %q, want it by Pat Doe", changed)
	}
	services := eval[string](p, `Array.from(document.querySelectorAll('[data-testid="space-design"]')).find(r => r.textContent.includes("Orders pipeline")).querySelector(".space-services").textContent`)
	if !strings.Contains(services, "SQS queue") || !strings.Contains(services, "Lambda") {
		t.Errorf("Orders pipeline's services are %q", services)
	}
	// Thumbnails are drawn.
	p.until(`Array.from(document.querySelectorAll('[data-testid="space-design"] img')).every(i => i.complete && i.naturalWidth > 0)`)
	// With ARCHLAB_SCREENSHOTS set, the space's page is kept as
	// docs/space.png for README.md.
	if dir := os.Getenv("ARCHLAB_SCREENSHOTS"); dir != "" {
		png, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "space.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// Search by a service: only the designs with a queue.
	p.do(chromedp.SetValue(`[data-testid="space-service"]`, "sqs"), chromedp.Submit(`[data-testid="space-search"]`),
		chromedp.WaitVisible(`[data-testid="space-designs"]`))
	p.navigatedTo(`location.search.includes("service=sqs")`)
	if got := titles(); !slices.Equal(got, []string{"Fan-out", "Orders pipeline"}) {
		t.Errorf("searching for SQS lists %v", got)
	}
	// And by title within them.
	p.do(chromedp.SendKeys(`[data-testid="space-q"]`, "order"), chromedp.Submit(`[data-testid="space-search"]`))
	p.navigatedTo(`location.search.includes("q=order")`)
	p.do(chromedp.WaitVisible(`[data-testid="space-designs"]`))
	if got := titles(); !slices.Equal(got, []string{"Orders pipeline"}) {
		t.Errorf("searching for SQS and \"order\" lists %v", got)
	}

	// The home page lists the space this browser opened.
	p.do(chromedp.Navigate(a.URL+"/"), chromedp.WaitVisible(`[data-recent-spaces] .recent-space`))
	if got := eval[[]string](p, `(() => { const a = document.querySelector('[data-recent-spaces] .recent-space a'); return [a.getAttribute("href"), a.textContent]; })()`); got[0] != space || got[1] != "Checkout team" {
		t.Errorf("the home page links the space as %q, want %q at %q", got, "Checkout team", space)
	}
}

// navigatedTo waits, across the navigation a form's submission starts,
// until a condition holds on the page loaded.
func (p page) navigatedTo(js string) {
	p.t.Helper()
	deadline := time.Now().Add(wait)
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(p.ctx, time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js+` && document.readyState === "complete"`))
		cancel()
		if err == nil && ok {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	p.t.Fatalf("the page never came to %s", js)
}
