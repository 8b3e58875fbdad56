package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// look is how a button looks: its opacity and the cursor over it.
type look struct {
	Opacity float64
	Cursor  string
}

func (p page) look(sel string) look {
	p.t.Helper()
	style := fmt.Sprintf(`getComputedStyle(document.querySelector(%q))`, sel)
	return look{Opacity: eval[float64](p, "Number("+style+".opacity)"), Cursor: eval[string](p, style+".cursor")}
}

// lookDisabled fails the test unless the disabled button is faded and
// says it cannot be used, next to an enabled one that is not.
func (p page) lookDisabled(disabled, enabled string) {
	p.t.Helper()
	d, e := p.look(disabled), p.look(enabled)
	if d.Opacity > 0.6 || e.Opacity < 0.99 || d.Cursor != "not-allowed" || e.Cursor == "not-allowed" {
		p.t.Fatalf("disabled %s looks %+v, enabled %s looks %+v", disabled, d, enabled, e)
	}
}

// Disabled buttons look disabled: the toolbar's Undo before any edit, and
// Connect in the connect dialog when the two blocks cannot be connected.
func TestDisabledButtonsLookDisabled(t *testing.T) {
	a := newApp(t)
	_, key := a.create(t, `{"format":"archlab/v1","title":"Off","blocks":[
		{"id":"Table","kind":"dynamodb","x":40,"y":40},{"id":"Api","kind":"apigateway-http","x":400,"y":40}]}`)
	p := open(t, a, "/d/"+key+"/?select=Table")
	p.do(chromedp.WaitVisible(`#inspector[data-id="Table"]`))
	if !eval[bool](p, `document.querySelector('[data-action="undo"]').disabled`) {
		t.Fatal("Undo is enabled before any edit")
	}
	p.lookDisabled(`[data-action="undo"]`, `[data-action="fit"]`)

	p.do(chromedp.Focus(`[data-block-id="Table"]`))
	p.key("c")
	p.do(chromedp.WaitVisible(`#connect-dialog[open] #connect-target`))
	p.until(`document.querySelector('#connect-dialog [data-testid="connect-submit"]').disabled`)
	p.lookDisabled(`#connect-dialog [data-testid="connect-submit"]`, `#connect-dialog [data-close-dialog]`)
}
