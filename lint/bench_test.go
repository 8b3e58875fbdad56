package lint

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
)

// BenchmarkLintCorpus is archlab lint over the SAM translator's corpus
// (831 templates, ../shared/corpora or ARCHLAB_CORPUS_DIR): finding the
// templates in the folder, checking them, ordering the findings. "parallel" is
// what archlab lint does, a worker a processor; "one-by-one" checks one
// template after another in one process, for comparison. The figure
// beside one process per file is scripts/lint-speed.sh's.
//
//	go test ./lint -run '^$' -bench BenchmarkLintCorpus -benchmem
func BenchmarkLintCorpus(b *testing.B) {
	dir := os.Getenv("ARCHLAB_CORPUS_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "corpora", "sam-translator")
	}
	if _, err := os.Stat(dir); err != nil {
		b.Skip("no corpus: set ARCHLAB_CORPUS_DIR to a folder of SAM templates (../shared/corpora/sam-translator)")
	}
	reg := rules.Default(design.Builtin())
	l := &Linter{Rules: reg}
	run := func(b *testing.B, check func([]Target) []Result) {
		for b.Loop() {
			targets, err := Targets(context.Background(), []string{dir}, "")
			if err != nil || len(targets) < 500 {
				b.Fatalf("%d templates: %v", len(targets), err)
			}
			Sort(check(targets))
		}
	}
	b.Run("parallel", func(b *testing.B) {
		run(b, func(ts []Target) []Result {
			rs, _, _ := l.Check(context.Background(), ts)
			return rs
		})
	})
	b.Run("one-by-one", func(b *testing.B) {
		run(b, func(ts []Target) []Result {
			var all []Result
			for _, t := range ts {
				c, _ := l.check(t)
				all = append(all, c.results...)
			}
			return all
		})
	})
}
