package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// groupBox is the on-screen box of a group.
func (p page) groupBox(id string) box {
	p.t.Helper()
	return p.rect(fmt.Sprintf(`[data-group-id=%q] .group-box`, id))
}

func (p page) blockBox(id string) box {
	p.t.Helper()
	return p.rect(fmt.Sprintf(`[data-block-id=%q] .block-body`, id))
}

// encloses fails the test unless the group's box holds each block's box
// on the screen.
func (p page) encloses(group string, blocks ...string) {
	p.t.Helper()
	g := p.groupBox(group)
	for _, b := range blocks {
		if r := p.blockBox(b); !r.inside(g) {
			p.t.Fatalf("group %s %+v does not enclose %s %+v", group, g, b, r)
		}
	}
}

// Two blocks picked (click, then Shift+click) become a VPC named Private
// with the Group button; its box encloses both on the screen, follows a
// member that is dragged, moves them both when its title is dragged, and
// undo takes it all back.
func TestGroupFromTheSelection(t *testing.T) {
	a := newApp(t)
	_, key := a.create(t, `{"format":"archlab/v1","title":"Groups","blocks":[
		{"id":"Worker","kind":"lambda","x":80,"y":200},
		{"id":"Store","kind":"dynamodb","x":360,"y":200},
		{"id":"Api","kind":"apigateway-http","x":80,"y":40}]}`)
	p := open(t, a, "/d/"+key+"/")
	p.do(chromedp.WaitVisible(`[data-block-id="Worker"]`))
	outside := p.blockBox("Api")

	x, y := p.center(`[data-block-id="Worker"] .block-body`)
	p.do(chromedp.MouseClickXY(x, y))
	p.until(`document.querySelector('[data-block-id="Worker"]').classList.contains("selected")`)
	x, y = p.center(`[data-block-id="Store"] .block-body`)
	p.do(chromedp.MouseClickXY(x, y, chromedp.ButtonModifiers(chromedp.ModifierShift)))
	p.until(`document.querySelector('[data-block-id="Store"]').classList.contains("picked")`)

	p.do(chromedp.Click(`[data-action="group"]`))
	p.do(chromedp.WaitVisible(`#group-dialog[open]`))
	p.do(chromedp.SetValue(`#group-kind`, "vpc"),
		chromedp.SendKeys(`#group-name`, "Private"),
		chromedp.Click(`#group-dialog [data-testid="group-submit"]`))
	p.saved(2)
	p.do(chromedp.WaitVisible(`[data-group-id] .group-box`))
	id := eval[string](p, `document.querySelector("[data-group-id]").dataset.groupId`)
	if k := eval[string](p, `document.querySelector("[data-group-id]").dataset.kind`); k != "vpc" {
		t.Fatalf("the group is a %q, want a vpc", k)
	}
	if title := eval[string](p, `document.querySelector(".group-title").textContent`); title != "VPC · Private" {
		t.Fatalf("the group's title is %q", title)
	}
	p.encloses(id, "Worker", "Store")
	if g := p.groupBox(id); outside.overlaps(g) {
		t.Fatalf("the group %+v covers Api %+v, which is not in it", g, outside)
	}

	// Drag a member down: the box follows it.
	x, y = p.center(`[data-block-id="Store"] .block-body`)
	p.drag(x, y, x, y+160)
	p.saved(3)
	p.encloses(id, "Worker", "Store")

	// Drag the group by its title: both members move, as one edit.
	w0, s0 := p.blockBox("Worker"), p.blockBox("Store")
	x, y = p.center(fmt.Sprintf(`[data-group-id=%q] .group-band`, id))
	p.drag(x, y, x+120, y+40)
	p.saved(4)
	w1, s1 := p.blockBox("Worker"), p.blockBox("Store")
	if w1.X-w0.X < 60 || s1.X-s0.X < 60 || abs(w1.X-w0.X-(s1.X-s0.X)) > 1 || abs(w1.Y-w0.Y-(s1.Y-s0.Y)) > 1 {
		t.Fatalf("dragging the group moved Worker %+v→%+v and Store %+v→%+v; want both by the same distance", w0, w1, s0, s1)
	}
	p.encloses(id, "Worker", "Store")

	// Three undos: the group move, the member move, the group itself.
	for v := 5; v <= 7; v++ {
		p.do(chromedp.Click(`[data-action="undo"]`))
		p.saved(v)
	}
	if n := eval[int](p, `document.querySelectorAll("[data-group-id]").length`); n != 0 {
		t.Fatalf("after undo %d groups are drawn, want none", n)
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// The inspector's Group section: a group selected by its title is renamed
// there and a block taken out of it; a block's section adds it to a group.
func TestGroupInTheInspector(t *testing.T) {
	a := newApp(t)
	_, key := a.create(t, `{"format":"archlab/v1","title":"Groups","blocks":[
		{"id":"Worker","kind":"lambda","x":80,"y":200},
		{"id":"Store","kind":"dynamodb","x":360,"y":200},
		{"id":"Api","kind":"apigateway-http","x":80,"y":40}],
		"groups":[{"id":"Orders","kind":"context","name":"Orders","blocks":["Store","Worker"]}]}`)
	p := open(t, a, "/d/"+key+"/")
	p.do(chromedp.WaitVisible(`[data-group-id="Orders"] .group-band`))
	x, y := p.center(`[data-group-id="Orders"] .group-band`)
	p.do(chromedp.MouseClickXY(x, y))
	p.do(chromedp.WaitVisible(`#inspector[data-id="Orders"] [data-testid="group-section"]`))
	p.do(chromedp.SetValue(`#group-rename-name`, "Orders team"), chromedp.Click(`.group-rename button`))
	p.saved(2)
	p.until(`document.querySelector(".group-title").textContent == "Context · Orders team"`)

	p.do(chromedp.WaitVisible(`#inspector[data-id="Orders"]`))
	p.do(chromedp.Click(`#inspector [aria-label="Take Store out of the group"]`))
	p.saved(3)
	if m := eval[string](p, `document.querySelector('[data-group-id="Orders"]').dataset.members`); m != "Worker" {
		t.Fatalf("members after taking Store out: %q", m)
	}
	if r := p.blockBox("Store"); r.inside(p.groupBox("Orders")) {
		t.Fatal("the box still encloses Store")
	}

	// Select Api: its section offers the group; adding it grows the box.
	p.do(chromedp.Click(`[data-block-id="Api"] .block-body`))
	p.do(chromedp.WaitVisible(`#inspector[data-id="Api"] [data-testid="group-section"]`))
	p.do(chromedp.Click(`#inspector .group-join button`))
	p.saved(4)
	p.encloses("Orders", "Worker", "Api")

	// Delete the group from its inspector: its blocks stay.
	x, y = p.center(`[data-group-id="Orders"] .group-band`)
	p.do(chromedp.MouseClickXY(x, y))
	p.do(chromedp.WaitVisible(`#inspector[data-id="Orders"] [data-delete="Orders"]`))
	p.do(chromedp.Click(`#inspector [data-delete="Orders"]`))
	p.saved(5)
	if n := eval[int](p, `document.querySelectorAll("[data-group-id]").length + 10 * document.querySelectorAll("[data-block-id]").length`); n != 30 {
		t.Fatalf("after deleting the group: %d groups and %d blocks drawn, want 0 and 3", n%10, n/10)
	}
}
