package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Tidy up arranges the whole design, blocks placed by hand included, left
// to right the way requests flow, as one edit that one undo takes back;
// the L key does the same, and the keyboard help says so.
func TestTidyUpArrangesEverythingAsOneEdit(t *testing.T) {
	a := newApp(t)
	id, key := a.create(t, `{"format":"archlab/v1","title":"Tidy","blocks":[
		{"id":"Api","kind":"apigateway-http","x":400,"y":400},
		{"id":"Fn","kind":"lambda","x":400,"y":40},
		{"id":"Queue","kind":"sqs","x":40,"y":240},
		{"id":"Worker","kind":"lambda","x":40,"y":40}],
		"connections":[{"id":"c1","from":"Api","to":"Fn","integration":"invoke"},{"id":"c2","from":"Fn","to":"Queue","integration":"sdk"},{"id":"c3","from":"Queue","to":"Worker"}]}`)
	p := open(t, a, "/d/"+key+"/")
	p.do(chromedp.WaitVisible(`[data-block-id="Fn"]`))
	flowsRight := func() bool {
		xs := eval[[]float64](p, `["Api", "Fn", "Queue", "Worker"].map(id => document.querySelector('[data-block-id="' + id + '"] .block-body').getBoundingClientRect().x)`)
		return xs[0] < xs[1] && xs[1] < xs[2] && xs[2] < xs[3]
	}
	if flowsRight() {
		t.Fatal("the design is arranged already")
	}

	p.do(chromedp.Click(`.toolbar [data-action="tidy"]`))
	p.saved(2)
	if !flowsRight() {
		t.Fatal("Tidy up did not arrange the blocks left to right")
	}
	p.blocksApart()
	for _, b := range []string{"Api", "Fn", "Queue", "Worker"} {
		p.inView(b)
	}

	// One undo puts every block back.
	p.do(chromedp.Click(`[data-action="undo"]`))
	p.saved(3)
	d := a.design(t, id)
	if api, w := d.Block("Api"), d.Block("Worker"); api.X != 400 || api.Y != 400 || w.X != 40 || w.Y != 40 {
		t.Fatalf("after one undo Api is at %v,%v and Worker at %v,%v", api.X, api.Y, w.X, w.Y)
	}

	// L tidies up too, and the keyboard help lists it.
	p.unfocus()
	p.key("l")
	p.saved(4)
	if !flowsRight() {
		t.Fatal("L did not arrange the blocks")
	}
	p.key("?")
	p.do(chromedp.WaitVisible(`#help-dialog[open]`))
	help := eval[string](p, `[...document.querySelectorAll("#help-dialog dt")].filter(dt => dt.textContent.trim() == "L").map(dt => dt.nextElementSibling.textContent).join("")`)
	if !strings.HasPrefix(help, "tidy up: arrange the whole design") {
		t.Fatalf("the keyboard help says of L: %q", help)
	}
	if title := eval[string](p, `document.querySelector('[data-action="tidy"]').title`); !strings.Contains(title, "(L)") {
		t.Fatalf("the Tidy up button's title %q does not name its key", title)
	}
}

// Tidy up keeps a group together: a VPC whose members lie scattered, its
// box over blocks that are not in it, comes out as a box around exactly
// its members, every other block outside it.
func TestTidyUpKeepsAGroupTogether(t *testing.T) {
	a := newApp(t)
	_, key := a.create(t, `{"format":"archlab/v1","title":"Tidy groups","blocks":[
		{"id":"Users","kind":"client","x":40,"y":40},{"id":"Api","kind":"apigateway-http","x":304,"y":40},
		{"id":"Fn","kind":"lambda","x":40,"y":400},{"id":"Topic","kind":"sns","x":304,"y":240},
		{"id":"Other","kind":"lambda","x":304,"y":400},{"id":"Logs","kind":"s3","x":568,"y":240},
		{"id":"Db","kind":"dynamodb","x":568,"y":120}],
		"connections":[{"id":"c1","from":"Users","to":"Api"},{"id":"c2","from":"Api","to":"Other","integration":"invoke"},
		{"id":"c3","from":"Api","to":"Fn","integration":"invoke"},{"id":"c4","from":"Other","to":"Topic","integration":"sdk"},
		{"id":"c5","from":"Fn","to":"Logs","integration":"sdk"},{"id":"c6","from":"Fn","to":"Db","integration":"sdk"}],
		"groups":[{"id":"Vpc","kind":"vpc","name":"Private","blocks":["Fn","Db"]}]}`)
	p := open(t, a, "/d/"+key+"/")
	p.do(chromedp.WaitVisible(`[data-group-id="Vpc"] .group-box`))
	others := []string{"Users", "Api", "Topic", "Other", "Logs"}
	covered := func() []string {
		g := p.groupBox("Vpc")
		var out []string
		for _, b := range others {
			if p.blockBox(b).overlaps(g) {
				out = append(out, b)
			}
		}
		return out
	}
	if len(covered()) == 0 {
		t.Fatal("the scattered group covers no other block already")
	}

	p.do(chromedp.Click(`.toolbar [data-action="tidy"]`))
	p.saved(2)
	p.encloses("Vpc", "Fn", "Db")
	if c := covered(); len(c) > 0 {
		t.Fatalf("after Tidy up the group's box %+v covers %v, which are not in it", p.groupBox("Vpc"), c)
	}
	p.blocksApart()
	if fn, db := p.blockBox("Fn"), p.blockBox("Db"); fn.X >= db.X {
		t.Fatalf("Fn %+v is not left of Db %+v, which it calls", fn, db)
	}
}
