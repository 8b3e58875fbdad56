package content

import (
	"slices"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
)

var testLibrary = sync.OnceValues(func() (*Library, error) {
	cat := design.Builtin()
	return Load(cat, rules.Default(cat))
})

func mustLibrary(tb testing.TB) *Library {
	tb.Helper()
	lib, err := testLibrary()
	if err != nil {
		tb.Fatal(err)
	}
	return lib
}

func TestSearchRanksTitlesFirst(t *testing.T) {
	lib := mustLibrary(t)
	tests := []struct {
		query string
		top   string // a page that must be among the first three
	}{
		{"sqs", "/kb/sqs"},
		{"step functions", "/kb/step-functions"},
		{"visibility timeout", "/kb/rules/sqs-visibility-below-timeout"},
		{"dead-letter queues", "/kb/dead-letter-queues-and-destinations"},
		{"cold start", "/kb/cold-starts-and-provisioned-concurrency"},
		{"kines", "/kb/kinesis-data-streams"}, // the last word is a prefix: results follow typing
		{"Queues", "/kb/sqs"},                 // case and plurals do not matter
	}
	for _, tt := range tests {
		res := lib.Search(tt.query, 10)
		var paths []string
		for _, r := range res {
			paths = append(paths, r.Article.Path)
		}
		if i := slices.Index(paths, tt.top); i < 0 || i > 2 {
			t.Errorf("search %q: %s is at %d of %v; want it in the first three", tt.query, tt.top, i, paths)
		}
	}
}

func TestSearchSnippetsMarkTheWords(t *testing.T) {
	lib := mustLibrary(t)
	res := lib.Search("batch size", 5)
	if len(res) == 0 {
		t.Fatal("no results for batch size")
	}
	marked := false
	for _, p := range res[0].Snippet {
		marked = marked || p.Match
	}
	if !marked {
		t.Errorf("the snippet of %s marks no word: %v", res[0].Article.Path, res[0].Snippet)
	}
	for _, q := range []string{"", "   ", "the and of", "zzzxqy"} {
		if res := lib.Search(q, 5); len(res) != 0 {
			t.Errorf("search %q finds %d pages; want none", q, len(res))
		}
	}
}

// BenchmarkSearch reports the median and 99th percentile of a search over
// the whole knowledge base, queries taken from what readers type.
func BenchmarkSearch(b *testing.B) {
	lib := mustLibrary(b)
	queries := []string{"visibility timeout", "fifo", "dead letter queue", "lambda concurrency", "api gateway 29 seconds",
		"kinesis shard", "eventbridge retry", "step functions express", "cold start", "vpc", "q", "throttl"}
	var durations []time.Duration
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		lib.Search(queries[i%len(queries)], 20)
		durations = append(durations, time.Since(start))
	}
	sort.Slice(durations, func(i, j int) bool { return durations[i] < durations[j] })
	b.ReportMetric(float64(durations[len(durations)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(durations[len(durations)*99/100].Microseconds()), "p99-µs")
}
