package lint

import (
	"context"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
)

// Check checks targets side by side, one per processor at most, and
// returns the findings of all in the targets' order (Sort orders them for
// output) and the files that could not be read, in the same order.
//
// A file that a checked template references (a nested stack's template,
// say) is checked as part of that template, where its parameters have the
// values the parent gives and its findings are reported at its own file
// and line; it is not checked again on its own, which would report its
// findings twice. When templates only reference each other in a cycle,
// the first in path order is checked.
//
// When ctx is done, no more targets are started, and Check returns ctx's
// error once those under way are done (each is bounded by the limits on
// what one template reads).
func (l *Linter) Check(ctx context.Context, targets []Target) ([]Result, []error, error) {
	done := make([]checked, len(targets))
	errs := make([]error, len(targets))
	workers := min(runtime.GOMAXPROCS(0), len(targets))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				done[i], errs[i] = l.check(targets[i])
			}
		})
	}
feed:
	for i := range targets {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}

	var results []Result
	var failed []error
	for i := range toReport(targets, done) {
		if errs[i] != nil {
			failed = append(failed, errs[i])
			continue
		}
		results = append(results, done[i].results...)
	}
	return results, failed, nil
}

// toReport yields the indexes of the targets to report: those no reported
// template read as part of itself.
func toReport(targets []Target, done []checked) func(yield func(int) bool) {
	return func(yield func(int) bool) {
		index := map[string]int{}
		for i, t := range targets {
			index[filepath.Clean(t.Path)] = i
		}
		// reads[i] are the targets template i read as part of itself.
		reads := make([][]int, len(targets))
		referenced := make([]bool, len(targets))
		for i, c := range done {
			for _, p := range c.read {
				if j, ok := index[filepath.Clean(p)]; ok && j != i {
					reads[i] = append(reads[i], j)
					referenced[j] = true
				}
			}
		}
		// Report every template nothing references, and what it reaches
		// is covered; then, in order, each template left over (one of a
		// cycle) and what it reaches.
		covered := make([]bool, len(targets))
		var cover func(i int)
		cover = func(i int) {
			for _, j := range reads[i] {
				if !covered[j] {
					covered[j] = true
					cover(j)
				}
			}
		}
		var report []int
		for i := range targets {
			if !referenced[i] {
				report = append(report, i)
				cover(i)
			}
		}
		for i := range targets {
			if referenced[i] && !covered[i] {
				report = append(report, i)
				covered[i] = true
				cover(i)
			}
		}
		slices.Sort(report)
		for _, i := range report {
			if !yield(i) {
				return
			}
		}
	}
}
