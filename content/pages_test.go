package content

import (
	"io/fs"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
)

// ruleSections are the headings every rule page has, in this order; the
// example and the other tools' equivalents are added from the rule itself.
var ruleSections = []string{"What it checks", "Why it matters", "How to fix"}

// TestEachRulePage checks every page under rules/ on its own, so that a
// writer sees what is wrong with a page before every rule has one.
func TestEachRulePage(t *testing.T) {
	cat := design.Builtin()
	reg := rules.Default(cat)
	lib := &Library{cat: cat}
	names, _ := fs.Glob(files, "rules/*.md")
	for _, name := range names {
		id := strings.TrimSuffix(path.Base(name), ".md")
		t.Run(id, func(t *testing.T) {
			if _, ok := reg.Rule(id); !ok {
				t.Fatalf("%s is the page of rule %q, which is not registered", name, id)
			}
			a, err := lib.load(name)
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != "" {
				t.Errorf("%s: a rule page takes its title from the rule; remove title", name)
			}
			if a.Summary == "" || len(a.Summary) > 240 {
				t.Errorf("%s: summary must be set and at most 240 characters (has %d)", name, len(a.Summary))
			}
			if a.Updated == "" {
				t.Errorf("%s: updated is required", name)
			}
			for _, s := range a.Services {
				if cat.Kind(s) == nil {
					t.Errorf("%s: services names unknown kind %q", name, s)
				}
			}
			var got []string
			for _, h := range a.TOC {
				if h.Level == 2 {
					got = append(got, h.Text)
				}
			}
			at := 0
			for _, want := range ruleSections {
				i := slices.Index(got, want)
				if i < at {
					t.Errorf("%s: wants the sections %q in this order; has %q", name, ruleSections, got)
					break
				}
				at = i
			}
			for _, h := range got {
				if h == "Example" || h == "In other tools" {
					t.Errorf("%s: section %q is generated from the rule's fixtures and metadata; remove it", name, h)
				}
			}
			for _, href := range Links(a.Body) {
				if msg := checkLocalLink(href, reg); msg != "" {
					t.Errorf("%s: link %s: %s", name, href, msg)
				}
			}
		})
	}
}

// checkLocalLink says what is wrong with a link inside archlab, using the
// files alone; the full check against the loaded library is TestLinksResolve.
func checkLocalLink(href string, reg *rules.Registry) string {
	if !strings.HasPrefix(href, "/") {
		if strings.HasPrefix(href, "https://") || strings.HasPrefix(href, "#") {
			return ""
		}
		return "use an absolute path (/kb/...) or an https:// address"
	}
	p, _, _ := strings.Cut(href, "#")
	switch {
	case strings.HasPrefix(p, "/kb/rules/"):
		if _, ok := reg.Rule(strings.TrimPrefix(p, "/kb/rules/")); !ok {
			return "no such rule"
		}
	case strings.HasPrefix(p, "/kb/"):
		if _, err := fs.Stat(files, "kb/"+strings.TrimPrefix(p, "/kb/")+".md"); err != nil {
			return "no such article"
		}
	case p == "/kb" || p == "/kb/rules" || p == "/templates":
	case strings.HasPrefix(p, "/templates/"):
	default:
		return "not a knowledge-base or template path"
	}
	return ""
}

// TestLoad loads everything as archlab serve does: a rule without a page,
// a page naming an unknown rule, kind or article, or a broken template
// fails here.
func TestLoad(t *testing.T) {
	lib := mustLibrary(t)
	reg := rules.Default(design.Builtin())
	if len(lib.Articles) < 30 {
		t.Errorf("%d articles; the knowledge base promises at least 30", len(lib.Articles))
	}
	if len(lib.RulePages) != len(reg.Rules()) {
		t.Errorf("%d rule pages for %d rules", len(lib.RulePages), len(reg.Rules()))
	}
	for _, a := range append(slices.Clone(lib.Articles), lib.RulePages...) {
		for _, href := range Links(a.Body) {
			if msg := checkLocalLink(href, reg); msg != "" {
				t.Errorf("%s: link %s: %s", a.Path, href, msg)
			}
		}
	}
}

// Every article that rule pages point to lists those rules in turn.
func TestArticlesListTheirRules(t *testing.T) {
	lib := mustLibrary(t)
	sqs := lib.Article("sqs")
	var ids []string
	for _, p := range lib.RelatedRules(sqs) {
		ids = append(ids, p.Slug)
	}
	if !slices.Contains(ids, "sqs-visibility-6x") {
		t.Errorf("the SQS article lists %v, without sqs-visibility-6x, whose page links to it", ids)
	}
	empty := 0
	for _, a := range lib.Articles {
		if len(lib.RelatedRules(a)) == 0 {
			empty++
		}
	}
	t.Logf("%d of %d articles list no rule", empty, len(lib.Articles))
}
