package rules

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/archlab/archlab/design"
)

var kebab = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

func TestRuleMetadata(t *testing.T) {
	reg := Default(design.Builtin())
	for _, m := range reg.Rules() {
		if !kebab.MatchString(m.ID) {
			t.Errorf("rule id %q is not kebab-case", m.ID)
		}
		if m.Title == "" || m.Scope == "" {
			t.Errorf("%s lacks a title or scope", m.ID)
		}
		if _, ok := ParseSeverity(string(m.Severity)); !ok {
			t.Errorf("%s has severity %q", m.ID, m.Severity)
		}
		for _, e := range m.Equivalents {
			tool, id, ok := strings.Cut(e, ":")
			if !ok || id == "" || !slices.Contains([]string{"serverless-rules", "cfn-lint", "cdk-nag"}, tool) {
				t.Errorf("%s: equivalent %q is not serverless-rules:, cfn-lint: or cdk-nag:<id>", m.ID, e)
			}
		}
	}
}

func TestEveryGuardHasItsRule(t *testing.T) {
	reg := Default(design.Builtin())
	for _, id := range guardRuleIDs(design.Builtin()) {
		if _, ok := reg.Rule(id); !ok {
			t.Errorf("catalogue guards name rule %q, which is not registered", id)
		}
	}
}

// Findings come out worst first, then by subjects, rule and message, equal
// findings in their order.
func TestSortMatchesAStableSort(t *testing.T) {
	sevs := []Severity{Info, Error, Warning}
	var fs []Finding
	for i := range 200 {
		// Some findings have no subject, some two: the first subject
		// decides most pairs, the rest only ties.
		subjects := []string{fmt.Sprint("B", i%11)}
		switch i % 13 {
		case 0:
			subjects = []string{}
		case 1, 2:
			subjects = append(subjects, fmt.Sprint("C", i%3))
		}
		fs = append(fs, Finding{Rule: fmt.Sprint("r", i%7), Severity: sevs[i%3], Subjects: subjects,
			Message: fmt.Sprint("m", i%5), KB: fmt.Sprint(i)})
	}
	want := slices.Clone(fs)
	slices.SortStableFunc(want, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Severity.Rank(), b.Severity.Rank()), slices.Compare(a.Subjects, b.Subjects),
			strings.Compare(a.Rule, b.Rule), strings.Compare(a.Message, b.Message))
	})
	// Workers each sort the findings of the rules they ran, and the sorted
	// lists are merged: split by rule as workers would, the merge must give
	// the stable sort's order, as must one report alone.
	var reports []*Report
	for w := range 3 {
		rep := &Report{}
		for _, f := range fs {
			if int(f.Rule[1]-'0')%3 == w {
				rep.findings = append(rep.findings, f)
			}
		}
		rep.keys = sortKeys(rep.findings, nil)
		reports = append(reports, rep)
	}
	merged := merge(reports)
	one := &Report{findings: fs}
	one.keys = sortKeys(fs, nil)
	copied := merge([]*Report{one})
	for i := range want {
		if copied[i].KB != want[i].KB {
			t.Fatalf("one sorted report: position %d holds finding %s, want %s", i, copied[i].KB, want[i].KB)
		}
		if merged[i].KB != want[i].KB {
			t.Fatalf("merged reports: position %d holds finding %s, want %s", i, merged[i].KB, want[i].KB)
		}
	}
	if len(merged) != len(want) || len(copied) != len(want) {
		t.Fatalf("merged %d and copied %d findings, want %d", len(merged), len(copied), len(want))
	}
	if fs[0].KB != "0" || fs[199].KB != "199" {
		t.Fatal("sorting changed the order of the reports' findings")
	}
}

// Every rule runs exactly once however many workers share the queue, also
// when there are more workers than rules.
func TestRuleQueueHandsOutEachRuleOnce(t *testing.T) {
	for _, rules := range []int{0, 1, 7, 130} {
		for _, workers := range []int{1, 2, 3, 8} {
			q := newRuleQueue(rules, workers)
			got := make([][]int, workers)
			var wg sync.WaitGroup
			for w := range workers {
				wg.Go(func() {
					for i, ok := q.take(w); ok; i, ok = q.take(w) {
						got[w] = append(got[w], i)
					}
				})
			}
			wg.Wait()
			var all []int
			for _, g := range got {
				all = append(all, g...)
			}
			slices.Sort(all)
			for i, n := range all {
				if n != i {
					t.Fatalf("%d rules, %d workers: handed out %v", rules, workers, all)
				}
			}
			if len(all) != rules {
				t.Fatalf("%d rules, %d workers: handed out %d", rules, workers, len(all))
			}
		}
	}
}
