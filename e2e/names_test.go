package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A long name is shown whole, within its block: wrapped or smaller, never
// cut; hovering shows it in the tooltip.
func TestLongNamesShowInFull(t *testing.T) {
	a := newApp(t)
	_, key := a.create(t, `{"format":"archlab/v1","title":"Names","blocks":[
		{"id":"Sender","kind":"lambda","name":"OrderConfirmationEmailSender","x":40,"y":40,"props":{"Timeout":30,"MemorySize":512}},
		{"id":"Spaced","kind":"sqs","name":"Order confirmation emails waiting","x":280,"y":40},
		{"id":"Short","kind":"sns","name":"Events","x":520,"y":40}]}`)
	p := open(t, a, "/d/"+key+"/")
	p.do(chromedp.WaitVisible(`[data-block-id="Sender"]`))
	for id, name := range map[string]string{"Sender": "OrderConfirmationEmailSender", "Spaced": "Order confirmation emails waiting", "Short": "Events"} {
		shown := eval[string](p, `Array.from(document.querySelectorAll('[data-block-id="`+id+`"] .block-name')).map(t => t.textContent).join(" ")`)
		if strings.Contains(shown, "…") || strings.ReplaceAll(shown, " ", "") != strings.ReplaceAll(name, " ", "") {
			t.Fatalf("%s shows its name as %q, not %q", id, shown, name)
		}
		body := p.rect(`[data-block-id="` + id + `"] .block-body`)
		n := eval[int](p, `document.querySelectorAll('[data-block-id="`+id+`"] .block-name').length`)
		for i := range n {
			line := p.rectN(`[data-block-id="`+id+`"] .block-name`, i)
			if !line.inside(body) {
				t.Fatalf("line %d of %s's name, %+v, runs out of its block %+v", i+1, id, line, body)
			}
		}
		// The name does not run into the lines below it.
		names, kind := p.rectN(`[data-block-id="`+id+`"] .block-name`, n-1), p.rect(`[data-block-id="`+id+`"] .block-kind`)
		if names.bottom() > kind.Y+2 {
			t.Fatalf("%s's name %+v runs into its kind %+v", id, names, kind)
		}
		if title := eval[string](p, `document.querySelector('[data-block-id="`+id+`"] > title').textContent`); !strings.Contains(title, name) {
			t.Fatalf("%s's tooltip %q does not hold its name", id, title)
		}
		if s := eval[float64](p, `parseFloat(getComputedStyle(document.querySelector('[data-block-id="`+id+`"] .block-name')).fontSize)`); s < 10 {
			t.Fatalf("%s's name is set at %.1f px", id, s)
		}
	}
}

// rectN is where the i-th element matching sel is drawn.
func (p page) rectN(sel string, i int) box {
	p.t.Helper()
	xywh := eval[[]float64](p, `(() => { const r = document.querySelectorAll('`+sel+`')[`+fmt.Sprint(i)+`].getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })()`)
	return box{xywh[0], xywh[1], xywh[2], xywh[3]}
}
