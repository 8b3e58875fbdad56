package rules

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/archlab/archlab/design"
)

var update = flag.Bool("update", false, "rewrite the expected findings of fixtures and golden files")

// fixtureDay is the date the fixtures are checked on, so that rules about
// dates (runtime deprecations) give the same findings every day.
var fixtureDay = time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)

func testRegistry() *Registry {
	return Default(design.Builtin()).WithClock(func() time.Time { return fixtureDay })
}

// Every rule has a fixture file, testdata/fixtures/<rule-id>.txtar, holding
// designs that must trigger it (trigger*.json, with the exact findings
// expected in trigger*.want) and designs that must not (pass*.json). The
// test below runs each rule over its fixtures, so a rule without both kinds
// of fixture fails, and applies every fix a finding offers to check that it
// clears the finding.
//
// A .want line is "<severity> <subject,subject>: <message>".

func TestEveryRuleHasFixtures(t *testing.T) {
	reg := Default(design.Builtin())
	for _, m := range reg.Rules() {
		if IsTemplateCheck(m.ID) {
			continue // found by the importer; lint's tests show it
		}
		t.Run(m.ID, func(t *testing.T) {
			ar := mustFixture(t, m.ID)
			var triggers, passes int
			for _, f := range ar.Files {
				switch {
				case strings.HasPrefix(f.Name, "trigger") && strings.HasSuffix(f.Name, ".json"):
					triggers++
				case strings.HasPrefix(f.Name, "pass") && strings.HasSuffix(f.Name, ".json"):
					passes++
				}
			}
			if triggers == 0 || passes == 0 {
				t.Fatalf("%s has %d trigger and %d pass fixtures; it needs at least one of each", m.ID, triggers, passes)
			}
		})
	}
}

func mustFixture(tb testing.TB, id string) *txtar.Archive {
	tb.Helper()
	ar, err := txtar.ParseFile(fixturePath(id))
	if err != nil {
		tb.Fatalf("rule %s has no fixture file: %v", id, err)
	}
	return ar
}

func fixturePath(id string) string { return filepath.Join("testdata", "fixtures", id+".txtar") }

func TestRulesOverTheirFixtures(t *testing.T) {
	cat := design.Builtin()
	reg := testRegistry()
	for _, m := range reg.Rules() {
		if IsTemplateCheck(m.ID) {
			continue // found by the importer; lint's tests show it
		}
		t.Run(m.ID, func(t *testing.T) {
			ar := mustFixture(t, m.ID)
			changed := false
			var designs []txtar.File
			for _, f := range ar.Files {
				if strings.HasSuffix(f.Name, ".json") {
					designs = append(designs, f)
				}
			}
			for _, f := range designs {
				name := strings.TrimSuffix(f.Name, ".json")
				d, err := design.Decode(f.Data, cat)
				if err != nil {
					t.Fatalf("%s: %v", f.Name, err)
				}
				got := only(reg.Check(d), m.ID)
				switch {
				case strings.HasPrefix(name, "pass"):
					if len(got) > 0 {
						t.Errorf("%s must not trigger %s, but it reports:\n%s", f.Name, m.ID, wantLines(got))
					}
				case strings.HasPrefix(name, "trigger"):
					if len(got) == 0 {
						t.Errorf("%s must trigger %s, but it does not", f.Name, m.ID)
						continue
					}
					wantName := name + ".want"
					want := fileOf(ar, wantName)
					if *update {
						changed = setFile(ar, f.Name, wantName, []byte(wantLines(got))) || changed
					} else if want == nil {
						t.Errorf("%s has no %s with the findings it must produce; run go test ./rules -update", f.Name, wantName)
					} else if strings.TrimSpace(string(want)) != strings.TrimSpace(wantLines(got)) {
						t.Errorf("%s: findings differ\n got:\n%s\nwant:\n%s", f.Name, wantLines(got), want)
					}
					checkFixes(t, reg, d, got, f.Name, m.ID)
				default:
					t.Errorf("fixture file %s: name it trigger*.json or pass*.json", f.Name)
				}
			}
			if changed {
				if err := os.WriteFile(fixturePath(m.ID), txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// checkFixes applies each finding's fix on its own and checks that the
// finding is gone and that the fix did not break the design.
func checkFixes(t *testing.T, reg *Registry, d *design.Design, fs []Finding, file, rule string) {
	t.Helper()
	for _, f := range fs {
		if len(f.Fix) == 0 {
			continue
		}
		fixed, _, err := design.Apply(d, f.Fix, reg.Catalogue())
		if err != nil {
			t.Errorf("%s: the fix for %v does not apply: %v", file, f.Subjects, err)
			continue
		}
		for _, after := range only(reg.Check(fixed), rule) {
			if slices.Equal(after.Subjects, f.Subjects) {
				t.Errorf("%s: after its fix, %s still reports %v: %s", file, rule, f.Subjects, after.Message)
			}
		}
		before := map[string]bool{}
		for _, b := range only(reg.Check(d), "property-range") {
			before[b.Message] = true
		}
		for _, after := range only(reg.Check(fixed), "property-range") {
			if !before[after.Message] {
				t.Errorf("%s: the fix for %v puts a property out of range: %s", file, f.Subjects, after.Message)
			}
		}
	}
}

func wantLines(fs []Finding) string {
	var b bytes.Buffer
	for _, f := range fs {
		fmt.Fprintf(&b, "%s %s: %s\n", f.Severity, strings.Join(f.Subjects, ","), f.Message)
	}
	return b.String()
}

func fileOf(ar *txtar.Archive, name string) []byte {
	for _, f := range ar.Files {
		if f.Name == name {
			return f.Data
		}
	}
	return nil
}

// setFile sets a file's content, adding it after the file named after if it
// is new, and reports whether anything changed.
func setFile(ar *txtar.Archive, after, name string, data []byte) bool {
	for j := range ar.Files {
		if ar.Files[j].Name == name {
			if bytes.Equal(ar.Files[j].Data, data) {
				return false
			}
			ar.Files[j].Data = data
			return true
		}
	}
	i := slices.IndexFunc(ar.Files, func(f txtar.File) bool { return f.Name == after })
	ar.Files = slices.Insert(ar.Files, i+1, txtar.File{Name: name, Data: data})
	return true
}
