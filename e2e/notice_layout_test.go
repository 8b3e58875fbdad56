package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// editorInPlace checks that the editor's columns are where a person
// expects them with a notice showing: the palette on the left (when the
// design can be edited), the canvas in the middle taking the room left,
// the sidebar on the right, all three side by side below the notices, and
// the notice itself visible above them.
func (p page) editorInPlace(notice string, editable bool) {
	p.t.Helper()
	p.do(chromedp.WaitVisible(`[data-block-id="Fn"]`))
	width := eval[float64](p, `innerWidth`)
	rem := eval[float64](p, `parseFloat(getComputedStyle(document.documentElement).fontSize)`)
	bar, stage, side, canvas := p.rect(".editor-bar"), p.rect(".stage"), p.rect(".sidebar"), p.rect(`[data-testid="canvas"]`)
	n := p.rect(notice)
	if !p.seen(notice) || n.H < 16 || n.W < width/2 {
		p.t.Fatalf("the notice %s is not visible: %+v", notice, n)
	}
	if n.Y < bar.bottom()-1 || n.bottom() > stage.Y+1 {
		p.t.Fatalf("the notice %+v is not between the bar %+v and the canvas %+v", n, bar, stage)
	}
	if side.right() < width-1 || side.W < 23*rem-2 || side.W > 23*rem+2 {
		p.t.Fatalf("the sidebar %+v is not the 23rem column on the right of %v px", side, width)
	}
	left := 0.0
	if editable {
		pal := p.rect(".palette")
		if pal.X > 1 || pal.W < 15*rem-2 || pal.W > 15*rem+2 || pal.Y != stage.Y || pal.H < 300 {
			p.t.Fatalf("the palette %+v is not the 15rem column on the left beside the canvas %+v", pal, stage)
		}
		left = pal.right()
	}
	if stage.X < left-1 || stage.X > left+1 || stage.right() > side.X+1 || stage.right() < side.X-1 || stage.Y != side.Y {
		p.t.Fatalf("the canvas %+v is not between the palette (ending at %v) and the sidebar %+v", stage, left, side)
	}
	if canvas.H < 400 || canvas.W < stage.W-1 || !p.seen(`[data-block-id="Fn"] .block-body`) {
		p.t.Fatalf("the canvas is squeezed or hidden: %+v in the stage %+v", canvas, stage)
	}
}

const noticeDoc = `{"format":"archlab/v1","title":"Notices","blocks":[{"id":"Fn","kind":"lambda","x":80,"y":80,"props":{"Timeout":10}}]}`

// After Make a copy, the copy's editor says so and keeps its layout.
func TestForkNoticeKeepsTheLayout(t *testing.T) {
	a := newApp(t)
	id, _ := a.create(t, noticeDoc)
	p := open(t, a, "/v/"+id)
	p.do(chromedp.WaitVisible(`[data-block-id="Fn"]`), chromedp.Click(`.toolbar [data-testid="fork"]`))
	p.do(chromedp.WaitVisible(`.palette`))
	p.editorInPlace(`[data-testid="notice"]`, true)
	if !p.seen(`.forked-from`) {
		t.Fatal("the copy does not say what it was forked from")
	}
}

// After Replace the edit link, the new link's editor keeps its layout.
func TestRotateNoticeKeepsTheLayout(t *testing.T) {
	a := newApp(t)
	_, key := a.create(t, noticeDoc)
	p := open(t, a, "/d/"+key)
	p.do(chromedp.WaitVisible(`[data-block-id="Fn"]`), chromedp.Click(`[data-action="share"]`), chromedp.Click(`[data-testid="rotate"]`))
	p.do(chromedp.WaitVisible(`[data-testid="notice"]`))
	p.editorInPlace(`[data-testid="notice"]`, true)
}

// After Restore, the editor keeps its layout.
func TestRestoreNoticeKeepsTheLayout(t *testing.T) {
	a := newApp(t)
	id, key := a.create(t, noticeDoc)
	a.apply(t, id, key, 1, `[{"op":"setTitle","title":"Renamed"}]`)
	p := open(t, a, "/d/"+key+"/history")
	p.do(chromedp.Click(`[data-version="1"] [data-testid="restore"]`))
	p.do(chromedp.WaitVisible(`[data-testid="notice"]`))
	p.editorInPlace(`[data-testid="notice"]`, true)
}

// An old version's page keeps the viewer's layout under its banner.
func TestOldVersionKeepsTheLayout(t *testing.T) {
	a := newApp(t)
	id, key := a.create(t, noticeDoc)
	a.apply(t, id, key, 1, `[{"op":"setTitle","title":"Renamed"}]`)
	p := open(t, a, "/v/"+id+"/versions/1")
	p.editorInPlace(`[data-testid="past-version"]`, false)
}
