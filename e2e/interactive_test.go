package e2e

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestLargeDesignInteractive measures how soon a 150-block design answers
// a person: from navigating to it to a click on a block showing it in the
// inspector. It logs the figure; it asserts no time (the machine varies).
func TestLargeDesignInteractive(t *testing.T) {
	a := newApp(t)
	_, key := a.create(t, gridDesign(150))
	p := open(t, a, "/")
	start := time.Now()
	p.do(chromedp.Navigate(a.URL+"/d/"+key+"/"), chromedp.WaitVisible(`[data-block-id="Fn0"]`))
	loaded := time.Since(start)
	p.do(chromedp.Click(`[data-block-id="Fn0"] .block-body`))
	p.until(`!!document.querySelector('#inspector[data-id="Fn0"]') && !!document.querySelector(".block.selected[data-block-id='Fn0']")`)
	total := time.Since(start)
	t.Logf("150 blocks: drawn %v after navigating, a clicked block in the inspector %v after", loaded.Round(time.Millisecond), total.Round(time.Millisecond))
}
