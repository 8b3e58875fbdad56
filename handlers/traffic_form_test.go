package handlers_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/archlab/archlab/handlers"
)

// The block inspector's traffic section saves traffic and assumptions as
// operations, and the editor answers with the figures, the heat classes
// and the monthly total.
func TestInspectorSavesTrafficAndShowsFigures(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, `{"format":"archlab/v1","title":"Busy","blocks":[
		{"id":"Api","kind":"apigateway-rest"},
		{"id":"Worker","kind":"lambda","props":{"Timeout":10,"ReservedConcurrentExecutions":50}}],
		"connections":[{"id":"c1","from":"Api","to":"Worker","integration":"invoke"}]}`)
	r, doc := s.postInspector(t, c, "Api", 1, url.Values{"t:averagePerSecond": {"100"}, "t:peakPerSecond": {"500"}, "t:payloadBytes": {""}})
	if r.status != 200 {
		t.Fatalf("save: %d %s", r.status, r.body)
	}
	d := s.stored(t, c.ID)
	if tr := d.Traffic["Api"]; tr.Peak() != 500 || tr.Average() != 100 || tr.PayloadBytes != nil {
		t.Fatalf("stored traffic = %+v", d.Traffic)
	}
	// 500 requests/s × 0.1 s (the default duration) = 50 concurrent: 100%
	// of the 50 reserved, the high band; the title says the figures.
	worker := doc.Find(`#diagram [data-block-id="Worker"]`)
	if !worker.HasClass("heat-high") || !strings.Contains(worker.Find("title").First().Text(), "50 concurrent at peak") {
		t.Fatalf("worker = %q, %q", worker.AttrOr("class", ""), worker.Find("title").First().Text())
	}
	if total := doc.Find(`[data-testid=monthly-total]`).Text(); !strings.Contains(total, "$") {
		t.Fatalf("monthly total = %q", total)
	}
	if fig := doc.Find(`[data-testid=block-figures]`).Text(); !strings.Contains(fig, "100 requests/s average, 500 at peak") {
		t.Fatalf("inspector figures = %q", fig)
	}
	// An assumption: 200 ms doubles the concurrency to 100, over the limit.
	r, doc = s.postInspector(t, c, "Worker", 2, url.Values{"a:durationMs": {"200"}})
	if r.status != 200 || s.stored(t, c.ID).AssumptionsOf("Worker") == nil {
		t.Fatalf("assumption: %d %s", r.status, r.body)
	}
	if w := doc.Find(`#diagram [data-block-id="Worker"]`); !w.HasClass("heat-over") {
		t.Fatalf("worker = %q", w.AttrOr("class", ""))
	}
	// Not a number: refused, naming the field, kept as typed.
	r, doc = s.postInspector(t, c, "Worker", 3, url.Values{"a:durationMs": {"fast"}})
	if r.status != 422 || doc.Find(`#traffic-durationMs`).AttrOr("value", "") != "fast" {
		t.Fatalf("a word: %d %s", r.status, r.body)
	}
	// Peak below average: the design refuses it, nothing is stored.
	r, _ = s.postInspector(t, c, "Api", 3, url.Values{"t:averagePerSecond": {"100"}, "t:peakPerSecond": {"10"}})
	if r.status != 422 || s.stored(t, c.ID).Traffic["Api"].Peak() != 500 {
		t.Fatalf("peak below average: %d %s", r.status, r.body)
	}
}
