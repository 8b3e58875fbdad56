package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Tidy up arranges the whole design, blocks placed by hand included, left
// to right the way requests flow, as one edit that one undo takes back;
// the L key does the same, and the keyboard help says so.
func TestTidyUpArrangesEverythingAsOneEdit(t *testing.T) {
	a := newApp(t)
	id, key := a.create(t, `{"format":"archlab/v1","title":"Tidy","blocks":[
		{"id":"Api","kind":"apigateway-http","x":400,"y":400},
		{"id":"Fn","kind":"lambda","x":400,"y":40},
		{"id":"Queue","kind":"sqs","x":40,"y":240},
		{"id":"Worker","kind":"lambda","x":40,"y":40}],
		"connections":[{"id":"c1","from":"Api","to":"Fn","integration":"invoke"},{"id":"c2","from":"Fn","to":"Queue","integration":"sdk"},{"id":"c3","from":"Queue","to":"Worker"}]}`)
	p := open(t, a, "/d/"+key+"/")
	p.do(chromedp.WaitVisible(`[data-block-id="Fn"]`))
	flowsRight := func() bool {
		xs := eval[[]float64](p, `["Api", "Fn", "Queue", "Worker"].map(id => document.querySelector('[data-block-id="' + id + '"] .block-body').getBoundingClientRect().x)`)
		return xs[0] < xs[1] && xs[1] < xs[2] && xs[2] < xs[3]
	}
	if flowsRight() {
		t.Fatal("the design is arranged already")
	}

	p.do(chromedp.Click(`.toolbar [data-action="tidy"]`))
	p.saved(2)
	if !flowsRight() {
		t.Fatal("Tidy up did not arrange the blocks left to right")
	}
	p.blocksApart()
	for _, b := range []string{"Api", "Fn", "Queue", "Worker"} {
		p.inView(b)
	}

	// One undo puts every block back.
	p.do(chromedp.Click(`[data-action="undo"]`))
	p.saved(3)
	d := a.design(t, id)
	if api, w := d.Block("Api"), d.Block("Worker"); api.X != 400 || api.Y != 400 || w.X != 40 || w.Y != 40 {
		t.Fatalf("after one undo Api is at %v,%v and Worker at %v,%v", api.X, api.Y, w.X, w.Y)
	}

	// L tidies up too, and the keyboard help lists it.
	p.unfocus()
	p.key("l")
	p.saved(4)
	if !flowsRight() {
		t.Fatal("L did not arrange the blocks")
	}
	p.key("?")
	p.do(chromedp.WaitVisible(`#help-dialog[open]`))
	help := eval[string](p, `[...document.querySelectorAll("#help-dialog dt")].filter(dt => dt.textContent.trim() == "L").map(dt => dt.nextElementSibling.textContent).join("")`)
	if !strings.HasPrefix(help, "tidy up: arrange the whole design") {
		t.Fatalf("the keyboard help says of L: %q", help)
	}
	if title := eval[string](p, `document.querySelector('[data-action="tidy"]').title`); !strings.Contains(title, "(L)") {
		t.Fatalf("the Tidy up button's title %q does not name its key", title)
	}
}
