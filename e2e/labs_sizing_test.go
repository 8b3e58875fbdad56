package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestTraineeSizesACheckout: a trainee starts the flash-sale lab, whose
// design states its traffic. The heat view draws the checkout function
// over its limit (500 requests/s × 0.62 s = 310 concurrent of the 100
// reserved) and its goal is not met; the trainee raises the reserved
// concurrency to 400 in the inspector (310 of 400, 78%) and the goal turns
// green as they type, while the API's stage limit still holds one back.
func TestTraineeSizesACheckout(t *testing.T) {
	a := newApp(t)
	p := open(t, a, "/labs/flash-sale")
	p.do(chromedp.WaitVisible(`[data-testid="start-lab"]`), chromedp.Click(`[data-testid="start-lab"]`),
		chromedp.WaitVisible(`[data-testid="lab-panel"]`), chromedp.WaitVisible(`[data-block-id="Checkout"]`))
	p.settled()
	met := func(goal string) bool {
		return eval[bool](p, `document.querySelector('[data-goal="`+goal+`"]').dataset.met == "true"`)
	}
	if met("function-headroom") || met("api-lets-peak-through") || !met("budget") {
		t.Fatal("at the start the function or the API is sized, or the budget is not met")
	}
	p.do(chromedp.Click(`[data-action="heat"]`))
	p.until(`document.querySelector('[data-action="heat"]').getAttribute("aria-pressed") == "true"`)
	if got := eval[string](p, `document.querySelector('#diagram [data-block-id="Checkout"]').getAttribute("class")`); !strings.Contains(got, "heat-over") {
		t.Fatalf("checkout class = %q; want heat-over (310 of 100 reserved)", got)
	}

	p.do(chromedp.Navigate(eval[string](p, `location.href.split("?")[0]`)+"?select=Checkout"),
		chromedp.WaitVisible(`#inspector[data-id="Checkout"] #prop-ReservedConcurrentExecutions`))
	p.settled()
	v := p.version()
	p.do(chromedp.SetValue(`#prop-ReservedConcurrentExecutions`, "400"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#prop-ReservedConcurrentExecutions").dispatchEvent(new Event("change", {bubbles: true}))`))
	p.saved(v + 1)
	p.until(`document.querySelector('[data-goal="function-headroom"]').dataset.met == "true"`)
	if met("api-lets-peak-through") || met("nothing-throttled") {
		t.Error("the API's goals are met while its stage limit is 200 of a 500 peak")
	}
	if why := p.text(`[data-goal="nothing-throttled"]`); !strings.Contains(why, "stage rate limit") {
		t.Errorf("the unmet goal reads %q; want it to name the stage rate limit", why)
	}
}
