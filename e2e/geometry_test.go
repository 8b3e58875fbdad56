package e2e

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// box is an element's place on the screen, as getBoundingClientRect says.
type box struct {
	X, Y, W, H float64
}

func (b box) right() float64  { return b.X + b.W }
func (b box) bottom() float64 { return b.Y + b.H }

// inside reports whether b lies within o (to a pixel).
func (b box) inside(o box) bool {
	return b.X >= o.X-1 && b.Y >= o.Y-1 && b.right() <= o.right()+1 && b.bottom() <= o.bottom()+1
}

// overlaps reports whether two boxes share any area.
func (b box) overlaps(o box) bool {
	return b.X < o.right() && o.X < b.right() && b.Y < o.bottom() && o.Y < b.bottom()
}

// rect is where the element sel is drawn; a missing element is a zero box.
func (p page) rect(sel string) box {
	p.t.Helper()
	xywh := eval[[]float64](p, fmt.Sprintf(`(() => { const el = document.querySelector(%q);
		if (!el) return [0, 0, 0, 0];
		const r = el.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })()`, sel))
	return box{xywh[0], xywh[1], xywh[2], xywh[3]}
}

// seen reports whether a person sees the element sel: it is rendered, not
// transparent, has an area inside the window, and nothing covers its centre.
func (p page) seen(sel string) bool {
	p.t.Helper()
	return eval[bool](p, fmt.Sprintf(`(() => { const el = document.querySelector(%q);
		if (!el || !el.checkVisibility({opacityProperty: true, visibilityProperty: true})) return false;
		const r = el.getBoundingClientRect();
		if (r.width < 1 || r.height < 1 || r.bottom <= 0 || r.right <= 0 || r.top >= innerHeight || r.left >= innerWidth) return false;
		const x = Math.min(Math.max(r.x + r.width / 2, 0), innerWidth - 1), y = Math.min(Math.max(r.y + Math.min(r.height / 2, 10), 0), innerHeight - 1);
		const top = document.elementFromPoint(x, y);
		return !!top && (el.contains(top) || top.contains(el)); })()`, sel))
}

// apply sends operations through the API with the design's edit key.
func (a *app) apply(tb testing.TB, id, key string, base int, ops string) {
	tb.Helper()
	req, _ := http.NewRequest("POST", a.URL+"/api/v1/designs/"+id+"/ops", strings.NewReader(fmt.Sprintf(`{"baseVersion":%d,"ops":%s}`, base, ops)))
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		tb.Fatalf("apply %s: %d", ops, resp.StatusCode)
	}
}
