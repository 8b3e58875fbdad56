package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A team adopts archlab on day one: --write-baseline records today's
// findings and passes, --baseline then reports only what is new.
func TestLintBaseline(t *testing.T) {
	dir := writeFiles(t, map[string]string{"designs/orders.archlab.json": lintDesign})
	baseline := filepath.Join(dir, ".archlab-baseline.json")
	if code, _, _ := runLint(t, dir); code != 1 {
		t.Fatalf("without a baseline the error fails: exit %d", code)
	}
	code, out, errOut := runLint(t, "--write-baseline", baseline, dir)
	if code != 0 || !strings.Contains(errOut, "recorded 6 findings in "+baseline) || !strings.HasSuffix(out, "0 errors, 0 warnings, 0 info\n6 findings suppressed: 6 by the baseline\n") {
		t.Fatalf("--write-baseline: exit %d\n%s\n%s", code, out, errOut)
	}
	data, err := os.ReadFile(baseline)
	if err != nil || !strings.Contains(string(data), `{"file":"designs/orders.archlab.json","rule":"sqs-visibility-below-timeout","subjects":["OrderQueue","c1"],"count":1}`) {
		t.Fatalf("baseline file:\n%s (%v)", data, err)
	}
	// Linting the file rather than the folder, from the baseline's folder
	// or elsewhere, finds the same findings.
	if code, out, _ := runLint(t, "--baseline", baseline, filepath.Join(dir, "designs", "orders.archlab.json")); code != 0 || !strings.HasPrefix(out, "0 errors") {
		t.Fatalf("--baseline on the file: exit %d\n%s", code, out)
	}
	// A new finding shows, and fails the run; the old ones stay hidden.
	changed := strings.Replace(lintDesign, `{"id":"Worker","kind":"lambda","props":{"Timeout":30}}`,
		`{"id":"Worker","kind":"lambda","props":{"Timeout":30}},{"id":"Audit","kind":"lambda","props":{"Timeout":30}}`, 1)
	if err := os.WriteFile(filepath.Join(dir, "designs", "orders.archlab.json"), []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runLint(t, "--baseline", baseline, "--fail-on", "info", dir)
	if code != 1 || strings.Contains(out, "sqs-visibility-below-timeout") || !strings.Contains(out, " Audit: ") {
		t.Fatalf("--baseline after a change: exit %d\n%s", code, out)
	}
	// Fixing a recorded finding is told, with how to drop it.
	fixed := strings.Replace(changed, `"VisibilityTimeout":10`, `"VisibilityTimeout":180`, 1)
	if err := os.WriteFile(filepath.Join(dir, "designs", "orders.archlab.json"), []byte(fixed), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, errOut := runLint(t, "--baseline", baseline, dir); !strings.Contains(errOut, "1 finding of "+baseline+" is gone; --write-baseline "+baseline+" records what is left") {
		t.Fatalf("stderr after a fix: %q", errOut)
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if strings.Contains(line, "designs/orders.archlab.json") && !strings.Contains(line, "Audit") {
			t.Errorf("an old finding is reported: %s", line)
		}
	}
	// JSON leaves them out too.
	if _, out, _ := runLint(t, "--baseline", baseline, "--format", "json", dir); strings.Contains(out, "sqs-visibility-below-timeout") {
		t.Fatalf("JSON shows a baselined finding:\n%s", out)
	}
}

func TestLintBaselineRefusals(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"orders.archlab.json":        lintDesign,
		"bad-baseline.json":          `{"version": 7, "findings": []}`,
		"broken/broken.archlab.json": `{"format":"archlab/v1",`,
	})
	for _, tc := range []struct {
		name string
		args []string
		says string
	}{
		{"both flags", []string{"--baseline", "a.json", "--write-baseline", "b.json", dir}, "not both"},
		{"missing baseline", []string{"--baseline", filepath.Join(dir, "none.json"), dir}, "no such file"},
		{"bad baseline", []string{"--baseline", filepath.Join(dir, "bad-baseline.json"), dir}, "version: 7 is not a baseline version"},
		{"unreadable input", []string{"--write-baseline", filepath.Join(dir, "new.json"), dir}, "not writing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runLint(t, tc.args...)
			if code != 2 || !strings.Contains(errOut, tc.says) {
				t.Fatalf("exit %d, stderr %q; want 2 saying %q", code, errOut, tc.says)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "new.json")); err == nil {
		t.Fatal("a baseline was written although a file could not be read")
	}
}
