package e2e

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/archlab/archlab/internal/browsertest"
)

// open starts a browser on a path of the app. With ARCHLAB_E2E_CONSOLE=1
// the page's console and uncaught exceptions are logged, for debugging.
func open(t *testing.T, a *app, path string) page {
	t.Helper()
	p := page{t: t, ctx: browsertest.New(t)}
	if os.Getenv("ARCHLAB_E2E_CONSOLE") == "1" {
		chromedp.Listen(p.ctx, func(ev any) {
			switch e := ev.(type) {
			case *runtime.EventConsoleAPICalled:
				for _, arg := range e.Args {
					t.Logf("console %s: %s %s", e.Type, arg.Value, arg.Description)
				}
			case *runtime.EventExceptionThrown:
				t.Logf("exception: %s %v", e.ExceptionDetails.Text, e.ExceptionDetails.Exception)
			}
		})
	}
	p.do(chromedp.EmulateViewport(1440, 900), chromedp.Navigate(a.URL+path), chromedp.WaitReady(`body`))
	return p
}

// Test 1: build the design with the mouse, see the visibility
// finding appear, fix it with one click, and find it still fixed after a
// reload.
func TestBuildFixAndReload(t *testing.T) {
	a := newApp(t)
	p := open(t, a, "/")
	p.do(chromedp.Click(`[data-testid="new-design"]`), chromedp.WaitVisible(`[data-testid="canvas"]`))
	p.saved(1)

	p.addFromPalette("apigateway-rest", "RestApi")
	p.addFromPalette("lambda", "Function")
	p.addFromPalette("lambda", "Function2")
	p.addFromPalette("sqs", "Queue")

	p.connectByDragging("RestApi", "Function", "invoke")
	p.connectByDragging("Function", "Queue", "sdk")
	p.connectByDragging("Queue", "Function2", "") // one way only: connects at once

	// Set the consumer's Timeout to 60 in the inspector.
	v := p.version()
	p.do(chromedp.Click(`[data-block-id="Function2"] .block-body`), chromedp.WaitVisible(`#inspector[data-id="Function2"] #prop-Timeout`))
	p.settled()
	p.do(chromedp.SetValue(`#prop-Timeout`, "60"), chromedp.Evaluate[chromedp.Void](`document.querySelector("#prop-Timeout").dispatchEvent(new Event("change", {bubbles: true}))`))
	p.saved(v + 1)

	p.until(`!!document.querySelector('#findings [data-rule="sqs-visibility-below-timeout"]')`)
	msg := eval[string](p, `document.querySelector('#findings [data-rule="sqs-visibility-below-timeout"] .finding-message').textContent`)
	if !strings.Contains(msg, "VisibilityTimeout 30 s (the default) is less than Function2's Timeout 60 s") {
		t.Fatalf("finding message = %q", msg)
	}
	// The block carries a badge, and its accessible name counts it.
	label := eval[string](p, `document.querySelector('[data-block-id="Queue"]').getAttribute("aria-label")`)
	if !strings.Contains(label, "finding") || !strings.Contains(label, "error") {
		t.Fatalf("the queue's label does not mention its findings: %q", label)
	}

	v = p.version()
	p.do(chromedp.Click(`#findings [data-rule="sqs-visibility-below-timeout"] [data-testid="fix"]`))
	p.saved(v + 1)
	p.until(`!document.querySelector('#findings [data-rule^="sqs-visibility"]')`)

	p.do(chromedp.Reload(), chromedp.WaitVisible(`[data-block-id="Queue"]`))
	if got := p.findings(); slices.Contains(got, "sqs-visibility-below-timeout") || slices.Contains(got, "sqs-visibility-6x") {
		t.Fatalf("after a reload the visibility finding is back: %v", got)
	}
	id := eval[string](p, `document.querySelector(".editor").dataset.designId`)
	d := a.design(t, id)
	if vis, _ := d.Block("Queue").Props.Number("VisibilityTimeout"); vis != 360 {
		t.Fatalf("stored VisibilityTimeout = %v, want 360 (6 × 60 s)", vis)
	}
	if len(d.Connections) != 3 || len(d.Blocks) != 4 {
		t.Fatalf("stored design has %d blocks and %d connections", len(d.Blocks), len(d.Connections))
	}
}

// Test 2: a dragged block keeps its place after a reload.
func TestDraggedBlockKeepsItsPlace(t *testing.T) {
	a := newApp(t)
	id, key := a.create(t, `{"format":"archlab/v1","title":"Drag","blocks":[
		{"id":"Fn","kind":"lambda","x":80,"y":80,"props":{"Timeout":10}},{"id":"Jobs","kind":"sqs","x":400,"y":80}]}`)
	p := open(t, a, "/d/"+key)
	p.do(chromedp.WaitVisible(`[data-block-id="Fn"]`))
	x, y := p.center(`[data-block-id="Fn"] .block-body`)
	p.drag(x, y, x+150, y+120)
	p.saved(2)
	p.do(chromedp.Reload(), chromedp.WaitVisible(`[data-block-id="Fn"]`))
	b := a.design(t, id).Block("Fn")
	if b.X <= 80 || b.Y <= 80 || int(b.X)%8 != 0 || int(b.Y)%8 != 0 {
		t.Fatalf("stored position %v,%v: not moved right and down, or off the grid", b.X, b.Y)
	}
	got := eval[string](p, `document.querySelector('[data-block-id="Fn"]').getAttribute("transform")`)
	if want := fmt.Sprintf("translate(%d %d)", int(b.X), int(b.Y)); got != want {
		t.Fatalf("after reload the block is at %q, want %q", got, want)
	}
}

// Test 3: undo and redo, with the buttons and the keys, across a reload.
func TestUndoRedo(t *testing.T) {
	a := newApp(t)
	id, key := a.create(t, `{"format":"archlab/v1","title":"Undo","blocks":[{"id":"Fn","kind":"lambda","x":80,"y":80}]}`)
	p := open(t, a, "/d/"+key)
	p.addFromPalette("sqs", "Queue")
	p.do(chromedp.Click(`[data-action="undo"]`))
	p.saved(3)
	p.until(`!document.querySelector('[data-block-id="Queue"]')`)
	p.do(chromedp.Click(`[data-action="redo"]`))
	p.saved(4)
	p.until(`!!document.querySelector('[data-block-id="Queue"]')`)

	// The history survives a reload: Ctrl+Z still undoes the redo.
	p.do(chromedp.Reload(), chromedp.WaitVisible(`[data-block-id="Queue"]`))
	p.unfocus()
	p.key("z", chromedp.ModifierCtrl)
	p.saved(5)
	p.until(`!document.querySelector('[data-block-id="Queue"]')`)
	p.key("z", chromedp.ModifierCtrl|chromedp.ModifierShift)
	p.saved(6)
	if a.design(t, id).Block("Queue") == nil {
		t.Fatal("Shift+Ctrl+Z did not bring the queue back")
	}
}

// Test 4: the same design as test 1, built with the keyboard alone.
func TestKeyboardOnly(t *testing.T) {
	a := newApp(t)
	id, key := a.create(t, "")
	p := open(t, a, "/d/"+key)
	p.do(chromedp.WaitVisible(`[data-testid="canvas"]`))
	add := func(filter, want string) {
		v := p.version()
		p.key("a")
		p.key(filter)
		p.key(kb.Enter)
		p.saved(v + 1)
		p.until(fmt.Sprintf(`document.activeElement && document.activeElement.dataset.blockId == %q`, want))
	}
	add("REST", "RestApi")
	add("lambda", "Function")
	add("sqs queue", "Queue")
	add("lambda", "Function2")

	// Shift+Tab walks back through the blocks; Enter selects; C connects.
	focusBlock := func(id string) {
		for i := 0; i < 8; i++ {
			if eval[string](p, `(document.activeElement && document.activeElement.dataset.blockId) || ""`) == id {
				p.key(kb.Enter)
				p.until(fmt.Sprintf(`document.querySelector("#inspector").dataset.id == %q`, id))
				return
			}
			p.key(kb.Tab, chromedp.ModifierShift)
		}
		t.Fatalf("could not reach %s with Shift+Tab", id)
	}
	connect := func(from, typeahead, to string) {
		focusBlock(from)
		v := p.version()
		p.key("c")
		p.do(chromedp.WaitVisible(`#connect-dialog[open] #connect-target`))
		// Type-ahead picks the target, unless it is already the one shown
		// (Chrome's type-ahead starts after the current option).
		if eval[string](p, `document.querySelector("#connect-target").value`) != to {
			p.key(typeahead)
		}
		p.until(fmt.Sprintf(`document.querySelector("#connect-target").value == %q`, to))
		p.key(kb.Tab) // to the checked integration
		p.key(kb.Tab) // to Connect
		p.key(kb.Enter)
		p.saved(v + 1)
		p.until(fmt.Sprintf(`!!document.querySelector('[data-from=%q][data-to=%q]')`, from, to))
		// Back to the last block for the next walk.
		p.do(chromedp.Focus(`[data-block-id="Function2"]`))
	}
	connect("RestApi", "Function", "Function")
	connect("Function", "Queue", "Queue")
	connect("Queue", "Function2", "Function2")

	// Select the consumer, go to its Timeout and type 60.
	focusBlock("Function2")
	p.key(kb.F2)
	p.until(`document.activeElement.id == "block-name"`)
	for i := 0; i < 10 && eval[string](p, `document.activeElement.id`) != "prop-Timeout"; i++ {
		p.key(kb.Tab)
	}
	v := p.version()
	p.key("60")
	p.key(kb.Tab)
	p.saved(v + 1)
	p.until(`!!document.querySelector('#findings [data-rule="sqs-visibility-below-timeout"]')`)

	// F goes to the fix of a finding; Enter applies it.
	p.do(chromedp.Focus(`[data-block-id="Queue"]`))
	p.key(kb.Enter)
	p.until(`document.querySelector("#inspector").dataset.id == "Queue"`)
	p.do(chromedp.Focus(`[data-block-id="Queue"]`))
	v = p.version()
	p.key("f")
	p.until(`document.activeElement && document.activeElement.matches("[data-fix]")`)
	p.key(kb.Enter)
	p.saved(v + 1)
	p.until(`!document.querySelector('#findings [data-rule^="sqs-visibility"]')`)

	d := a.design(t, id)
	if len(d.Blocks) != 4 || len(d.Connections) != 3 {
		t.Fatalf("keyboard design has %d blocks, %d connections", len(d.Blocks), len(d.Connections))
	}
	if vis, _ := d.Block("Queue").Props.Number("VisibilityTimeout"); vis != 360 {
		t.Fatalf("VisibilityTimeout = %v, want 360", vis)
	}
}

// Test 5: the view link shows no edit controls, and a write with the view
// id is refused.
func TestViewLinkIsReadOnly(t *testing.T) {
	a := newApp(t)
	id, _ := a.create(t, `{"format":"archlab/v1","title":"Look","blocks":[
		{"id":"Jobs","kind":"sqs"},{"id":"Fn","kind":"lambda","x":300,"props":{"Timeout":60}}],
		"connections":[{"id":"c1","from":"Jobs","to":"Fn"}]}`)
	p := open(t, a, "/v/"+id)
	p.do(chromedp.WaitVisible(`[data-block-id="Fn"]`))
	counts := eval[[]int](p, `[".palette", ".handle", "[data-fix]", "[data-delete]", "[data-action=undo]"].map(s => document.querySelectorAll(s).length)`)
	if !slices.Equal(counts, []int{0, 0, 0, 0, 0}) {
		t.Fatalf("edit controls on the view page (palette, handles, fixes, delete, undo): %v", counts)
	}
	if eval[int](p, `document.querySelectorAll("#findings [data-rule]").length`) == 0 {
		t.Fatal("the view page shows no findings")
	}
	p.do(chromedp.Click(`[data-block-id="Fn"] .block-body`))
	p.until(`document.querySelector("#inspector").dataset.id == "Fn"`)
	if !eval[bool](p, `document.querySelector("#inspector fieldset").disabled`) {
		t.Fatal("the inspector of the view page can be edited")
	}
	status := eval[int](p, fmt.Sprintf(`fetch("/api/v1/designs/%s/ops", {method: "POST", headers: {"Authorization": "Bearer %s", "Content-Type": "application/json"},
		body: JSON.stringify({baseVersion: 1, ops: [{op: "setTitle", title: "changed"}]})}).then(r => r.status)`, id, id))
	if status != 403 {
		t.Fatalf("a write with the view id answered %d, want 403", status)
	}
	status = eval[int](p, fmt.Sprintf(`fetch("/v/%s/ops", {method: "POST", body: "{}"}).then(r => r.status)`, id))
	if status < 400 {
		t.Fatalf("posting edits to the view link answered %d", status)
	}
	if d := a.design(t, id); d.Version != 1 || d.Title != "Look" {
		t.Fatal("the design changed through its view link")
	}
}

// Test 6: a bad property value shows an inline error and keeps the input.
func TestBadValueShowsInlineErrorAndKeepsInput(t *testing.T) {
	a := newApp(t)
	id, key := a.create(t, `{"format":"archlab/v1","title":"Typo","blocks":[{"id":"Fn","kind":"lambda","props":{"Timeout":10}}]}`)
	p := open(t, a, "/d/"+key+"?select=Fn")
	p.do(chromedp.WaitVisible(`#inspector[data-id="Fn"] #prop-Timeout`))
	p.do(chromedp.SetValue(`#prop-Timeout`, "thirty"), chromedp.Evaluate[chromedp.Void](`document.querySelector("#prop-Timeout").dispatchEvent(new Event("change", {bubbles: true}))`))
	p.until(`!!document.querySelector('[data-prop="Timeout"] .field-error')`)
	errText := eval[string](p, `document.querySelector('[data-prop="Timeout"] .field-error').textContent`)
	if !strings.Contains(errText, "must be a number") {
		t.Fatalf("inline error = %q", errText)
	}
	if got := eval[string](p, `document.querySelector("#prop-Timeout").value`); got != "thirty" {
		t.Fatalf("the typed value was replaced by %q", got)
	}
	// The field's change may be sent twice (typing, then the change event),
	// so wait for the status line to settle on the refusal.
	p.until(`(s => s.startsWith("⚠") || s.includes("Not saved"))(document.querySelector("#status").textContent)`)
	if d := a.design(t, id); d.Version != 1 {
		t.Fatal("a refused value changed the design")
	}
	// Correcting it saves.
	p.do(chromedp.SetValue(`#prop-Timeout`, "30"), chromedp.Evaluate[chromedp.Void](`document.querySelector("#prop-Timeout").dispatchEvent(new Event("change", {bubbles: true}))`))
	p.saved(2)
	if v, _ := a.design(t, id).Block("Fn").Props.Number("Timeout"); v != 30 {
		t.Fatalf("Timeout = %v after the correction", v)
	}
}
