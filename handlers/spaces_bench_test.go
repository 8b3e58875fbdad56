package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/handlers"
	"github.com/archlab/archlab/internal/apptest"
	"github.com/archlab/archlab/store/storetest"
)

// BenchmarkEditorRoundTripInSpace is BenchmarkEditorRoundTrip for a
// design in a space, whose summary each edit records: compare the two
// for what keeping a space's listing current costs an edit.
func BenchmarkEditorRoundTripInSpace(b *testing.B) {
	st := apptest.Store(b)
	h := apptest.Handler(b, st, handlers.Options{WritesPerMinute: 1 << 30})
	routes := h.Routes()
	ctx := context.Background()
	c, err := st.CreateDesign(ctx, storetest.HundredBlockDesign(b))
	if err != nil {
		b.Fatal(err)
	}
	sp, err := st.CreateSpace(ctx, "Bench")
	if err != nil {
		b.Fatal(err)
	}
	if err := st.PlaceDesign(ctx, sp.Space.ID, design.SummaryOf(c.Design)); err != nil {
		b.Fatal(err)
	}
	version := 1
	var durations []time.Duration
	for i := 0; b.Loop(); i++ {
		body := fmt.Sprintf(`{"baseVersion":%d,"selected":"F3","ops":[{"op":"moveBlock","id":"F%d","x":%d,"y":%d}]}`, version, i%50, 400+(i%7)*8, (i%50)*120)
		req := httptest.NewRequest("POST", "/d/"+c.EditKey+"/ops", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("HX-Request", "true")
		rec := httptest.NewRecorder()
		start := time.Now()
		routes.ServeHTTP(rec, req)
		durations = append(durations, time.Since(start))
		if rec.Code != http.StatusOK {
			b.Fatalf("edit %d answered %d: %.300s", i, rec.Code, rec.Body.String())
		}
		version++
	}
	items, err := st.SpaceDesigns(ctx, sp.Space.ID, design.SpaceFilter{})
	if err != nil || len(items) != 1 || items[0].Version != version {
		b.Fatalf("the space lists %+v (%v), want the design at v%d", items, err, version)
	}
	slices.Sort(durations)
	pct := func(p float64) float64 {
		return float64(durations[int(float64(len(durations)-1)*p)].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.5), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}
