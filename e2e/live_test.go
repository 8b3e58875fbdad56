package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/archlab/archlab/internal/browsertest"
)

// Two people edit one design in two browser tabs: an edit in one appears in
// the other without a reload, and both see that two people are there.
func TestTwoEditorsSeeEachOthersEdits(t *testing.T) {
	a := newApp(t)
	_, key := a.create(t, `{"format":"archlab/v1","title":"Together","blocks":[{"id":"Api","kind":"apigateway-http","x":80,"y":80}]}`)
	first := open(t, a, "/d/"+key+"/")
	second := page{t: t, ctx: browsertest.Tab(t, first.ctx)}
	second.do(chromedp.EmulateViewport(1440, 900), chromedp.Navigate(a.URL+"/d/"+key+"/"), chromedp.WaitVisible(`[data-block-id="Api"]`))

	first.until(`document.querySelector("#presence").dataset.count == "2" && !document.querySelector("#presence").hidden`)
	second.until(`document.querySelector("#presence").dataset.count == "2"`)

	first.addFromPalette("sqs", "Queue")
	second.until(`!!document.querySelector('[data-block-id="Queue"]')`)
	second.saved(2)

	// And back the other way, while the first tab has the queue selected.
	second.addFromPalette("lambda", "Function")
	first.until(`!!document.querySelector('[data-block-id="Function"]')`)
	first.saved(3)
	if got := first.findings(); len(got) == 0 {
		t.Errorf("the first tab shows no findings for the blocks the second added")
	}
}

// Leaving a design stops counting as being there: the page that navigates
// away closes its event stream at once (a page the browser keeps for its
// back button held it open, and the people still there saw one too many).
func TestLeavingADesignLeavesThePresence(t *testing.T) {
	a := newApp(t)
	id, key := a.create(t, `{"format":"archlab/v1","title":"Alone","blocks":[{"id":"Api","kind":"apigateway-http","x":80,"y":80}]}`)
	viewer := open(t, a, "/v/"+id)
	viewer.do(chromedp.WaitVisible(`[data-block-id="Api"]`))
	editor := page{t: t, ctx: browsertest.Tab(t, viewer.ctx)}
	editor.do(chromedp.EmulateViewport(1440, 900), chromedp.Navigate(a.URL+"/d/"+key+"/"), chromedp.WaitVisible(`[data-block-id="Api"]`))
	editor.until(`document.querySelector("#presence").dataset.count == "2"`)

	viewer.do(chromedp.Navigate(a.URL+"/kb"), chromedp.WaitReady(`body`))
	editor.until(`document.querySelector("#presence").dataset.count == "1" && document.querySelector("#presence").hidden`)
}
