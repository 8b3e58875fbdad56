package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A version page is a fixed picture of that version: the live stream does
// not swap the latest version in, it only offers a link to it; and the
// inspector shows the block as it was in that version.
func TestOldVersionStaysAsItWas(t *testing.T) {
	a := newApp(t)
	id, key := a.create(t, `{"format":"archlab/v1","title":"Then","blocks":[{"id":"Fn","kind":"lambda","x":80,"y":80,"props":{"Timeout":10}}]}`)
	a.apply(t, id, key, 1, `[{"op":"updateBlock","id":"Fn","props":{"Timeout":20}}]`)
	a.apply(t, id, key, 2, `[{"op":"addBlock","block":{"id":"Queue","kind":"sqs","x":400,"y":80}}]`)

	p := open(t, a, "/v/"+id+"/versions/1")
	p.do(chromedp.WaitVisible(`[data-block-id="Fn"]`))
	p.until(`document.querySelector("#presence").dataset.count == "1"`) // the stream is open
	a.apply(t, id, key, 3, `[{"op":"addBlock","block":{"id":"Table","kind":"dynamodb","x":400,"y":240}}]`)
	// Either the page offers the newer version, or (the bug) it swaps it in.
	p.until(`!!document.querySelector('[data-block-id="Table"], [data-block-id="Queue"]') || document.querySelector('[data-testid="newer-version"]').checkVisibility()`)
	if n := eval[int](p, `document.querySelectorAll("[data-block-id]").length`); n != 1 {
		t.Fatalf("the page of version 1 now shows %d blocks, the latest version's", n)
	}
	if !p.seen(`[data-testid="newer-version"] a`) {
		t.Fatal("the newer version is not offered as a link")
	}
	if href := eval[string](p, `document.querySelector('[data-testid="newer-version"] a').getAttribute("href")`); href != "/v/"+id {
		t.Fatalf("the newer version's link goes to %q", href)
	}
	if msg := p.text(`[data-testid="newer-version"]`); !strings.Contains(msg, "version 4") {
		t.Fatalf("the offer does not name the newer version: %q", msg)
	}
	if banner := p.text(`[data-testid="past-version"]`); !strings.Contains(banner, "version 1 of 3") {
		t.Fatalf("banner = %q", banner)
	}

	// The inspector shows Fn as it was in version 1.
	p.do(chromedp.Click(`[data-block-id="Fn"] .block-body`))
	p.until(`document.querySelector("#inspector").dataset.id == "Fn"`)
	p.settled()
	if got := eval[string](p, `document.querySelector("#prop-Timeout").value`); got != "10" {
		t.Fatalf("the inspector of version 1 shows Timeout %q, the current value", got)
	}
	if n := eval[int](p, `document.querySelectorAll("[data-block-id]").length`); n != 1 {
		t.Fatalf("after a selection the page of version 1 shows %d blocks", n)
	}
}
