package e2e

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// gridDesign is a design of n blocks laid out as Tidy up would, in rows
// of 15: functions each writing to a queue beside them.
func gridDesign(n int) string {
	var blocks, conns []string
	for i := range n {
		kind, id := "lambda", fmt.Sprintf("Fn%d", i)
		if i%2 == 1 {
			kind, id = "sqs", fmt.Sprintf("Queue%d", i)
		}
		blocks = append(blocks, fmt.Sprintf(`{"id":%q,"kind":%q,"x":%d,"y":%d}`, id, kind, 40+(i%15)*240, 40+(i/15)*144))
		if i%2 == 1 {
			conns = append(conns, fmt.Sprintf(`{"id":"c%d","from":"Fn%d","to":%q,"integration":"sdk"}`, i, i-1, id))
		}
	}
	return fmt.Sprintf(`{"format":"archlab/v1","title":"%d blocks","blocks":[%s],"connections":[%s]}`, n, strings.Join(blocks, ","), strings.Join(conns, ","))
}

// nameSize is the size on the screen, in CSS pixels, of a block's name:
// its computed font size times the diagram's scale.
func (p page) nameSize(id string) float64 {
	p.t.Helper()
	return eval[float64](p, fmt.Sprintf(`(() => { const t = document.querySelector('[data-block-id=%q] .block-name');
		return parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a; })()`, id))
}

// scale is how many screen pixels one unit of the diagram takes.
func (p page) scale() float64 {
	return eval[float64](p, `document.querySelector("#diagram").getScreenCTM().a`)
}

// A 150-block design opens, and fits, with names a room can read: the
// view zooms out no further than that and starts at the design's top left.
func TestFitKeepsTextReadable(t *testing.T) {
	a := newApp(t)
	_, key := a.create(t, gridDesign(150))
	p := open(t, a, "/d/"+key+"/")
	p.do(chromedp.WaitVisible(`[data-block-id="Fn0"]`))
	for _, how := range []string{"on opening", "after Fit"} {
		if how == "after Fit" {
			p.do(chromedp.Click(`[data-action="zoom-out"]`), chromedp.Click(`[data-action="zoom-out"]`), chromedp.Click(`[data-action="fit"]`))
		}
		if s := p.nameSize("Fn0"); s < 10.95 {
			t.Fatalf("%s, block names are %.1f px on the screen; readable is 11 px or more", how, s)
		}
		p.inView("Fn0")
	}
	// The same with the key.
	p.do(chromedp.Click(`[data-action="zoom-out"]`))
	if s := p.nameSize("Fn0"); s >= 11 {
		t.Fatalf("zooming out did not zoom out: names at %.1f px", s)
	}
	p.key("0")
	if s := p.nameSize("Fn0"); s < 10.95 {
		t.Fatalf("after 0, block names are %.1f px on the screen", s)
	}
}

// A one-block design at Fit is drawn at its size, not blown up.
func TestFitDoesNotBlowUpASmallDesign(t *testing.T) {
	a := newApp(t)
	_, key := a.create(t, `{"format":"archlab/v1","title":"One","blocks":[{"id":"Fn","kind":"lambda","x":40,"y":40}]}`)
	p := open(t, a, "/d/"+key+"/")
	p.do(chromedp.WaitVisible(`[data-block-id="Fn"]`), chromedp.Click(`[data-action="fit"]`))
	if s := p.scale(); s > 1.001 {
		t.Fatalf("one block at Fit is drawn at %.2f times its size", s)
	}
	if b := p.rect(`[data-block-id="Fn"] .block-body`); b.W > 169 {
		t.Fatalf("the block is %.0f px wide on the screen; it is 168 px", b.W)
	}
	p.inView("Fn")
}

// Ctrl+wheel (and a pinch, which browsers report as one) zooms towards
// the pointer: the point under it stays put. The + key zooms in too.
func TestWheelZoomsAroundThePointer(t *testing.T) {
	a := newApp(t)
	_, key := a.create(t, gridDesign(12))
	p := open(t, a, "/d/"+key+"/")
	p.do(chromedp.WaitVisible(`[data-block-id="Fn2"]`))
	before := p.rect(`[data-block-id="Fn2"] .block-body`)
	// A point inside the block, a quarter of the way in.
	x, y := before.X+before.W/4, before.Y+before.H/4
	s0 := p.scale()
	p.do(chromedp.MouseEvent(input.DispatchMouseEventTypeMouseWheel, x, y, func(e *input.DispatchMouseEventParams) {
		e.DeltaX, e.DeltaY = 0.01, -240 // 0 would be left out, and refused
		e.Modifiers = int64(kb.ModifierCtrl)
	}))
	p.until(fmt.Sprintf(`document.querySelector("#diagram").getScreenCTM().a > %f`, s0*1.1))
	after := p.rect(`[data-block-id="Fn2"] .block-body`)
	if after.W <= before.W*1.1 {
		t.Fatalf("the block did not grow: %.0f px then %.0f px wide", before.W, after.W)
	}
	// The same point of the block is still under the pointer.
	ax, ay := after.X+after.W/4, after.Y+after.H/4
	if math.Abs(ax-x) > 3 || math.Abs(ay-y) > 3 {
		t.Fatalf("the point under the pointer moved from (%.0f, %.0f) to (%.0f, %.0f)", x, y, ax, ay)
	}
	s1 := p.scale()
	p.key("+")
	s2 := p.scale()
	if s2 <= s1 {
		t.Fatalf("+ did not zoom in: %.2f then %.2f", s1, s2)
	}
	p.key("-")
	if s := p.scale(); s >= s2 {
		t.Fatalf("- did not zoom out: %.2f then %.2f", s2, s)
	}
}

// Dragging empty canvas pans the diagram; so does dragging a block with
// Space held, which leaves the block where it was.
func TestDragOnEmptyCanvasPans(t *testing.T) {
	a := newApp(t)
	_, key := a.create(t, gridDesign(12))
	p := open(t, a, "/d/"+key+"/")
	p.do(chromedp.WaitVisible(`[data-block-id="Fn0"]`))
	v := p.version()
	before := p.rect(`[data-block-id="Fn0"] .block-body`)
	// Empty canvas: below the blocks.
	x, y := before.X+before.W/2, before.Y+before.H*3.2
	p.drag(x, y, x+120, y+60)
	after := p.rect(`[data-block-id="Fn0"] .block-body`)
	if math.Abs(after.X-before.X-120) > 3 || math.Abs(after.Y-before.Y-60) > 3 {
		t.Fatalf("dragging the canvas by (120, 60) moved the drawing from %+v to %+v", before, after)
	}
	// Space held: a drag that starts on a block pans too, the block and
	// its neighbour alike.
	before, other := after, p.rect(`[data-block-id="Queue1"] .block-body`)
	p.spaceDown(true)
	cx, cy := p.center(`[data-block-id="Fn0"] .block-body`)
	p.drag(cx, cy, cx+80, cy+40)
	p.spaceDown(false)
	after, otherAfter := p.rect(`[data-block-id="Fn0"] .block-body`), p.rect(`[data-block-id="Queue1"] .block-body`)
	if math.Abs(after.X-before.X-80) > 3 || math.Abs(after.Y-before.Y-40) > 3 || math.Abs(otherAfter.X-other.X-80) > 3 || math.Abs(otherAfter.Y-other.Y-40) > 3 {
		t.Fatalf("dragging with Space held by (80, 40) moved Fn0 from %+v to %+v and Queue1 from %+v to %+v", before, after, other, otherAfter)
	}
	time.Sleep(300 * time.Millisecond) // a move would be saved by now
	if d := a.design(t, p.designID()); d.Version != v {
		t.Fatalf("panning saved a change: version %d, was %d", d.Version, v)
	}
}

// spaceDown presses or releases the space bar.
func (p page) spaceDown(down bool) {
	p.t.Helper()
	typ := kb.KeyUp
	if down {
		typ = kb.KeyDown
	}
	p.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, input.DispatchKeyEvent, input.DispatchKeyEventParams{Type: typ, Key: " ", Code: "Space", WindowsVirtualKeyCode: 32, NativeVirtualKeyCode: 32})
		return err
	}))
}

// designID is the id of the design the editor shows.
func (p page) designID() string {
	return eval[string](p, `document.querySelector(".editor").dataset.designId`)
}
