package handlers_test

import (
	"testing"

	"github.com/archlab/archlab/handlers"
)

func TestValidateReturnsFindingsWithoutStoring(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	r := s.do(t, "POST", "/api/v1/validate", `{"format":"archlab/v1","title":"v","blocks":[
		{"id":"OrderQueue","kind":"sqs","props":{"VisibilityTimeout":30}},
		{"id":"Worker","kind":"lambda","props":{"Timeout":30}}],
		"connections":[{"id":"c1","from":"OrderQueue","to":"Worker"}]}`, nil)
	if r.status != 200 {
		t.Fatalf("validate: %d %s", r.status, r.body)
	}
	var found bool
	for _, f := range r.json(t)["findings"].([]any) {
		f := f.(map[string]any)
		if f["rule"] == "sqs-visibility-6x" {
			found = true
			if f["kb"] != "/kb/rules/sqs-visibility-6x" || f["severity"] != "warning" || f["fix"] == nil {
				t.Errorf("finding = %v", f)
			}
			subjects := f["subjects"].([]any)
			if len(subjects) != 2 || subjects[0] != "OrderQueue" || subjects[1] != "c1" {
				t.Errorf("subjects = %v", subjects)
			}
		}
	}
	if !found {
		t.Fatalf("the visibility finding is missing: %s", r.body)
	}
	if r := s.do(t, "POST", "/api/v1/validate", `{"format":"archlab/v1","blocks":[{"id":"A","kind":"nope"}]}`, nil); r.status != 422 {
		t.Fatalf("an invalid document answered %d", r.status)
	}
	if r := s.do(t, "POST", "/api/v1/validate", `{`, nil); r.status != 400 {
		t.Fatalf("malformed JSON answered %d", r.status)
	}
}

func TestRulesAndCatalogue(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	r := s.do(t, "GET", "/api/v1/rules", "", nil)
	rs := r.json(t)["rules"].([]any)
	if len(rs) == 0 {
		t.Fatal("no rules")
	}
	first := rs[0].(map[string]any)
	for _, k := range []string{"id", "title", "severity", "scope", "kb"} {
		if first[k] == nil || first[k] == "" {
			t.Errorf("rule entry lacks %s: %v", k, first)
		}
	}
	r = s.do(t, "GET", "/api/v1/catalogue", "", nil)
	cat := r.json(t)
	kinds := cat["kinds"].([]any)
	var lambda map[string]any
	for _, k := range kinds {
		if k.(map[string]any)["id"] == "lambda" {
			lambda = k.(map[string]any)
		}
	}
	if lambda == nil {
		t.Fatal("the catalogue has no lambda kind")
	}
	var timeout map[string]any
	for _, p := range lambda["props"].([]any) {
		if p.(map[string]any)["name"] == "Timeout" {
			timeout = p.(map[string]any)
		}
	}
	if timeout["default"] != 3.0 || timeout["unit"] != "s" || timeout["range"].(map[string]any)["max"] != 900.0 {
		t.Fatalf("Timeout schema = %v", timeout)
	}
	if len(cat["links"].([]any)) < 50 || len(cat["models"].([]any)) != 7 {
		t.Fatalf("links=%d models=%d", len(cat["links"].([]any)), len(cat["models"].([]any)))
	}
}
