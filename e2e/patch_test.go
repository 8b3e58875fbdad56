package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// A drag's answer is a patch of the diagram the editor applies in place:
// the drawing stays the same element, the moved block and its connection
// are drawn where the server draws them for the new version, and the
// selection stays marked.
func TestDragPatchesTheDiagram(t *testing.T) {
	a := newApp(t)
	id, key := a.create(t, `{"format":"archlab/v1","title":"Patch","blocks":[
		{"id":"Fn","kind":"lambda","x":80,"y":80,"props":{"Timeout":10}},{"id":"Jobs","kind":"sqs","x":400,"y":80},
		{"id":"Other","kind":"sqs","x":80,"y":400}],
		"connections":[{"id":"c1","from":"Jobs","to":"Fn","props":{"BatchSize":10}}]}`)
	p := open(t, a, "/d/"+key)
	p.do(chromedp.WaitVisible(`[data-block-id="Fn"]`))
	p.do(chromedp.Click(`[data-block-id="Fn"] .block-body`))
	p.until(`document.querySelector("#inspector").dataset.id == "Fn"`)
	eval[string](p, `document.querySelector("#diagram").dataset.mark = "before"`)
	x, y := p.center(`[data-block-id="Fn"] .block-body`)
	p.drag(x, y, x+150, y+120)
	p.saved(2)
	if got := eval[string](p, `document.querySelector("#diagram").dataset.mark || ""`); got != "before" {
		t.Fatal("the drag replaced the whole diagram instead of patching it")
	}
	b := a.design(t, id).Block("Fn")
	want := fmt.Sprintf("translate(%d %d)", int(b.X), int(b.Y))
	if got := eval[string](p, `document.querySelector('[data-block-id="Fn"]').getAttribute("transform")`); got != want {
		t.Fatalf("the block is at %q, want %q", got, want)
	}
	// The connection is as the server draws it for version 2.
	served := eval[string](p, `(async () => {
		const res = await fetch(location.pathname.replace(/\/$/, "") + "/state", { headers: { "HX-Request": "true" } });
		const t = document.createElement("template");
		t.innerHTML = await res.text();
		return t.content.querySelector('[data-connection-id="c1"] .conn-line').getAttribute("d");
	})()`)
	if got := eval[string](p, `document.querySelector('[data-connection-id="c1"] .conn-line').getAttribute("d")`); got != served {
		t.Errorf("the connection is drawn %q, the server draws %q", got, served)
	}
	if !eval[bool](p, `document.querySelector('[data-block-id="Fn"]').classList.contains("selected")`) {
		t.Error("the dragged block is no longer marked selected")
	}
}
