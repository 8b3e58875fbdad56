package content

import (
	"reflect"
	"slices"
	"sync"
	"testing"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
)

// The index is built on the first search. Searches that race to be first
// (run with -race) must all see the whole index and answer exactly what an
// index built eagerly, before any search, answers.
func TestFirstSearchesRaceToALazyIndex(t *testing.T) {
	cat := design.Builtin()
	lib, err := Load(cat, rules.Default(cat))
	if err != nil {
		t.Fatal(err)
	}
	if lib.index != nil {
		t.Fatal("Load built the search index; it should wait for the first search")
	}
	eager := newIndex(append(slices.Clone(lib.Articles), lib.RulePages...), cat.KindName)
	queries := []string{"visibility timeout", "fifo", "dead letter queue", "lambda concurrency", "cold start", "vpc", "q", "throttl", "kinesis shard"}
	got := make([][][]Result, 8)
	var wg sync.WaitGroup
	for g := range got {
		wg.Go(func() {
			for _, q := range queries {
				got[g] = append(got[g], lib.Search(q, 20))
			}
		})
	}
	wg.Wait()
	for g := range got {
		for i, q := range queries {
			want := eager.search(q, 20)
			if len(want) == 0 {
				t.Fatalf("%q finds nothing: the comparison would prove nothing", q)
			}
			if !reflect.DeepEqual(got[g][i], want) {
				t.Errorf("searcher %d, %q: lazy index answers %v, eager %v", g, q, titles(got[g][i]), titles(want))
			}
		}
	}
}

func titles(rs []Result) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Article.Title)
	}
	return out
}

// BenchmarkLoad is the knowledge base's share of a server's start.
func BenchmarkLoad(b *testing.B) {
	cat := design.Builtin()
	reg := rules.Default(cat)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(cat, reg); err != nil {
			b.Fatal(err)
		}
	}
}
