package e2e

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/web/components"
)

const rangesDesign = `{"format":"archlab/v1","title":"Ranges","blocks":[
	{"id":"Fn","kind":"lambda","x":40,"y":40,"props":{"Timeout":10}},
	{"id":"Jobs","kind":"sqs","x":300,"y":40},
	{"id":"Api","kind":"apigateway-rest","x":40,"y":200}]}`

// refusedBeside checks that the field's inline error is on screen, beside
// its input (just under it, overlapping it across), and says want.
func (p page) refusedBeside(input, want string) {
	p.t.Helper()
	p.until(fmt.Sprintf(`!!document.querySelector("#%s-error")`, input))
	got := eval[[]float64](p, fmt.Sprintf(`(() => {
		const i = document.querySelector("#%[1]s").getBoundingClientRect(), e = document.querySelector("#%[1]s-error");
		e.scrollIntoView({block: "nearest"});
		const r = e.getBoundingClientRect(), j = document.querySelector("#%[1]s").getBoundingClientRect();
		const visible = getComputedStyle(e).visibility !== "hidden" && r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= innerHeight;
		return [visible ? 1 : 0, r.top - j.bottom, Math.min(r.right, j.right) - Math.max(r.left, j.left)];
	})()`, input))
	if got[0] != 1 {
		p.t.Fatalf("the error of #%s is not on screen", input)
	}
	if got[1] < -2 || got[1] > 40 || got[2] <= 0 {
		p.t.Fatalf("the error of #%s is not beside its input: %v px below, %v px across", input, got[1], got[2])
	}
	if text := eval[string](p, fmt.Sprintf(`document.querySelector("#%s-error").textContent`, input)); !strings.Contains(text, want) {
		p.t.Fatalf("the error of #%s reads %q, want %q", input, text, want)
	}
}

// Test: a value outside the catalogue's bounds is refused inline, the
// input keeps it, and no version is made: a range, a pattern, a value.
func TestOutOfRangeValuesAreRefusedInline(t *testing.T) {
	a := newApp(t)
	id, key := a.create(t, rangesDesign)

	t.Run("range", func(t *testing.T) {
		p := open(t, a, "/d/"+key+"?select=Fn")
		p.do(chromedp.WaitVisible(`#inspector[data-id="Fn"] #prop-Timeout`))
		p.settled()
		p.do(chromedp.Click(`#prop-Timeout`), chromedp.KeyEvent("a", chromedp.KeyModifiers(1<<1)), chromedp.SendKeys(`#prop-Timeout`, "1000"))
		// The browser marks it before it is saved...
		if !eval[bool](p, `document.querySelector("#prop-Timeout").matches(":invalid")`) {
			t.Error("the browser does not mark 1000 s out of range as it is typed")
		}
		p.do(chromedp.SendKeys(`#prop-Timeout`, kb.Tab))
		// ...and the server refuses it beside the field.
		p.refusedBeside("prop-Timeout", "must be 1–900 s; AWS refuses 1,000 s")
		if got := eval[string](p, `document.querySelector("#prop-Timeout").value`); got != "1000" {
			t.Fatalf("the input shows %q, want 1000", got)
		}
		p.until(`document.querySelector("#status").dataset.state == "error"`)
		if v := p.version(); v != 1 {
			t.Fatalf("the status line shows version %d", v)
		}
		if d := a.design(t, id); d.Version != 1 {
			t.Fatalf("a refused value made version %d", d.Version)
		}
	})

	t.Run("pattern", func(t *testing.T) {
		p := open(t, a, "/d/"+key+"?select=Jobs")
		p.do(chromedp.WaitVisible(`#inspector[data-id="Jobs"] #prop-QueueName`))
		p.settled()
		p.do(chromedp.SendKeys(`#prop-QueueName`, "order jobs"))
		if !eval[bool](p, `document.querySelector("#prop-QueueName").validity.patternMismatch`) {
			t.Error("the browser does not mark a queue name with a space")
		}
		p.do(chromedp.SendKeys(`#prop-QueueName`, kb.Tab))
		p.refusedBeside("prop-QueueName", `AWS refuses "order jobs"`)
		if got := eval[string](p, `document.querySelector("#prop-QueueName").value`); got != "order jobs" {
			t.Fatalf("the input shows %q", got)
		}
		if d := a.design(t, id); d.Version != 1 {
			t.Fatalf("a refused value made version %d", d.Version)
		}
	})

	t.Run("values", func(t *testing.T) {
		// The select offers only what AWS accepts; a value from elsewhere
		// (an old page, a hand-edited form) is refused all the same.
		p := open(t, a, "/d/"+key+"?select=Api")
		p.do(chromedp.WaitVisible(`#inspector[data-id="Api"] #prop-EndpointConfiguration`))
		p.settled()
		offered := eval[[]string](p, `Array.from(document.querySelectorAll("#prop-EndpointConfiguration option")).map(o => o.value).filter(v => v)`)
		if strings.Join(offered, " ") != "EDGE REGIONAL PRIVATE" {
			t.Fatalf("the select offers %v", offered)
		}
		p.do(chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector("#prop-EndpointConfiguration");
			s.add(new Option("GLOBAL", "GLOBAL")); s.value = "GLOBAL"; s.dispatchEvent(new Event("change", {bubbles: true})); })()`))
		p.refusedBeside("prop-EndpointConfiguration", `must be one of EDGE, REGIONAL, PRIVATE; AWS refuses "GLOBAL"`)
		if got := eval[string](p, `document.querySelector("#prop-EndpointConfiguration").value`); got != "GLOBAL" {
			t.Fatalf("the select shows %q", got)
		}
		if d := a.design(t, id); d.Version != 1 {
			t.Fatalf("a refused value made version %d", d.Version)
		}
	})

	// A value inside the range still saves.
	t.Run("in range", func(t *testing.T) {
		p := open(t, a, "/d/"+key+"?select=Fn")
		p.do(chromedp.WaitVisible(`#inspector[data-id="Fn"] #prop-Timeout`))
		p.settled()
		p.do(chromedp.SetValue(`#prop-Timeout`, "900"), chromedp.Evaluate[chromedp.Void](`document.querySelector("#prop-Timeout").dispatchEvent(new Event("change", {bubbles: true}))`))
		p.saved(2)
	})
}

// Every name pattern of the catalogue compiles as the browser compiles an
// input's pattern (the v flag), and accepts and refuses as archlab does.
func TestNamePatternsWorkInTheBrowser(t *testing.T) {
	a := newApp(t)
	p := open(t, a, "/")
	type sample struct {
		Pattern string
		Value   string
		Allowed bool
	}
	var samples []sample
	seen := map[*design.Text]bool{}
	for _, k := range design.Builtin().Kinds() {
		for _, pr := range k.Props {
			if pr.Text == nil || seen[pr.Text] {
				continue
			}
			seen[pr.Text] = true
			pat := components.HTMLPattern(pr.Text)
			for _, v := range []string{"orders", "order jobs", "a<b", "orders.fifo", "${AWS::StackName}-orders", strings.Repeat("x", pr.Text.Max+1), "ab/c", "x"} {
				samples = append(samples, sample{pat, v, pr.Text.Allows(v)})
			}
		}
	}
	if len(samples) == 0 {
		t.Fatal("no name bounds in the catalogue")
	}
	js, _ := json.Marshal(samples)
	wrong := eval[[]string](p, `(() => { const out = [];
		for (const s of `+string(js)+`) {
			let re;
			try { re = new RegExp("^(?:" + s.Pattern + ")$", "v"); } catch (e) { out.push(s.Pattern + ": " + e.message); continue; }
			if (re.test(s.Value) !== s.Allowed) out.push(s.Pattern + " on " + JSON.stringify(s.Value) + ": " + !s.Allowed);
		}
		return out; })()`)
	if len(wrong) > 0 {
		t.Fatalf("%d patterns disagree with archlab:\n%s", len(wrong), strings.Join(wrong, "\n"))
	}
}
