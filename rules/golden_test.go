package rules

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
)

// goldenFinding is what the golden files record of each finding: fixes are
// checked by the fixture tests, so here only whether there is one.
type goldenFinding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Subjects []string `json:"subjects"`
	Message  string   `json:"message"`
	HasFix   bool     `json:"hasFix,omitempty"`
}

// TestGolden runs the whole engine over each design in testdata/golden and
// compares all its findings with <name>.golden.json. Run with -update after
// a deliberate change, and read the diff.
func TestGolden(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "golden", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	reg := testRegistry()
	var designs int
	for _, p := range paths {
		if strings.HasSuffix(p, ".golden.json") {
			continue
		}
		designs++
		name := strings.TrimSuffix(filepath.Base(p), ".json")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			d, err := design.Decode(data, design.Builtin())
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			got := []goldenFinding{}
			for _, f := range reg.Check(d) {
				got = append(got, goldenFinding{Rule: f.Rule, Severity: f.Severity, Subjects: f.Subjects, Message: f.Message, HasFix: len(f.Fix) > 0})
			}
			out, err := json.MarshalIndent(got, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, '\n')
			goldenPath := strings.TrimSuffix(p, ".json") + ".golden.json"
			if *update {
				if err := os.WriteFile(goldenPath, out, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(goldenPath)
			if err != nil {
				t.Fatalf("no golden file for %s: run go test ./rules -run TestGolden -update", p)
			}
			if !bytes.Equal(out, want) {
				t.Errorf("findings for %s differ from %s (run with -update after a deliberate change):\n%s", p, goldenPath, diffLines(string(want), string(out)))
			}
		})
	}
	if designs < 5 {
		t.Fatalf("only %d golden designs; the engine needs whole-design coverage", designs)
	}
}

// diffLines shows the lines only one side has, enough to see what changed.
func diffLines(want, got string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	w, g := in(want), in(got)
	var b strings.Builder
	for _, l := range strings.Split(want, "\n") {
		if !g[l] {
			b.WriteString("- " + l + "\n")
		}
	}
	for _, l := range strings.Split(got, "\n") {
		if !w[l] {
			b.WriteString("+ " + l + "\n")
		}
	}
	return b.String()
}
