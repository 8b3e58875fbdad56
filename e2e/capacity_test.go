package e2e

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

const capacityDesign = `{"format":"archlab/v1","title":"Capacity","blocks":[
	{"id":"Api","kind":"apigateway-rest","name":"Orders API","x":40,"y":40},
	{"id":"Worker","kind":"lambda","name":"Order worker","x":320,"y":40,"props":{"Timeout":10,"ReservedConcurrentExecutions":50}}],
 "connections":[{"id":"c1","from":"Api","to":"Worker","integration":"invoke"}]}`

// typeTraffic types a figure into the inspector's traffic section as a
// person does, and waits for the save.
func typeTraffic(p page, id, value string) {
	p.t.Helper()
	v := p.version()
	p.do(chromedp.SetValue("#"+id, value), chromedp.Evaluate[chromedp.Void](`document.querySelector("#`+id+`").dispatchEvent(new Event("change", {bubbles: true}))`))
	p.saved(v + 1)
	p.settled()
}

// Test: a person opens an API's traffic section, types an average and a
// peak; the legend shows the estimated monthly total, the Heat button
// colours the function by how busy it is (its figures in its tooltip),
// and raising the traffic changes the total and the colour.
func TestCapacityHeatViewAndMonthlyTotal(t *testing.T) {
	a := newApp(t)
	id, key := a.create(t, capacityDesign)
	p := open(t, a, "/d/"+key+"?select=Api")
	p.do(chromedp.WaitVisible(`#inspector[data-id="Api"] details.traffic > summary`))
	p.settled()
	if eval[bool](p, `!!document.querySelector("[data-testid=monthly-total]")`) {
		t.Fatal("a monthly total shows before any traffic is given")
	}
	p.do(chromedp.Click(`#inspector details.traffic > summary`))
	p.until(visibleJS + `("#traffic-averagePerSecond")`)

	typeTraffic(p, "traffic-averagePerSecond", "100")
	p.do(chromedp.WaitVisible(`#inspector details.traffic #traffic-peakPerSecond`))
	typeTraffic(p, "traffic-peakPerSecond", "400")

	total := eval[string](p, `document.querySelector("[data-testid=monthly-total]").textContent`)
	if !strings.HasPrefix(strings.TrimSpace(total), "Estimate $") {
		t.Fatalf("monthly total = %q", total)
	}
	// 400 requests/s × 0.1 s = 40 concurrent of the 50 reserved: 80%, high.
	worker := `#diagram [data-block-id="Worker"]`
	fill := func() string {
		return eval[string](p, `getComputedStyle(document.querySelector('`+worker+` .block-body')).fill`)
	}
	plain := fill()
	p.do(chromedp.Click(`[data-action="heat"]`))
	p.until(`document.querySelector('[data-action="heat"]').getAttribute("aria-pressed") == "true"`)
	if got := eval[string](p, `document.querySelector('`+worker+`').getAttribute("class")`); !strings.Contains(got, "heat-high") {
		t.Fatalf("worker class = %q; want heat-high (40 of 50 concurrent)", got)
	}
	high := fill()
	if high == plain {
		t.Fatalf("the heat view did not colour the worker (fill %s)", high)
	}
	title := eval[string](p, `document.querySelector('`+worker+` > title').textContent`)
	if !strings.Contains(title, "40 concurrent at peak") || !strings.Contains(title, "80% of the reserved concurrency") {
		t.Fatalf("worker tooltip = %q", title)
	}
	if !eval[bool](p, visibleJS+`("[data-testid=heat-legend]")`) {
		t.Fatal("the heat legend is not shown")
	}

	// More traffic: the total grows, the worker goes over its limit, and
	// the heat view stays on through the re-render.
	typeTraffic(p, "traffic-averagePerSecond", "300")
	typeTraffic(p, "traffic-peakPerSecond", "900")
	if got := eval[string](p, `document.querySelector("[data-testid=monthly-total]").textContent`); got == total {
		t.Fatalf("the monthly total stayed %q after the traffic tripled", got)
	}
	if got := eval[string](p, `document.querySelector('`+worker+`').getAttribute("class")`); !strings.Contains(got, "heat-over") {
		t.Fatalf("worker class = %q; want heat-over (90 of 50 concurrent)", got)
	}
	if over := fill(); over == high || over == plain {
		t.Fatalf("over the limit the worker is drawn as before (fill %s)", over)
	}
	if !eval[bool](p, `document.querySelector(".editor").classList.contains("heat-on")`) {
		t.Fatal("the heat view switched off when the diagram was re-rendered")
	}

	// The function's own inspector gives its figures and what they rest on.
	p.do(chromedp.Click(worker + ` .block-body`))
	p.do(chromedp.WaitVisible(`#inspector[data-id="Worker"] [data-testid=block-figures]`))
	if fig := eval[string](p, `document.querySelector("#inspector [data-testid=block-figures]").textContent`); !strings.Contains(fig, "90 concurrent at peak") {
		t.Fatalf("the worker's inspector figures = %q", fig)
	}

	// The compare page says what the traffic did to cost and capacity.
	last := p.version()
	p.do(chromedp.Navigate(a.URL + "/v/" + id + "/compare?from=1&to=" + itoa(last)))
	p.do(chromedp.WaitVisible(`[data-testid=capacity-delta]`))
	if got := eval[string](p, `document.querySelector("[data-testid=capacity-delta]").textContent`); !strings.HasPrefix(got, "This change adds $") || !strings.Contains(got, "brings throttling at peak to Order worker") {
		t.Fatalf("compare page says %q", got)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
