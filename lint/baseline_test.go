package lint

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/archlab/archlab/rules"
)

func testResult(file, rule string, line int, message string, subjects ...string) Result {
	return Result{File: file, Rule: rule, Severity: rules.Warning, Subjects: subjects, Message: message, Line: line}
}

func TestBaselineFileIsStableAndReadsBack(t *testing.T) {
	dir := t.TempDir()
	rs := []Result{
		testResult(filepath.Join(dir, "svc/template.yaml"), "sqs-no-redrive", 9, "m", "OrderQueue"),
		testResult(filepath.Join(dir, "a/template.yaml"), "lambda-tracing", 3, "m", "Fn"),
		testResult(filepath.Join(dir, "svc/template.yaml"), "sqs-visibility-6x", 9, "m", "c1", "OrderQueue"),
		testResult(filepath.Join(dir, "svc/template.yaml"), "sqs-no-redrive", 20, "m", "OrderQueue"),
		testResult(filepath.Join(dir, "svc/template.yaml"), ImportNote, 30, "m"),
		{File: filepath.Join(dir, "a/template.yaml"), Rule: "lambda-memory-default", Subjects: []string{"Fn"}, Suppressed: &Suppression{Kind: SuppressedInSource}},
	}
	var out bytes.Buffer
	if err := NewBaseline(rs, dir).Write(&out); err != nil {
		t.Fatal(err)
	}
	want := `{
  "version": 1,
  "findings": [
    {"file":"a/template.yaml","rule":"lambda-tracing","subjects":["Fn"],"count":1},
    {"file":"svc/template.yaml","rule":"import-note","subjects":[],"count":1},
    {"file":"svc/template.yaml","rule":"sqs-no-redrive","subjects":["OrderQueue"],"count":2},
    {"file":"svc/template.yaml","rule":"sqs-visibility-6x","subjects":["OrderQueue","c1"],"count":1}
  ]
}
`
	if out.String() != want {
		t.Fatalf("baseline:\n%s\nwant:\n%s", out.String(), want)
	}
	path := filepath.Join(dir, ".archlab-baseline.json")
	if err := NewBaseline(rs, dir).WriteFile(path); err != nil {
		t.Fatal(err)
	}
	b, err := ReadBaseline(path)
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := b.Write(&again); err != nil || again.String() != want {
		t.Fatalf("read back and written again:\n%s (%v)", again.String(), err)
	}
	var empty bytes.Buffer
	if err := NewBaseline(nil, dir).Write(&empty); err != nil || empty.String() != "{\n  \"version\": 1,\n  \"findings\": []\n}\n" {
		t.Fatalf("empty baseline = %q (%v)", empty.String(), err)
	}
}

// A baseline hides the findings it holds, whatever their line or message,
// from wherever lint runs, and shows a new one: another rule, another
// subject, or one more of the same.
func TestBaselineHidesOldFindingsAndShowsNewOnes(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "svc", "template.yaml")
	today := []Result{
		testResult(file, "sqs-no-redrive", 9, "OrderQueue has no dead-letter queue", "OrderQueue"),
		testResult(file, "lambda-tracing", 3, "Fn records no traces", "Fn"),
		testResult(file, "lambda-tracing", 40, "Fn2 records no traces", "Fn2"),
	}
	b := NewBaseline(today, dir)

	rel, err := filepath.Rel(mustGetwd(t), file)
	if err != nil {
		t.Fatal(err)
	}
	later := []Result{
		// Moved and reworded: still the same finding.
		testResult(rel, "sqs-no-redrive", 19, "OrderQueue lacks a dead-letter queue", "OrderQueue"),
		testResult("./"+filepath.ToSlash(rel), "lambda-tracing", 13, "Fn records no traces", "Fn"),
		// New: another subject, another rule, and a second of a kind.
		testResult(file, "lambda-tracing", 50, "Fn3 records no traces", "Fn3"),
		testResult(file, "sqs-visibility-6x", 9, "m", "OrderQueue"),
		testResult(file, "sqs-no-redrive", 60, "a second queue of that name", "OrderQueue"),
		// Another file.
		testResult(filepath.Join(dir, "other", "template.yaml"), "sqs-no-redrive", 9, "m", "OrderQueue"),
	}
	gone := b.Apply(later, dir, ".archlab-baseline.json")
	if gone != 1 {
		t.Errorf("gone = %d, want 1 (Fn2's finding was fixed)", gone)
	}
	var reported []string
	for _, r := range later {
		if r.Suppressed == nil {
			reported = append(reported, r.Rule+" "+strings.Join(r.Subjects, ",")+" "+filepath.Base(filepath.Dir(r.File)))
			continue
		}
		if r.Suppressed.Kind != SuppressedExternal {
			t.Errorf("%s suppressed as %s", r.Rule, r.Suppressed.Kind)
		}
	}
	want := "lambda-tracing Fn3 svc|sqs-visibility-6x OrderQueue svc|sqs-no-redrive OrderQueue svc|sqs-no-redrive OrderQueue other"
	if got := strings.Join(reported, "|"); got != want {
		t.Fatalf("reported = %s\nwant       %s", got, want)
	}
}

func mustGetwd(tb testing.TB) string {
	tb.Helper()
	wd, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	return wd
}

func TestReadBaselineRefusesWithTheField(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, content, says string
	}{
		{"malformed", `{"version": 1, "findings": [`, "ends early"},
		{"no version", `{"findings": []}`, "version: is required"},
		{"a later version", `{"version": 2, "findings": []}`, "version: 2 is not a baseline version"},
		{"unknown field", `{"version": 1, "findings": [], "tool": "x"}`, "tool: unknown field"},
		{"entry without a rule", `{"version": 1, "findings": [{"file": "t.yaml", "subjects": [], "count": 1}]}`, "findings[0].rule: is required"},
		{"entry without a file", `{"version": 1, "findings": [{"rule": "r", "subjects": [], "count": 1}]}`, "findings[0].file: is required"},
		{"count zero", `{"version": 1, "findings": [{"file": "t.yaml", "rule": "r", "subjects": [], "count": 0}]}`, "findings[0].count: must be 1 or more"},
		{"subjects not a list", `{"version": 1, "findings": [{"file": "t.yaml", "rule": "r", "subjects": "Q", "count": 1}]}`, "subjects"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".json")
			if err := os.WriteFile(path, []byte(tc.content), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := ReadBaseline(path)
			if err == nil || !strings.Contains(err.Error(), tc.says) {
				t.Fatalf("err = %v, want one saying %q", err, tc.says)
			}
		})
	}
	if _, err := ReadBaseline(filepath.Join(dir, "missing.json")); err == nil {
		t.Fatal("a missing baseline read")
	}
}

func FuzzReadBaseline(f *testing.F) {
	f.Add([]byte(`{"version": 1, "findings": [{"file": "t.yaml", "rule": "r", "subjects": ["B", "A"], "count": 2}]}`))
	f.Add([]byte(`{"version": 1, "findings": []}`))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "b.json")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		b, err := ReadBaseline(path)
		if err != nil {
			return
		}
		// What reads must write, read back the same, and apply.
		var out bytes.Buffer
		if err := b.Write(&out); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		again, err := ReadBaseline(path)
		if err != nil {
			t.Fatalf("a written baseline does not read: %v\n%s", err, out.String())
		}
		var out2 bytes.Buffer
		if err := again.Write(&out2); err != nil || out2.String() != out.String() {
			t.Fatalf("round trip changed the baseline:\n%s\n%s", out.String(), out2.String())
		}
		b.Apply([]Result{testResult("t.yaml", "r", 1, "m", "A", "B")}, dir, "b.json")
	})
}
