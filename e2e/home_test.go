package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Test: after opening two designs, one by its edit link and one by its
// view link, then an old version of the first, the home page lists both,
// newest first, the first still by its edit link, each a link to the
// design with its diagram drawn as a thumbnail; and the home page shows
// what archlab does with a diagram and the finding archlab gives on it.
func TestHomeShowsRecentDesignsWithThumbnails(t *testing.T) {
	a := newApp(t)
	ordersID, key := a.create(t, `{"format":"archlab/v1","title":"Orders","blocks":[{"id":"Api","kind":"apigateway-rest"},{"id":"Fn","kind":"lambda"}],"connections":[{"id":"c1","from":"Api","to":"Fn","integration":"invoke"}]}`)
	viewID, _ := a.create(t, `{"format":"archlab/v1","title":"Billing","blocks":[{"id":"Jobs","kind":"sqs"}]}`)

	p := open(t, a, "/d/"+key)
	p.do(chromedp.WaitVisible(`[data-block-id="Fn"]`))
	p.do(chromedp.Navigate(a.URL+"/v/"+viewID), chromedp.WaitVisible(`[data-block-id="Jobs"]`))
	// An old version of the first design, by its view link: the list keeps
	// the design's edit link rather than the version's page.
	p.do(chromedp.Navigate(a.URL+"/v/"+ordersID+"/versions/1"), chromedp.WaitVisible(`[data-block-id="Fn"]`))
	p.do(chromedp.Navigate(a.URL+"/"), chromedp.WaitVisible(`[data-recent] .recent-item`))

	items := eval[[]map[string]any](p, `Array.from(document.querySelectorAll("[data-recent] .recent-item")).map(li => {
		const a = li.querySelector("a"), img = li.querySelector("img");
		return {title: a.textContent.trim(), href: a.getAttribute("href"), img: img ? img.getAttribute("src") : "", loading: img ? img.loading : ""};
	})`)
	if len(items) != 2 {
		t.Fatalf("home lists %d recent designs, want 2: %v", len(items), items)
	}
	if !strings.Contains(items[0]["title"].(string), "Orders") || items[0]["href"] != "/d/"+key {
		t.Errorf("first recent design is %v, want Orders at its edit link", items[0])
	}
	if !strings.Contains(items[1]["title"].(string), "Billing") || items[1]["href"] != "/v/"+viewID {
		t.Errorf("second recent design is %v, want Billing at /v/%s", items[1], viewID)
	}
	for _, it := range items {
		if !strings.HasPrefix(it["img"].(string), "/v/") || it["loading"] != "lazy" {
			t.Errorf("recent design %v has no lazy thumbnail from its view link", it)
		}
	}
	// The thumbnails are drawn: loaded, a sensible size, side by side with
	// nothing overlapping.
	p.until(`Array.from(document.querySelectorAll("[data-recent] img")).every(i => i.complete && i.naturalWidth > 0)`)
	boxes := eval[[][]float64](p, `Array.from(document.querySelectorAll("[data-recent] img")).map(i => { const r = i.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })`)
	for i, b := range boxes {
		if b[2] < 120 || b[3] < 70 || b[2] > 400 {
			t.Errorf("thumbnail %d is %v×%v px", i, b[2], b[3])
		}
	}
	if len(boxes) == 2 && boxes[0][0]+boxes[0][2] > boxes[1][0] && boxes[0][1]+boxes[0][3] > boxes[1][1] && boxes[1][0] >= boxes[0][0] {
		t.Errorf("thumbnails overlap: %v", boxes)
	}

	// What archlab does: a diagram with its finding badge, and the finding.
	got := eval[[]any](p, `(() => { const f = document.querySelector('[data-testid="home-example"]'); if (!f) return [0, 0, ""];
		const d = f.querySelector("svg.diagram"), r = d ? d.getBoundingClientRect() : {width: 0, height: 0};
		return [r.width, f.querySelectorAll(".block").length + f.querySelectorAll(".badge").length * 100, (f.querySelector(".finding-message") || {}).textContent || ""]; })()`)
	if got[0].(float64) < 200 || got[1].(float64) < 102 || got[2].(string) == "" {
		t.Errorf("home has no example diagram with blocks, a badge and its finding: %v", got)
	}
}
