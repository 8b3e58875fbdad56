package e2e

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/handlers"
	"github.com/archlab/archlab/internal/apptest"
	"github.com/archlab/archlab/store/sqlite"
)

// outageStore is a store whose database can go away. The first batch
// during an outage is applied but its answer lost, as when a connection
// dies between the commit and its acknowledgement; from then on every call
// fails until the outage ends.
type outageStore struct {
	*sqlite.DB
	down    atomic.Bool
	applied atomic.Int32 // batches applied during the outage
}

func (o *outageStore) away() error {
	return design.Errorf(design.EUNAVAILABLE, "the database is away (test)")
}

func (o *outageStore) ApplyOps(ctx context.Context, id, key string, b design.Batch) (*design.Applied, error) {
	if !o.down.Load() {
		return o.DB.ApplyOps(ctx, id, key, b)
	}
	if o.applied.Add(1) == 1 {
		if _, err := o.DB.ApplyOps(ctx, id, key, b); err != nil {
			return nil, err
		}
	}
	return nil, o.away()
}

func (o *outageStore) DesignByEditKey(ctx context.Context, key string) (*design.Design, error) {
	if o.down.Load() && o.applied.Load() > 0 {
		return nil, o.away()
	}
	return o.DB.DesignByEditKey(ctx, key)
}

// While the database is away, the editor says it is reconnecting, keeps
// the edits made meanwhile, and saves each once when it is back: the edit
// whose answer was lost is not applied a second time.
func TestEditorReconnectsAndNeverAppliesTwice(t *testing.T) {
	st := &outageStore{DB: apptest.Store(t)}
	a := &app{Server: apptest.Server(t, st, handlers.Options{WritesPerMinute: 100000}), store: st.DB}
	id, key := a.create(t, `{"format":"archlab/v1","title":"Outage","blocks":[{"id":"Api","kind":"apigateway-rest","x":80,"y":80}]}`)
	p := open(t, a, "/d/"+key)
	p.saved(1)

	st.down.Store(true)
	p.do(chromedp.Click(`.palette [data-add-kind="sqs"]`))
	p.until(`document.querySelector("#status").dataset.state == "reconnecting"`)
	status := eval[map[string]string](p, `(s => ({text: s.textContent, role: s.getAttribute("role"), live: s.getAttribute("aria-live"), visible: String(s.offsetParent !== null)}))(document.querySelector("#status"))`)
	if !strings.Contains(status["text"], "Reconnecting") || !strings.Contains(status["text"], "kept") || status["role"] != "status" || status["live"] != "polite" || status["visible"] != "true" {
		t.Fatalf("while away the status is %v", status)
	}
	// The database applied the edit, but the editor never heard so.
	if d := a.design(t, id); d.Version != 2 || d.Block("Queue") == nil {
		t.Fatalf("the lost edit: v%d", d.Version)
	}
	// Edits made meanwhile wait behind the first; a second queue takes
	// another id and another place than the first, still unsaved, one.
	p.do(chromedp.Click(`.palette [data-add-kind="lambda"]`))
	p.do(chromedp.Click(`.palette [data-add-kind="sqs"]`))

	st.down.Store(false)
	p.saved(4)
	d := a.design(t, id)
	if d.Block("Queue") == nil || d.Block("Function") == nil || d.Block("Queue2") == nil || len(d.Blocks) != 4 {
		t.Fatalf("after the outage the design holds %d blocks: %+v", len(d.Blocks), d.Blocks)
	}
	if q, q2 := d.Block("Queue"), d.Block("Queue2"); q.X == q2.X && q.Y == q2.Y {
		t.Errorf("both queues were placed at %v,%v", q.X, q.Y)
	}
	revs, err := a.store.Revisions(context.Background(), id, 0, 10)
	if err != nil || len(revs) != 4 {
		t.Fatalf("%d revisions (%v), want 4: each edit applied once", len(revs), err)
	}
	p.do(chromedp.WaitVisible(`[data-block-id="Queue"]`), chromedp.WaitVisible(`[data-block-id="Function"]`), chromedp.WaitVisible(`[data-block-id="Queue2"]`))
	if got := p.status(); !strings.HasPrefix(got, "Saved") {
		t.Fatalf("status after the outage: %q", got)
	}
}

// A value typed in the inspector while the database is away stays in its
// field and is saved, once, when the database is back.
func TestInspectorKeepsTypedValueWhileAway(t *testing.T) {
	st := &outageStore{DB: apptest.Store(t)}
	a := &app{Server: apptest.Server(t, st, handlers.Options{WritesPerMinute: 100000}), store: st.DB}
	id, key := a.create(t, `{"format":"archlab/v1","title":"Typed","blocks":[{"id":"Fn","kind":"lambda","props":{"Timeout":10}}]}`)
	p := open(t, a, "/d/"+key+"?select=Fn")
	p.do(chromedp.WaitVisible(`#inspector[data-id="Fn"] #prop-Timeout`))
	p.settled()

	st.applied.Store(1) // nothing applies during this outage
	st.down.Store(true)
	p.change(`#prop-Timeout`, "45")
	p.until(`document.querySelector("#status").dataset.state == "reconnecting"`)
	if got := eval[string](p, `document.querySelector("#prop-Timeout").value`); got != "45" {
		t.Fatalf("the typed value became %q while away", got)
	}
	st.down.Store(false)
	p.saved(2)
	if v, _ := a.design(t, id).Block("Fn").Props.Number("Timeout"); v != 45 {
		t.Fatalf("Timeout = %v after the outage", v)
	}
	if revs, err := a.store.Revisions(context.Background(), id, 0, 10); err != nil || len(revs) != 2 {
		t.Fatalf("%d revisions (%v), want 2", len(revs), err)
	}
}
