package lint

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
)

var updateCorpus = flag.Bool("update-corpus", false, "rewrite testdata/corpus-errors.txt, keeping the reasons already written; new errors get the reason TODO")

// corpusErrorsFile lists every error archlab reports on the valid templates
// of the SAM translator's corpus (real templates nobody here wrote), each
// with a one-line reason it is true. A new error fails the test until
// someone has looked at it and written why it is true (or fixed the rule);
// an error that went away fails it too, so the list stays the truth.
const corpusErrorsFile = "testdata/corpus-errors.txt"

// corpusDay is the day the corpus is checked on: runtime deprecations
// depend on it.
var corpusDay = time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)

// corpusDir finds the corpus: ARCHLAB_CORPUS_DIR, or ../shared/corpora
// beside the repository when it is there.
func corpusDir(t *testing.T) string {
	if dir := os.Getenv("ARCHLAB_CORPUS_DIR"); dir != "" {
		return dir
	}
	dir := filepath.Join("..", "..", "shared", "corpora", "sam-translator")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("no corpus: set ARCHLAB_CORPUS_DIR to a folder of SAM templates (../shared/corpora/sam-translator)")
	}
	return dir
}

type corpusError struct {
	file, rule, subjects, reason string
}

func (e corpusError) key() string { return e.file + "\t" + e.rule + "\t" + e.subjects }

func TestCorpusErrorsAreTrue(t *testing.T) {
	dir := corpusDir(t)
	names, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no templates in %s: %v", dir, err)
	}
	l := &Linter{Rules: rules.Default(design.Builtin()).WithClock(func() time.Time { return corpusDay })}
	var found []corpusError
	for _, p := range names {
		name := filepath.Base(p)
		rs, err := l.File(p)
		if strings.HasPrefix(name, "error_") {
			continue // templates SAM refuses: read or refused, never a crash
		}
		if err != nil {
			t.Errorf("%s is a valid SAM template, but archlab refuses it: %v", name, err)
			continue
		}
		for _, r := range rs {
			if r.Severity == rules.Error {
				found = append(found, corpusError{file: name, rule: r.Rule, subjects: strings.Join(r.Subjects, ",")})
			}
		}
	}
	known := readCorpusErrors(t)
	if *updateCorpus {
		writeCorpusErrors(t, found, known)
		return
	}
	seen := map[string]bool{}
	for _, e := range found {
		seen[e.key()] = true
		k, ok := known[e.key()]
		switch {
		case !ok:
			t.Errorf("new error on the corpus: %s %s %s — check it is true, then run go test ./lint -run TestCorpusErrorsAreTrue -update-corpus and write its reason in %s", e.file, e.rule, e.subjects, corpusErrorsFile)
		case k.reason == "" || k.reason == "TODO":
			t.Errorf("%s %s %s has no reason in %s: write why the error is true", e.file, e.rule, e.subjects, corpusErrorsFile)
		}
	}
	for key := range known {
		if !seen[key] {
			t.Errorf("%s lists an error the corpus no longer gives: %s (run with -update-corpus to drop it)", corpusErrorsFile, strings.ReplaceAll(key, "\t", " "))
		}
	}
}

// readCorpusErrors reads the list: one error a line, file, rule, subjects
// and reason separated by tabs; # starts a comment.
func readCorpusErrors(t *testing.T) map[string]corpusError {
	f, err := os.Open(corpusErrorsFile)
	if os.IsNotExist(err) {
		return map[string]corpusError{}
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]corpusError{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.SplitN(line, "\t", 4)
		if len(parts) != 4 {
			t.Fatalf("%s:%d: want file, rule, subjects and reason separated by tabs", corpusErrorsFile, n)
		}
		e := corpusError{parts[0], parts[1], parts[2], strings.TrimSpace(parts[3])}
		out[e.key()] = e
	}
	return out
}

func writeCorpusErrors(t *testing.T, found []corpusError, known map[string]corpusError) {
	slices.SortFunc(found, func(a, b corpusError) int { return strings.Compare(a.key(), b.key()) })
	found = slices.CompactFunc(found, func(a, b corpusError) bool { return a.key() == b.key() })
	var b strings.Builder
	b.WriteString("# Every error archlab reports on the valid templates of ../shared/corpora/sam-translator, checked on\n")
	b.WriteString("# 2026-12-04, with why it is true: file, rule, subjects, reason (tab-separated). See corpus_test.go.\n")
	for _, e := range found {
		reason := "TODO"
		if k, ok := known[e.key()]; ok && k.reason != "" {
			reason = k.reason
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", e.file, e.rule, e.subjects, reason)
	}
	if err := os.WriteFile(corpusErrorsFile, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
