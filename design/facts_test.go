package design

import (
	"strings"
	"testing"
)

func TestFactsLoad(t *testing.T) {
	fs := Facts()
	if len(fs) == 0 {
		t.Fatal("no facts")
	}
	for _, f := range fs {
		if got := FactOf(f.ID); got != f {
			t.Errorf("FactOf(%s) = %+v, want %+v", f.ID, got, f)
		}
	}
	if got := FactOf("sqs.fifo-api-calls-per-second").Text(); got != "300 calls/s" {
		t.Errorf("Text() = %q", got)
	}
}

// TestFactValid: a fact needs an id, a summary, an https source and a
// real checked day; an unverified fact has no day, for a day would claim
// a check that did not happen.
func TestFactValid(t *testing.T) {
	ok := Fact{ID: "x.y", Summary: "s", Source: "https://example.com", Checked: "2026-12-05"}
	for _, tc := range []struct {
		name string
		edit func(*Fact)
		want bool
	}{
		{"checked", func(*Fact) {}, true},
		{"no id", func(f *Fact) { f.ID = "" }, false},
		{"no summary", func(f *Fact) { f.Summary = "" }, false},
		{"http source", func(f *Fact) { f.Source = "http://example.com" }, false},
		{"no day", func(f *Fact) { f.Checked = "" }, false},
		{"not a day", func(f *Fact) { f.Checked = "2026-13-45" }, false},
		{"unverified without a day", func(f *Fact) { f.Checked, f.Unverified = "", true }, true},
		{"unverified with a day", func(f *Fact) { f.Unverified = true }, false},
	} {
		f := ok
		tc.edit(&f)
		if got := f.valid(); got != tc.want {
			t.Errorf("%s: valid() = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestUnverifiedFacts: the Step Functions throttling facts were not found
// in any copy of their page, so they carry no checked day and say so.
func TestUnverifiedFacts(t *testing.T) {
	for _, id := range []string{"stepfunctions.standard-start-execution-per-second", "stepfunctions.standard-transitions-per-second", "stepfunctions.express-start-execution-per-second"} {
		f := FactOf(id)
		if !f.Unverified || f.Checked != "" || f.CheckedText() != "not verified" || !strings.Contains(f.Summary, "Not verified") {
			t.Errorf("%s: unverified %v, checked %q, %q, summary %q", id, f.Unverified, f.Checked, f.CheckedText(), f.Summary)
		}
	}
	if got := FactOf("sqs.fifo-api-calls-per-second").CheckedText(); got != "2026-12-04" {
		t.Errorf("a checked fact's CheckedText() = %q", got)
	}
}
