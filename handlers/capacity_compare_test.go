package handlers_test

import (
	"strings"
	"testing"

	"github.com/archlab/archlab/handlers"
)

// Raising a reservation removes the throttling at peak: the compare page
// says so, with the cost change and the traffic change.
func TestCompareShowsCostAndCapacity(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, strings.Replace(trafficDoc, `"MemorySize":512`, `"MemorySize":512,"ReservedConcurrentExecutions":50`, 1))
	if r := s.ops(t, c, `{"baseVersion":1,"ops":[{"op":"updateBlock","id":"Worker","props":{"ReservedConcurrentExecutions":120}},
		{"op":"setTraffic","id":"Api","traffic":{"averagePerSecond":150,"peakPerSecond":500,"payloadBytes":2048}}]}`); r.status != 200 {
		t.Fatalf("ops: %d %s", r.status, r.body)
	}
	history := page(t, s.do(t, "GET", "/v/"+c.ID+"/history", "", nil)).Find("[data-testid=history]").Text()
	if !strings.Contains(history, "traffic") {
		t.Fatalf("history:\n%s", history)
	}
	doc := page(t, s.do(t, "GET", "/v/"+c.ID+"/compare?from=1&to=2", "", nil))
	got := doc.Find("[data-testid=capacity-delta]").Text()
	if !strings.HasPrefix(got, "This change adds $") || !strings.Contains(got, "removes the throttling at peak of Worker") {
		t.Fatalf("capacity delta = %q", got)
	}
	if tc := doc.Find("[data-testid=traffic-change]").Text(); !strings.Contains(tc, "traffic of Api: 100/s average") {
		t.Fatalf("traffic change = %q", tc)
	}
}
