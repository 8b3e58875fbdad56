package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// edgeProblems lists, from what is on screen, what makes the connections
// of the diagram hard to follow: a line that runs through a block (other
// than a hair's breadth at its own ends), a line that is not made of
// horizontal and vertical stretches, two lines on top of each other, a
// name that is hidden, cut or on a block, and a badge on a line.
var edgeProblems = `(() => {
	const out = [], svg = document.querySelector("svg.diagram");
	const rects = Array.from(svg.querySelectorAll(".block")).map(g => ({id: g.dataset.blockId, r: g.querySelector(".block-body").getBoundingClientRect()}));
	const inside = (p, r, m) => p.x > r.left + m && p.x < r.right - m && p.y > r.top + m && p.y < r.bottom - m;
	const meets = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
	const conns = Array.from(svg.querySelectorAll(".conn"));
	const samples = new Map();
	for (const g of conns) {
		const line = g.querySelector(".conn-line"), m = line.getScreenCTM(), len = line.getTotalLength();
		const pts = [];
		for (let s = 0; s <= len; s += 2) {
			const q = line.getPointAtLength(s);
			pts.push(new DOMPoint(q.x, q.y).matrixTransform(m));
		}
		samples.set(g, pts);
		const what = g.dataset.from + " → " + g.dataset.to;
		for (const b of rects) {
			const hit = pts.find(p => inside(p, b.r, 2));
			if (hit) out.push(what + " runs through block " + b.id + " at " + Math.round(hit.x) + "," + Math.round(hit.y));
		}
		// Orthogonal: after its start, the path is made of horizontal (H)
		// and vertical (V) stretches only.
		const d = line.getAttribute("d");
		if (!/^M[\d.-]+ [\d.-]+([HV][\d.-]+)+$/.test(d)) out.push(what + " is not drawn level and plumb: " + d);
		const badge = g.querySelector(".badge");
		if (badge) {
			const br = badge.getBoundingClientRect();
			for (const b of rects) if (meets(br, b.r)) out.push(what + ": its badge lies on block " + b.id);
			for (const [h, pts] of samples) if (pts.some(p => inside(p, br, 0))) out.push(what + ": its badge lies on the line " + h.dataset.from + " → " + h.dataset.to);
		}
		const name = g.querySelector(".conn-label");
		if (!name) { out.push(what + " has no name beside it"); continue; }
		const nr = name.getBoundingClientRect();
		if (nr.width < 4 || !name.checkVisibility()) out.push(what + ": its name is not shown");
		for (const b of rects) if (meets(nr, b.r)) out.push(what + ": its name " + JSON.stringify(name.textContent) + " lies on block " + b.id);
	}
	// Badges are checked against the lines drawn after them too.
	for (const g of conns) {
		const badge = g.querySelector(".badge");
		if (!badge) continue;
		const br = badge.getBoundingClientRect();
		for (const h of conns.slice(conns.indexOf(g) + 1)) {
			if (samples.get(h).some(p => inside(p, br, 0))) out.push(g.dataset.from + " → " + g.dataset.to + ": its badge lies on the line " + h.dataset.from + " → " + h.dataset.to);
		}
	}
	// No two lines share a stretch: sample points of one line within a
	// pixel of another's, over more than the few points near a shared
	// block side.
	for (let i = 0; i < conns.length; i++) for (let j = i + 1; j < conns.length; j++) {
		const a = samples.get(conns[i]), b = samples.get(conns[j]);
		const near = a.filter(p => !rects.some(r => inside(p, r.r, -24)) && b.some(q => Math.abs(p.x - q.x) < 1 && Math.abs(p.y - q.y) < 1));
		if (near.length > 6) out.push(conns[i].dataset.from + " → " + conns[i].dataset.to + " and " + conns[j].dataset.from + " → " + conns[j].dataset.to + " run on top of each other for " + near.length * 2 + " px");
	}
	return out;
})()`

// Every gallery template, opened in the editor, draws lines a person can
// follow: round the blocks, apart from each other, each named, no badge
// on a line; and the legend lists exactly the models its lines use.
func TestEdgesAPersonCanFollow(t *testing.T) {
	files, err := filepath.Glob("../content/templates/*.archlab.json")
	if err != nil || len(files) < 10 {
		t.Fatalf("templates: %v %v", files, err)
	}
	a := newApp(t)
	p := open(t, a, "/")
	for _, f := range files {
		doc, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, key := a.create(t, string(doc))
		p.do(chromedp.Navigate(a.URL+"/d/"+key), chromedp.WaitVisible(`svg.diagram .block`))
		p.do(chromedp.EmulateViewport(1600, 1000))
		p.do(chromedp.Click(`[data-action="fit"]`))
		if problems := eval[[]string](p, edgeProblems); len(problems) > 0 {
			t.Errorf("%s:\n  %s", filepath.Base(f), strings.Join(problems, "\n  "))
		}
		used := eval[[]string](p, `Array.from(new Set(Array.from(document.querySelectorAll("svg.diagram .conn")).map(c => c.dataset.model))).sort()`)
		legend := eval[[]string](p, `Array.from(document.querySelectorAll('#legend li[data-model]')).filter(li => li.checkVisibility()).map(li => li.dataset.model).sort()`)
		if !slices.Equal(used, legend) {
			t.Errorf("%s: the lines use %v, the legend explains %v", filepath.Base(f), used, legend)
		}
	}
}

// Two connections between the same blocks, one back the other way, and a
// badge on one: three separate lines, the badge off all of them; a block
// dragged between two others is gone round after the drop; the legend
// follows the models as connections come and go.
func TestParallelEdgesAndLegendFollowEdits(t *testing.T) {
	a := newApp(t)
	_, key := a.create(t, `{"format":"archlab/v1","title":"Pairs","blocks":[
		{"id":"Api","kind":"apigateway-http","x":40,"y":200},
		{"id":"Fn","kind":"lambda","x":600,"y":200,"props":{"Timeout":60,"MemorySize":128}},
		{"id":"Queue","kind":"sqs","x":600,"y":440},
		{"id":"Other","kind":"lambda","x":960,"y":200}],
		"connections":[
		{"id":"c1","from":"Api","to":"Fn","integration":"invoke"},
		{"id":"c2","from":"Fn","to":"Queue","integration":"sdk"},
		{"id":"c3","from":"Queue","to":"Fn","integration":"event-source-mapping"},
		{"id":"c4","from":"Fn","to":"Other","integration":"on-failure"}]}`)
	p := open(t, a, "/d/"+key)
	p.do(chromedp.EmulateViewport(1600, 1000), chromedp.WaitVisible(`[data-connection-id="c3"]`))
	check := func(when string) {
		t.Helper()
		if problems := eval[[]string](p, edgeProblems); len(problems) > 0 {
			t.Errorf("%s:\n  %s", when, strings.Join(problems, "\n  "))
		}
	}
	check("at first")
	if n := eval[int](p, `document.querySelectorAll("svg.diagram .conn .badge").length`); n == 0 {
		t.Error("no connection has a badge: the test no longer checks where badges go")
	}
	legend := func() []string {
		return eval[[]string](p, `Array.from(document.querySelectorAll('#legend li[data-model]')).map(li => li.dataset.model).sort()`)
	}
	if got := legend(); !slices.Equal(got, []string{"failure", "poll", "sdk", "sync"}) {
		t.Errorf("the legend explains %v", got)
	}
	// The names say what each integration is.
	if got := eval[string](p, `Array.from(document.querySelectorAll('[data-connection-id="c3"] .conn-label text')).map(t => t.textContent).join(" ")`); got != "Event source mapping" {
		t.Errorf("the queue's mapping is labelled %q", got)
	}

	// Move Other between Api and Fn's row, right in the way of c1.
	v := p.version()
	x, y := p.center(`[data-block-id="Other"] .block-name`)
	tx, ty := p.center(`[data-connection-id="c1"] .conn-line`)
	p.drag(x, y, tx, ty)
	p.saved(v + 1)
	check("after a block is dropped across a line")

	// Removing the only on-failure destination takes its model off the
	// legend.
	p.do(chromedp.Focus(`[data-connection-id="c4"]`))
	p.key(kb.Enter)
	p.until(`document.querySelector("#inspector").dataset.id == "c4"`)
	p.key(kb.Delete)
	p.saved(v + 2)
	p.until(`!document.querySelector('#legend li[data-model="failure"]')`)
	if got := legend(); !slices.Equal(got, []string{"poll", "sdk", "sync"}) {
		t.Errorf("after the on-failure connection is removed the legend explains %v", got)
	}
	if n := eval[int](p, `document.querySelectorAll('[data-testid="legend-inferred"], [data-testid="legend-outside"]').length`); n != 0 {
		t.Errorf("a design with no inferred connection nor outside block has %d legend entries for them", n)
	}
}

// Labels hides the connections' names and brings them back, and the
// browser remembers the choice.
func TestLabelsToggle(t *testing.T) {
	a := newApp(t)
	doc, err := os.ReadFile("../content/templates/paid-video.archlab.json")
	if err != nil {
		t.Fatal(err)
	}
	_, key := a.create(t, string(doc))
	p := open(t, a, "/d/"+key)
	p.do(chromedp.WaitVisible(`svg.diagram .conn-label`))
	shown := func() int {
		return eval[int](p, `Array.from(document.querySelectorAll("svg.diagram .conn-label")).filter(l => l.checkVisibility() && l.getBoundingClientRect().width > 0).length`)
	}
	total := eval[int](p, `document.querySelectorAll("svg.diagram .conn").length`)
	if n := shown(); n != total {
		t.Fatalf("%d of %d connections show their names at first", n, total)
	}
	if got := eval[string](p, `document.querySelector('[data-testid="labels"]').getAttribute("aria-pressed")`); got != "true" {
		t.Errorf("Labels reads pressed %q while the names show", got)
	}
	p.do(chromedp.Click(`[data-testid="labels"]`))
	if n := shown(); n != 0 {
		t.Fatalf("%d names still show after Labels", n)
	}
	// Remembered: after a reload and after an edit redraws the diagram.
	p.do(chromedp.Reload(), chromedp.WaitVisible(`svg.diagram .block`))
	if n := shown(); n != 0 {
		t.Fatalf("%d names show again after a reload", n)
	}
	if got := eval[string](p, `document.querySelector('[data-testid="labels"]').getAttribute("aria-pressed")`); got != "false" {
		t.Errorf("Labels reads pressed %q while the names are hidden", got)
	}
	p.do(chromedp.Click(`[data-testid="labels"]`))
	if n := shown(); n != total {
		t.Fatalf("%d of %d names show after Labels again", n, total)
	}
}

// The SVG download carries the names beside the lines, and the routes are
// the editor's.
func TestExportCarriesEdgeNames(t *testing.T) {
	a := newApp(t)
	doc, err := os.ReadFile("../content/templates/paid-video.archlab.json")
	if err != nil {
		t.Fatal(err)
	}
	id, key := a.create(t, string(doc))
	p := open(t, a, "/d/"+key)
	p.do(chromedp.WaitVisible(`svg.diagram .conn-label`))
	svg := eval[string](p, fmt.Sprintf(`fetch("/v/%s/export/svg").then(r => r.text())`, id))
	for _, want := range []string{`class="conn-label"`, "Lambda integration"} {
		if !strings.Contains(svg, want) {
			t.Errorf("the SVG download lacks %s", want)
		}
	}
	inPage := eval[string](p, `document.querySelector('svg.diagram .conn .conn-line').getAttribute("d")`)
	if !strings.Contains(svg, `d="`+inPage+`"`) {
		t.Errorf("the download draws the first connection other than the editor: %s", inPage)
	}
}
