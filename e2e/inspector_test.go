package e2e

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

const inspectorDesign = `{"format":"archlab/v1","title":"Inspector","blocks":[
	{"id":"Jobs","kind":"sqs","name":"Order jobs","x":40,"y":40},
	{"id":"Worker","kind":"lambda","name":"Order worker","x":320,"y":40,"props":{"Timeout":30}}],
 "connections":[{"id":"c1","from":"Jobs","to":"Worker","integration":"event-source-mapping"}]}`

// visible reports whether an element is drawn: in the page, with a size,
// and not inside a closed <details> or a hidden ancestor.
const visibleJS = `((sel) => { const e = document.querySelector(sel); if (!e) return false;
	const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && e.checkVisibility(); })`

// Test: the inspector of a standard queue shows its essentials first with
// human labels and the CloudFormation name beside each, folds the rest
// away, leaves out what only a FIFO queue has, and shows those once the
// queue is made FIFO; the findings name blocks as the diagram does.
func TestInspectorForPeople(t *testing.T) {
	a := newApp(t)
	_, key := a.create(t, inspectorDesign)
	p := open(t, a, "/d/"+key+"?select=Jobs")
	p.do(chromedp.WaitVisible(`#inspector[data-id="Jobs"] #prop-VisibilityTimeout`))
	p.settled()

	// A human label, and the CloudFormation name on the same line.
	got := eval[[]any](p, `(() => {
		const l = document.querySelector('label[for="prop-VisibilityTimeout"]'), c = l.querySelector(".cfn-name");
		if (!c) return [l.textContent, "", 999];
		const a = l.querySelector(".label-text").getBoundingClientRect(), b = c.getBoundingClientRect();
		return [l.querySelector(".label-text").textContent.trim(), c.textContent.trim(), Math.abs((a.top + a.bottom) / 2 - (b.top + b.bottom) / 2)];
	})()`)
	if got[0] != "Visibility timeout" || !strings.Contains(got[1].(string), "VisibilityTimeout") || got[2].(float64) > 6 {
		t.Errorf("the VisibilityTimeout field reads %q with %q beside it (%v px apart); want \"Visibility timeout\" · VisibilityTimeout on one line", got[0], got[1], got[2])
	}

	// Essentials are on screen, above the folded section; the rest is folded.
	for _, sel := range []string{"#prop-FifoQueue", "#prop-VisibilityTimeout", "#prop-MessageRetentionPeriod"} {
		if !eval[bool](p, visibleJS+`("`+sel+`")`) {
			t.Errorf("essential field %s is not visible", sel)
		}
	}
	if eval[bool](p, visibleJS+`("#prop-MaximumMessageSize")`) {
		t.Error("an advanced field (MaximumMessageSize) shows before the advanced section is opened")
	}
	if !eval[bool](p, `(() => { const s = document.querySelector('#inspector details.advanced > summary'), v = document.querySelector("#prop-VisibilityTimeout");
		return !!s && s.getBoundingClientRect().top > v.getBoundingClientRect().bottom; })()`) {
		t.Error("no folded advanced section below the essentials")
	}
	// FIFO-only fields are not offered on a standard queue.
	for _, sel := range []string{"#prop-ContentBasedDeduplication", "#prop-DeduplicationScope", "#prop-FifoThroughputLimit"} {
		if eval[bool](p, visibleJS+`("`+sel+`")`) || eval[bool](p, `!!document.querySelector("`+sel+`")`) {
			t.Errorf("FIFO-only field %s is offered on a standard queue", sel)
		}
	}

	// Open the advanced section, make the queue FIFO: the FIFO fields
	// appear, and the section stays open through the re-render.
	p.do(chromedp.Click(`#inspector details.advanced > summary`))
	p.until(visibleJS + `("#prop-MaximumMessageSize")`)
	v := p.version()
	p.do(chromedp.SetValue(`#prop-FifoQueue`, "true"), chromedp.Evaluate[chromedp.Void](`document.querySelector("#prop-FifoQueue").dispatchEvent(new Event("change", {bubbles: true}))`))
	p.saved(v + 1)
	p.settled()
	p.until(visibleJS + `("#prop-ContentBasedDeduplication")`)
	for _, sel := range []string{"#prop-DeduplicationScope", "#prop-FifoThroughputLimit"} {
		if !eval[bool](p, `!!document.querySelector("`+sel+`")`) {
			t.Errorf("FIFO-only field %s is missing on a FIFO queue", sel)
		}
	}
	if !eval[bool](p, visibleJS+`("#prop-MaximumMessageSize")`) {
		t.Error("the advanced section closed when the inspector was re-rendered")
	}

	// Findings name the blocks by their names, never by their ids.
	msgs := eval[[]string](p, `Array.from(document.querySelectorAll("#findings .finding-message")).map(m => m.textContent)`)
	if len(msgs) == 0 {
		t.Fatal("no findings to read")
	}
	ids := regexp.MustCompile(`\b(Jobs|Worker)\b`)
	named := false
	for _, m := range msgs {
		if ids.MatchString(m) {
			t.Errorf("a finding names a block by its id: %s", m)
		}
		named = named || strings.Contains(m, "Order worker")
	}
	if !named {
		t.Errorf("no finding names Order worker: %q", msgs)
	}
}
