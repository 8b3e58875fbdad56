package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// blocksApart fails the test when two blocks overlap on the screen.
func (p page) blocksApart() {
	p.t.Helper()
	ids := eval[[]string](p, `[...document.querySelectorAll("[data-block-id]")].map(b => b.dataset.blockId)`)
	for i, a := range ids {
		for _, b := range ids[i+1:] {
			ra, rb := p.rect(fmt.Sprintf(`[data-block-id=%q] .block-body`, a)), p.rect(fmt.Sprintf(`[data-block-id=%q] .block-body`, b))
			if ra.overlaps(rb) {
				p.t.Fatalf("%s %+v overlaps %s %+v", a, ra, b, rb)
			}
		}
	}
}

// inView fails the test when a block is not wholly on the canvas.
func (p page) inView(id string) {
	p.t.Helper()
	b, canvas := p.rect(fmt.Sprintf(`[data-block-id=%q] .block-body`, id)), p.rect(`[data-testid="canvas"]`)
	if !b.inside(canvas) {
		p.t.Fatalf("%s is out of view: %+v, the canvas %+v", id, b, canvas)
	}
}

// A block added with a block selected lands beside it, to its right when
// there is room, overlapping nothing, and in view.
func TestNewBlockLandsBesideTheSelection(t *testing.T) {
	a := newApp(t)
	_, key := a.create(t, `{"format":"archlab/v1","title":"Beside","blocks":[
		{"id":"Api","kind":"apigateway-http","x":40,"y":40},
		{"id":"Fn","kind":"lambda","x":40,"y":400},
		{"id":"Table","kind":"dynamodb","x":720,"y":40}]}`)
	p := open(t, a, "/d/"+key+"/?select=Fn")
	p.do(chromedp.WaitVisible(`#inspector[data-id="Fn"]`))
	p.addFromPalette("sqs", "Queue")
	fn, q := p.rect(`[data-block-id="Fn"] .block-body`), p.rect(`[data-block-id="Queue"] .block-body`)
	if q.X < fn.right() || q.X > fn.right()+fn.W || q.Y < fn.Y-fn.H || q.Y > fn.Y+fn.H {
		t.Fatalf("the queue %+v did not land beside the selected Fn %+v", q, fn)
	}
	p.inView("Queue")
	p.blocksApart()

	// The new block is selected: the next one lands beside it, still in view.
	p.addFromPalette("sns", "Topic")
	q, topic := p.rect(`[data-block-id="Queue"] .block-body`), p.rect(`[data-block-id="Topic"] .block-body`)
	if topic.X < q.X-q.W || topic.X > q.right()+q.W || topic.Y < q.Y-2*q.H || topic.Y > q.bottom()+q.H {
		t.Fatalf("the topic %+v did not land beside the selected queue %+v", topic, q)
	}
	p.inView("Topic")
	p.blocksApart()
}

// With nothing selected, new blocks land in free space in view, not in a
// column running off the canvas.
func TestNewBlocksLandInFreeSpaceInView(t *testing.T) {
	a := newApp(t)
	_, key := a.create(t, `{"format":"archlab/v1","title":"Free","blocks":[{"id":"Fn","kind":"lambda","x":80,"y":80}]}`)
	p := open(t, a, "/d/"+key+"/")
	p.do(chromedp.WaitVisible(`[data-block-id="Fn"]`))
	for _, id := range []string{"Queue", "Queue2", "Queue3", "Queue4", "Queue5"} {
		p.key(kb.Escape)
		p.until(`!document.querySelector(".block.selected")`)
		p.addFromPalette("sqs", id)
		p.inView(id)
		p.blocksApart()
	}
}
