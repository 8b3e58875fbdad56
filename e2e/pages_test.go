package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/archlab/archlab/internal/browsertest"
)

// mainPages are the pages a person reaches from the header and from a
// design, with a design to show in the editor and the viewer.
func mainPages(t *testing.T, a *app) map[string]string {
	t.Helper()
	id, key := a.create(t, `{"format":"archlab/v1","title":"Orders","blocks":[
		{"id":"Api","kind":"apigateway-rest","x":40,"y":40},
		{"id":"Fn","kind":"lambda","x":300,"y":40,"props":{"Timeout":10}}],
		"connections":[{"id":"c1","from":"Api","to":"Fn","integration":"invoke"}]}`)
	return map[string]string{
		"home":           "/",
		"editor":         "/d/" + key,
		"viewer":         "/v/" + id,
		"history":        "/v/" + id + "/history",
		"knowledge base": "/kb",
		"article":        "/kb/choosing-sqs-sns-eventbridge",
		"search":         "/kb/search?q=queue",
		"rules":          "/kb/rules",
		"rule page":      "/kb/rules/sqs-visibility-timeout",
		"templates":      "/templates",
		"import":         "/import",
		"labs":           "/labs",
		"lab":            "/labs/fan-out",
		"new cohort":     "/cohorts/new",
	}
}

// On a 390 px phone every main page fits the width, and the header's
// brand and links are all on screen.
func TestMainPagesFitAPhone(t *testing.T) {
	a := newApp(t)
	p := page{t: t, ctx: browsertest.New(t)}
	for name, path := range mainPages(t, a) {
		t.Run(name, func(t *testing.T) {
			p := page{t: t, ctx: p.ctx}
			p.do(chromedp.EmulateViewport(390, 844), chromedp.Navigate(a.URL+path), chromedp.WaitReady(`body`))
			if w := eval[int](p, `document.documentElement.scrollWidth`); w > 390 {
				t.Errorf("%s is %d px wide at 390 px", path, w)
			}
			off := eval[[]string](p, `Array.from(document.querySelectorAll(".site-header a")).filter(a => {
				const r = a.getBoundingClientRect(), s = getComputedStyle(a);
				return r.width === 0 || r.height === 0 || r.left < 0 || r.right > 390 || s.visibility === "hidden";
			}).map(a => a.textContent.trim())`)
			if len(off) > 0 {
				t.Errorf("%s: header links not on screen at 390 px: %v", path, off)
			}
			if n := eval[int](p, `document.querySelectorAll(".site-header a").length`); n < 6 {
				t.Errorf("%s: the header has %d links", path, n)
			}
		})
	}
}

// No main page gives two elements the same id.
func TestMainPagesHaveUniqueIDs(t *testing.T) {
	a := newApp(t)
	p := page{t: t, ctx: browsertest.New(t)}
	for name, path := range mainPages(t, a) {
		t.Run(name, func(t *testing.T) {
			p := page{t: t, ctx: p.ctx}
			p.do(chromedp.EmulateViewport(1440, 900), chromedp.Navigate(a.URL+path), chromedp.WaitReady(`body`))
			dups := eval[[]string](p, `(() => { const seen = {}, dup = new Set();
				for (const e of document.querySelectorAll("[id]")) { if (seen[e.id]) dup.add(e.id); seen[e.id] = true; }
				return [...dup]; })()`)
			if len(dups) > 0 {
				t.Errorf("%s repeats ids %v", path, dups)
			}
		})
	}
}

// Every rule page's example is laid out like a design: no two blocks on
// top of each other, each with its kind's icon drawn, and each connection
// running from its own block to a different one, as the example says.
func TestRuleExamplesAreDrawnLikeDesigns(t *testing.T) {
	a := newApp(t)
	p := page{t: t, ctx: browsertest.New(t)}
	p.do(chromedp.EmulateViewport(1440, 900), chromedp.Navigate(a.URL+"/kb/rules"), chromedp.WaitReady(`body`))
	links := eval[[]string](p, `Array.from(new Set(Array.from(document.querySelectorAll('main a[href^="/kb/rules/"]')).map(a => a.getAttribute("href"))))`)
	if len(links) < 50 {
		t.Fatalf("the rules index links %d rule pages", len(links))
	}
	examples := 0
	for _, href := range links {
		p.do(chromedp.Navigate(a.URL+href), chromedp.WaitReady(`body`))
		if !eval[bool](p, `!!document.querySelector(".example-diagram svg")`) {
			continue
		}
		examples++
		problems := eval[[]string](p, ruleExampleProblems)
		if len(problems) > 0 {
			t.Errorf("%s:\n  %s", href, strings.Join(problems, "\n  "))
		}
	}
	if examples < 50 {
		t.Fatalf("only %d rule pages show an example", examples)
	}
	t.Logf("%d rule pages with examples checked", examples)
}

// ruleExampleProblems lists what is wrong with the example diagrams of the
// page, from what is on screen.
var ruleExampleProblems = fmt.Sprintf(`(() => {
	const out = [];
	document.querySelectorAll(".example-diagram svg").forEach((svg, d) => {
		const blocks = Array.from(svg.querySelectorAll(".block")).map(g => ({id: g.dataset.blockId, g, r: g.querySelector(".block-body").getBoundingClientRect()}));
		for (let i = 0; i < blocks.length; i++) {
			const b = blocks[i];
			if (b.r.width < 20 || b.r.height < 10) out.push("diagram " + d + ": block " + b.id + " is " + b.r.width + "×" + b.r.height);
			for (let j = i + 1; j < blocks.length; j++) {
				const c = blocks[j];
				const w = Math.min(b.r.right, c.r.right) - Math.max(b.r.left, c.r.left);
				const h = Math.min(b.r.bottom, c.r.bottom) - Math.max(b.r.top, c.r.top);
				if (w > 0 && h > 0) out.push("diagram " + d + ": blocks " + b.id + " and " + c.id + " overlap");
			}
			const use = b.g.querySelector("use.block-icon");
			const ref = use && (use.getAttribute("href") || "").slice(1);
			const sym = ref && document.getElementById(ref);
			let box = {width: 0, height: 0};
			try { box = use.getBBox(); } catch (e) {}
			if (!sym || box.width === 0 || box.height === 0) out.push("diagram " + d + ": block " + b.id + " has no icon drawn (" + ref + ")");
		}
		const at = (x, y) => blocks.filter(b => x >= b.r.left - %[1]d && x <= b.r.right + %[1]d && y >= b.r.top - %[1]d && y <= b.r.bottom + %[1]d).map(b => b.id);
		svg.querySelectorAll(".conn").forEach(g => {
			const line = g.querySelector(".conn-line"), m = line.getScreenCTM(), len = line.getTotalLength();
			const p0 = new DOMPoint(line.getPointAtLength(0).x, line.getPointAtLength(0).y).matrixTransform(m);
			const p1 = new DOMPoint(line.getPointAtLength(len).x, line.getPointAtLength(len).y).matrixTransform(m);
			const starts = at(p0.x, p0.y), ends = at(p1.x, p1.y);
			const what = "diagram " + d + ": connection " + g.dataset.from + " → " + g.dataset.to;
			if (!starts.includes(g.dataset.from)) out.push(what + " does not start at " + g.dataset.from + " but at [" + starts + "]");
			if (!ends.includes(g.dataset.to)) out.push(what + " does not end at " + g.dataset.to + " but at [" + ends + "]");
			if (g.dataset.from !== g.dataset.to && starts.length === 1 && ends.length === 1 && starts[0] === ends[0]) out.push(what + " starts and ends at the same block");
		});
	});
	return out;
})()`, 4)
