package handlers_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/archlab/archlab/handlers"
)

// metricSeries counts the request series /metrics holds: one line per
// label set of archlab's own counters and histograms.
func metricSeries(tb testing.TB, s *server) (int, string) {
	tb.Helper()
	r := s.do(tb, "GET", "/metrics", "", nil)
	if r.status != http.StatusOK {
		tb.Fatalf("/metrics answered %d", r.status)
	}
	n := 0
	for line := range strings.Lines(string(r.body)) {
		if strings.HasPrefix(line, "archlab_http_") {
			n++
		}
	}
	return n, string(r.body)
}

// Each label value is a series /metrics keeps for good, so requests must
// not choose them: invented methods and random paths fall into one
// "other" method and one "unmatched" route.
func TestMetricsSeriesAreBoundedWhateverTheRequests(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	send := func(from, to int) {
		for i := from; i < to; i++ {
			s.do(t, fmt.Sprintf("INVENTED%d", i), fmt.Sprintf("/no/such/page/%d", i), "", nil)
			s.do(t, "GET", fmt.Sprintf("/random-%d/path", i), "", nil)
			s.do(t, fmt.Sprintf("BREW%d", i), "/api/v1/designs", "", nil)
			s.do(t, "GET", fmt.Sprintf("/kb/no-such-article-%d", i), "", nil)
		}
	}
	send(0, 5)
	metricSeries(t, s) // the first read of /metrics is a series too
	before, _ := metricSeries(t, s)
	send(5, 300)
	after, body := metricSeries(t, s)
	if after != before {
		t.Errorf("/metrics grew from %d to %d series with invented methods and paths", before, after)
	}
	for _, leak := range []string{"INVENTED", "BREW", "random-", "no-such-article", "/no/such"} {
		if strings.Contains(body, leak) {
			t.Errorf("/metrics is labelled with what a request chose: %q", leak)
		}
	}
	for _, want := range []string{`method="other"`, `route="unmatched"`} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

// With SeparateMetrics the public routes do not serve /metrics; Metrics
// serves what they measured.
func TestSeparateMetricsAreOffThePublicRoutes(t *testing.T) {
	s := mustServer(t, handlers.Options{SeparateMetrics: true})
	if r := s.do(t, "GET", "/healthz", "", nil); r.status != http.StatusOK {
		t.Fatalf("healthz %d", r.status)
	}
	if r := s.do(t, "GET", "/metrics", "", nil); r.status != http.StatusNotFound {
		t.Errorf("/metrics on the public routes answered %d, want 404", r.status)
	}
}
