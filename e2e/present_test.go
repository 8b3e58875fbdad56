package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Folding the palette and the sidebar away gives their room to the
// canvas; the buttons say whether each is shown, and the editor remembers
// it on the next visit.
func TestPaletteAndSidebarCollapse(t *testing.T) {
	a := newApp(t)
	_, key := a.create(t, gridDesign(12))
	p := open(t, a, "/d/"+key+"/")
	p.do(chromedp.WaitVisible(`[data-block-id="Fn0"]`))
	canvas := p.rect(`[data-testid="canvas"]`)
	for _, part := range []struct{ button, panel string }{{"palette", ".palette"}, {"sidebar", ".sidebar"}} {
		sel := `[data-action="toggle-` + part.button + `"]`
		if got := eval[string](p, `document.querySelector('`+sel+`').getAttribute("aria-expanded")`); got != "true" {
			t.Fatalf("the %s button says aria-expanded=%q while it shows", part.button, got)
		}
		p.do(chromedp.Click(sel))
		if got := eval[string](p, `document.querySelector('`+sel+`').getAttribute("aria-expanded")`); got != "false" {
			t.Fatalf("the %s button says aria-expanded=%q once folded", part.button, got)
		}
		if p.seen(part.panel) {
			t.Fatalf("the %s still shows once folded", part.button)
		}
		wider := p.rect(`[data-testid="canvas"]`)
		if wider.W < canvas.W+150 {
			t.Fatalf("folding the %s: the canvas went from %.0f to %.0f px wide", part.button, canvas.W, wider.W)
		}
		canvas = wider
	}
	if canvas.W < 1400 {
		t.Fatalf("with both folded the canvas is %.0f px of the window's 1440", canvas.W)
	}
	// Remembered.
	p.do(chromedp.Reload(), chromedp.WaitVisible(`[data-block-id="Fn0"]`))
	if p.seen(".palette") || p.seen(".sidebar") {
		t.Fatal("after a reload the folded palette or sidebar shows again")
	}
	p.do(chromedp.Click(`[data-action="toggle-palette"]`), chromedp.Click(`[data-action="toggle-sidebar"]`))
	if !p.seen(`.palette [data-add-kind="lambda"]`) || !p.seen(`.findings-bar`) {
		t.Fatal("opening the palette and sidebar again does not show them")
	}
}

// Presenting (P, or the button) shows the diagram alone, filling the
// window, fitted; Esc or P again leaves it.
func TestPresentationMode(t *testing.T) {
	a := newApp(t)
	_, key := a.create(t, gridDesign(12))
	p := open(t, a, "/d/"+key+"/")
	p.do(chromedp.WaitVisible(`[data-block-id="Fn0"]`))
	for _, how := range []string{"key", "button"} {
		if how == "key" {
			p.key("p")
		} else {
			p.do(chromedp.Click(`[data-action="present"]`))
		}
		p.until(`document.querySelector(".editor").classList.contains("presenting")`)
		p.until(`document.querySelector("#diagram").getBoundingClientRect().width >= innerWidth - 1`)
		d := p.rect(`#diagram`)
		if d.X > 1 || d.Y > 1 || d.W < 1439 || d.H < 899 {
			t.Fatalf("presenting (%s), the diagram is at %+v, not the whole 1440×900 window", how, d)
		}
		for _, chrome := range []string{".site-header", ".editor-bar", ".toolbar", ".palette", ".sidebar", ".legend", ".findings-bar"} {
			if p.seen(chrome) {
				t.Fatalf("presenting (%s), %s shows", how, chrome)
			}
		}
		if !p.seen(`[data-block-id="Fn0"] .block-body`) {
			t.Fatalf("presenting (%s), the diagram's first block is not in view", how)
		}
		if s := p.nameSize("Fn0"); s < 10.95 {
			t.Fatalf("presenting, names are %.1f px", s)
		}
		if how == "key" {
			p.key(kb.Escape)
		} else {
			p.key("p")
		}
		p.until(`!document.querySelector(".editor").classList.contains("presenting")`)
		if !p.seen(".toolbar") || !p.seen(".palette") || !p.seen(".findings-bar") {
			t.Fatalf("after presenting (%s), the toolbar, palette or findings do not show", how)
		}
	}
}
