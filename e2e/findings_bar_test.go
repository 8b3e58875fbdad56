package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// findingsDoc has findings of every severity; Far sits away from the rest,
// so that zooming in leaves it out of view.
const findingsDoc = `{"format":"archlab/v1","title":"Review","blocks":[
	{"id":"Api","kind":"apigateway-rest","x":40,"y":40},
	{"id":"Fn","kind":"lambda","x":320,"y":40,"props":{"Timeout":60}},
	{"id":"Queue","kind":"sqs","x":40,"y":240},
	{"id":"Far","kind":"sqs","x":1400,"y":800}],
	"connections":[{"id":"c1","from":"Api","to":"Fn","integration":"invoke"},{"id":"c2","from":"Queue","to":"Fn"},{"id":"c3","from":"Far","to":"Fn"}]}`

// Findings are in view at all times: with a block's long inspector open,
// the findings bar with its counts by severity and the list are on the
// screen, where they were before the selection.
func TestFindingsStayInView(t *testing.T) {
	a := newApp(t)
	_, key := a.create(t, findingsDoc)
	p := open(t, a, "/d/"+key+"/")
	p.do(chromedp.WaitVisible(`[data-block-id="Fn"]`))
	before := p.rect(`#findings .finding`)
	p.do(chromedp.Click(`[data-block-id="Fn"] .block-body`))
	p.until(`document.querySelector("#inspector").dataset.id == "Fn"`)
	p.settled()

	if !p.seen(`.findings-bar`) {
		t.Fatalf("the findings bar is not on the screen: %+v", p.rect(".findings-bar"))
	}
	bar := p.text(`.findings-bar`)
	for _, sev := range []string{"error", "warning", "info"} {
		n := eval[int](p, fmt.Sprintf(`document.querySelectorAll('#findings .finding[data-severity=%q]').length`, sev))
		got := p.text(fmt.Sprintf(`.findings-bar [data-severity=%q]`, sev))
		if n > 0 && !strings.HasPrefix(strings.TrimLeft(got, "⬣▲● "), fmt.Sprint(n)) {
			t.Errorf("the bar %q counts %q %ss, the list has %d", bar, got, sev, n)
		}
	}
	if !p.seen(`#findings .finding`) {
		t.Fatalf("with a block selected the first finding is off the screen, at %+v", p.rect(`#findings .finding`))
	}
	if after := p.rect(`#findings .finding`); after.Y != before.Y {
		t.Fatalf("selecting a block moved the findings from y=%v to y=%v", before.Y, after.Y)
	}

	// The bar folds the list away, giving the inspector the room, and opens it again.
	p.do(chromedp.Click(`.findings-bar`))
	p.until(`!document.querySelector("#findings .finding").checkVisibility()`)
	if got := eval[string](p, `document.querySelector(".findings-bar").getAttribute("aria-expanded")`); got != "false" {
		t.Fatalf("a folded findings bar says aria-expanded=%q", got)
	}
	p.do(chromedp.Click(`.findings-bar`))
	p.until(`document.querySelector("#findings .finding").checkVisibility()`)
}

// Clicking a block's badge on the diagram opens its findings in the list;
// Show brings a finding's subject into view on the canvas and leaves the
// list where it is.
func TestBadgeOpensItsFindingAndShowMovesTheDiagram(t *testing.T) {
	a := newApp(t)
	_, key := a.create(t, findingsDoc)
	p := open(t, a, "/d/"+key+"/")
	p.do(chromedp.WaitVisible(`[data-block-id="Fn"]`))

	// The block with the last findings in the list, out of the list's view.
	subject := eval[string](p, `[...document.querySelectorAll("#findings .finding")].map(f => f.dataset.subjects.split(" ")[0])
		.filter(id => document.querySelector('[data-block-id="' + id + '"] .badge')).pop()`)
	x, y := p.center(fmt.Sprintf(`[data-block-id=%q] .badge`, subject))
	p.do(chromedp.MouseClickXY(x, y))
	p.until(fmt.Sprintf(`document.querySelector("#inspector").dataset.id == %q`, subject))
	p.settled()
	mine := fmt.Sprintf(`#findings .finding[data-subjects~=%q]`, subject)
	p.until(fmt.Sprintf(`!!document.querySelector(%q + ".current")`, mine))
	if !p.seen(mine+".current") || !p.rect(mine+".current").inside(p.rect("#findings")) {
		t.Fatalf("the badge of %s did not bring its finding into view: %+v in %+v", subject, p.rect(mine+".current"), p.rect("#findings"))
	}

	// Zoom in on the middle: Far goes out of view. Show brings it back.
	for range 4 {
		p.key("+")
	}
	canvas := p.rect(`[data-testid="canvas"]`)
	if p.rect(`[data-block-id="Far"] .block-body`).inside(canvas) {
		t.Fatal("Far is still in view after zooming in")
	}
	show := `#findings .finding[data-subjects~="Far"] [data-show]`
	p.do(chromedp.ScrollIntoView(show))
	at := p.rect(show)
	p.do(chromedp.Click(show))
	p.until(`document.querySelector("#inspector").dataset.id == "Far"`)
	p.settled()
	if far := p.rect(`[data-block-id="Far"] .block-body`); !far.inside(canvas) {
		t.Fatalf("Show left Far out of view: %+v, canvas %+v", far, canvas)
	}
	if now := p.rect(show); now.Y != at.Y || !p.seen(show) {
		t.Fatalf("Show moved the findings list: its button went from y=%v to y=%v", at.Y, now.Y)
	}
}
