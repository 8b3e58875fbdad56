package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/archlab/archlab/internal/browsertest"
)

const wait = 15 * time.Second

// page is one browser tab on the editor.
type page struct {
	t   *testing.T
	ctx context.Context
}

func (p page) do(steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	browsertest.Do(p.t, p.ctx, wait, steps...)
}

// eval runs JavaScript and returns its value.
func eval[T any](p page, js string) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, wait)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// until waits for a JavaScript condition to hold.
func (p page) until(js string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, wait)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		p.t.Fatalf("waiting for %s: %v\nstatus: %s", js, err, p.status())
	}
}

func (p page) status() string {
	ctx, cancel := context.WithTimeout(p.ctx, 2*time.Second)
	defer cancel()
	s, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector("#status")||{}).textContent||""`))
	return strings.TrimSpace(s)
}

// settled waits until htmx has no request, swap or settle under way.
func (p page) settled() {
	p.t.Helper()
	p.until(`!document.querySelector(".htmx-request, .htmx-swapping, .htmx-settling, .htmx-added")`)
}

// version is the version the status line shows.
func (p page) version() int {
	return eval[int](p, `Number(document.querySelector("#status").dataset.version)`)
}

// saved waits until the editor has saved version v.
func (p page) saved(v int) {
	p.t.Helper()
	p.until(fmt.Sprintf(`document.querySelector("#status").dataset.version == %d && document.querySelector("#status").dataset.state == "saved"`, v))
}

// center returns the centre of an element in page coordinates.
func (p page) center(sel string) (float64, float64) {
	p.t.Helper()
	xy := eval[[]float64](p, fmt.Sprintf(`(() => { const r = document.querySelector(%q).getBoundingClientRect(); return [r.x + r.width/2, r.y + r.height/2]; })()`, sel))
	return xy[0], xy[1]
}

// held presses the left button through a mouse move, as a drag does.
func held(e *input.DispatchMouseEventParams) {
	e.Button = input.MouseButtonLeft
	e.Buttons = 1
}

// drag moves the mouse from one point to another with the button held,
// in steps, so that the page sees pointer moves.
func (p page) drag(x1, y1, x2, y2 float64) {
	p.t.Helper()
	steps := []chromedp.Action[chromedp.Void]{
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x1, y1),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, x1, y1, held, chromedp.ClickCount(1)),
	}
	for i := 1; i <= 8; i++ {
		f := float64(i) / 8
		steps = append(steps, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x1+(x2-x1)*f, y1+(y2-y1)*f, held))
	}
	steps = append(steps, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, x2, y2, held, chromedp.ClickCount(1)))
	p.do(steps...)
}

// unfocus leaves the focus on the page itself, as after a click on
// nothing in particular, so that the next keys are the editor's shortcuts.
func (p page) unfocus() {
	p.t.Helper()
	eval[bool](p, `(document.activeElement && document.activeElement.blur(), true)`)
}

// key presses keys, optionally with modifiers.
func (p page) key(keys string, mods ...chromedp.Modifier) {
	p.t.Helper()
	if len(mods) > 0 {
		p.do(chromedp.KeyEvent(keys, chromedp.KeyModifiers(mods...)))
		return
	}
	p.do(chromedp.KeyEvent(keys))
}

// addFromPalette clicks a kind in the palette and waits for the block.
func (p page) addFromPalette(kind, wantID string) {
	p.t.Helper()
	v := p.version()
	p.do(chromedp.Click(fmt.Sprintf(`.palette [data-add-kind=%q]`, kind)))
	p.saved(v + 1)
	p.do(chromedp.WaitVisible(fmt.Sprintf(`[data-block-id=%q]`, wantID)))
}

// connectByDragging drags from a block's handle onto another block, picks
// an integration when the dialog asks, and waits for the connection.
func (p page) connectByDragging(from, to, integration string) {
	p.t.Helper()
	v := p.version()
	x1, y1 := p.center(fmt.Sprintf(`[data-block-id=%q] .handle`, from))
	x2, y2 := p.center(fmt.Sprintf(`[data-block-id=%q] .block-body`, to))
	p.drag(x1, y1, x2, y2)
	if integration != "" {
		p.do(chromedp.WaitVisible(`#connect-dialog[open] .connect-form`))
		p.do(chromedp.Click(fmt.Sprintf(`#connect-dialog input[name="integration"][value=%q]`, integration)),
			chromedp.Click(`#connect-dialog [data-testid="connect-submit"]`))
	}
	p.saved(v + 1)
	p.until(fmt.Sprintf(`!!document.querySelector('[data-from=%q][data-to=%q]')`, from, to))
}

// findings lists the rule ids the findings panel shows.
func (p page) findings() []string {
	return eval[[]string](p, `Array.from(document.querySelectorAll("#findings [data-rule]")).map(f => f.dataset.rule)`)
}

var _ = kb.Enter
