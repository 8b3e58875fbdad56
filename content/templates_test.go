package content

import (
	"fmt"
	"io/fs"
	"path"
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
)

// templateSuffix ends the name of every template's document.
const templateSuffix = ".archlab.json"

// readTemplateIndex decodes templates/index.json strictly, as the loader does.
func readTemplateIndex(t *testing.T) []*Template {
	t.Helper()
	data, err := files.ReadFile("templates/index.json")
	if err != nil {
		t.Fatalf("templates/index.json: %v", err)
	}
	var index []*Template
	if err := design.DecodeJSON(data, &index); err != nil {
		t.Fatalf("templates/index.json: %v", err)
	}
	return index
}

// TestTemplateIndex checks the gallery's index on its own: slugs unique and
// well formed, every entry described, index and documents one to one, and
// every article it names written.
func TestTemplateIndex(t *testing.T) {
	index := readTemplateIndex(t)
	if len(index) == 0 {
		t.Fatal("templates/index.json lists no templates")
	}
	slugs := map[string]bool{}
	for i, tm := range index {
		where := tm.Slug
		if where == "" {
			where = fmt.Sprintf("index.json entry %d", i)
		}
		if !templateSlugOK(tm.Slug) {
			t.Errorf("%s: slug %q is not kebab-case", where, tm.Slug)
		}
		if slugs[tm.Slug] {
			t.Errorf("%s: slug listed twice in index.json", where)
		}
		slugs[tm.Slug] = true
		if strings.TrimSpace(tm.Title) == "" || strings.TrimSpace(tm.Summary) == "" {
			t.Errorf("%s: title and summary are required", where)
		}
		if len(tm.Tags) == 0 {
			t.Errorf("%s: no tags", where)
		}
		if len(tm.ArticleSlugs) == 0 {
			t.Errorf("%s: names no article that explains it", where)
		}
		for _, a := range tm.ArticleSlugs {
			if _, err := fs.Stat(files, "kb/"+a+".md"); err != nil {
				t.Errorf("%s: article %q has no page kb/%s.md", where, a, a)
			}
		}
		if _, err := fs.Stat(files, "templates/"+tm.Slug+templateSuffix); err != nil {
			t.Errorf("%s: no document templates/%s%s", where, tm.Slug, templateSuffix)
		}
	}
	docs, _ := fs.Glob(files, "templates/*"+templateSuffix)
	for _, name := range docs {
		slug := strings.TrimSuffix(path.Base(name), templateSuffix)
		if !slugs[slug] {
			t.Errorf("%s is not listed in templates/index.json", name)
		}
	}
	others, _ := fs.Glob(files, "templates/*.json")
	for _, name := range others {
		if name != "templates/index.json" && !strings.HasSuffix(name, templateSuffix) {
			t.Errorf("%s: a template's document must be named <slug>%s", name, templateSuffix)
		}
	}
}

// TestTemplateDesigns decodes every template's document strictly and runs
// the whole rules engine on it: a template is what people start from, so it
// must have no error and no warning. Info findings are logged.
func TestTemplateDesigns(t *testing.T) {
	cat := design.Builtin()
	reg := rules.Default(cat)
	for _, tm := range readTemplateIndex(t) {
		t.Run(tm.Slug, func(t *testing.T) {
			name := "templates/" + tm.Slug + templateSuffix
			data, err := files.ReadFile(name)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			d, err := design.Decode(data, cat)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if strings.TrimSpace(d.Title) == "" || strings.TrimSpace(d.Description) == "" {
				t.Errorf("%s: title and description are required", name)
			}
			for _, b := range d.Blocks {
				if !b.Placed() {
					t.Errorf("%s: block %s has no position", name, b.ID)
				}
				if b.Name == "" {
					t.Errorf("%s: block %s has no display name", name, b.ID)
				}
			}
			for _, f := range reg.Check(d) {
				msg := "[" + string(f.Severity) + "] " + f.Rule + " " + strings.Join(f.Subjects, ",") + ": " + f.Message
				if f.Severity.AtLeast(rules.Warning) {
					t.Errorf("%s: %s", name, msg)
				} else {
					t.Logf("%s: %s", name, msg)
				}
			}
		})
	}
}

// templateSlugOK reports whether s is a kebab-case slug.
func templateSlugOK(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' || strings.HasSuffix(s, "-") || strings.Contains(s, "--") {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '-' {
			return false
		}
	}
	return true
}
