package e2e

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// focused describes the focused element: its skip link text, block or
// connection id.
func (p page) focused() string {
	return eval[string](p, `(() => { const a = document.activeElement; if (!a) return "";
		return a.dataset.blockId ? "block " + a.dataset.blockId : a.dataset.connectionId ? "conn " + a.dataset.connectionId :
			a.tagName + " " + (a.textContent || "").trim().slice(0, 40); })()`)
}

// The editor's first two Tab stops are skip links, shown when focused:
// to the diagram, whose blocks come before its connections, and to the
// findings.
func TestSkipLinksAndTabOrder(t *testing.T) {
	a := newApp(t)
	_, key := a.create(t, gridDesign(4))
	p := open(t, a, "/d/"+key+"/")
	p.do(chromedp.WaitVisible(`[data-block-id="Fn0"]`))
	for _, want := range []string{"A Skip to diagram", "A Skip to findings"} {
		p.key(kb.Tab)
		if got := p.focused(); got != want {
			t.Fatalf("Tab focused %q, want %q", got, want)
		}
		r := p.rect(":focus")
		if r.W < 20 || r.H < 10 || r.X < 0 || r.Y < 0 || r.right() > 1440 || !p.seen(":focus") {
			t.Fatalf("the focused skip link %q is not visible: %+v", want, r)
		}
	}
	// Skip to findings puts the focus on the findings bar.
	p.key(kb.Enter)
	p.until(`document.activeElement && document.activeElement.matches(".findings-bar")`)

	// Back to the first link; Enter skips to the diagram, then Tab walks
	// the blocks first, then the connections.
	p.do(chromedp.Evaluate[chromedp.Void](`document.activeElement.blur(); document.querySelector(".skip-link").focus()`))
	p.key(kb.Enter)
	time.Sleep(100 * time.Millisecond)
	var got []string
	for range 6 {
		p.key(kb.Tab)
		got = append(got, p.focused())
	}
	want := []string{"block Fn0", "block Queue1", "block Fn2", "block Queue3", "conn c1", "conn c3"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("Tab from Skip to diagram went %q, want %q", got, want)
	}
	// And back with Shift+Tab.
	p.key(kb.Tab, chromedp.ModifierShift)
	p.key(kb.Tab, chromedp.ModifierShift)
	if got := p.focused(); got != "block Queue3" {
		t.Fatalf("Shift+Tab from the first connection went to %q, want the last block", got)
	}
	// Past the last connection, Tab leaves the diagram.
	for range 3 {
		p.key(kb.Tab)
	}
	if got := p.focused(); got == "block Fn0" || eval[bool](p, `!!document.activeElement.closest("#diagram")`) {
		t.Fatalf("Tab past the last connection stayed in the diagram: %q", got)
	}
}
