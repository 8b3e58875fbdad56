package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// The Export menu offers a PNG of the diagram, in the editor and at the
// view link, and what it downloads is a picture the browser can decode,
// named after the design.
func TestExportMenuDownloadsAPNG(t *testing.T) {
	a := newApp(t)
	id, key := a.create(t, `{"format":"archlab/v1","title":"Orders flow","blocks":[
		{"id":"Jobs","kind":"sqs","x":40,"y":40},{"id":"Worker","kind":"lambda","x":300,"y":40}],
		"connections":[{"id":"c1","from":"Jobs","to":"Worker"}]}`)
	for _, path := range []string{"/d/" + key + "/", "/v/" + id} {
		p := open(t, a, path)
		p.do(chromedp.Click(`[data-testid=export-menu] summary`), chromedp.WaitVisible(`[data-testid=export-menu] a[href$="/export/png"]`))
		link := `document.querySelector('[data-testid=export-menu] a[href$="/export/png"]')`
		if got := eval[[]any](p, `(a => [a.textContent.trim(), a.hasAttribute("download"), a.getAttribute("href")])(`+link+`)`); got[0] != "PNG image" || got[1] != true || got[2] != "/v/"+id+"/export/png" {
			t.Fatalf("%s: the menu's PNG entry is %v", path, got)
		}
		got := eval[[]any](p, `fetch(`+link+`.href).then(async r => {
			const bitmap = await createImageBitmap(await r.blob());
			return [r.status, r.headers.get("Content-Type"), r.headers.get("Content-Disposition"), bitmap.width, bitmap.height];
		})`)
		// The drawing spans 40..468 × 40..112 plus a 40-unit margin, at two pixels a unit.
		if got[0] != float64(200) || got[1] != "image/png" || got[2] != `attachment; filename="orders-flow.png"` ||
			got[3] != float64(2*(428+80)) || got[4] != float64(2*(72+80)) {
			t.Errorf("%s: the PNG download answers %v", path, got)
		}
	}
}
