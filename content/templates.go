package content

import (
	"encoding/json"
	"fmt"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
)

// Template is a design of the gallery: a pattern to start from.
type Template struct {
	Slug    string   `json:"slug"`
	Title   string   `json:"title"`
	Summary string   `json:"summary"`
	Tags    []string `json:"tags"`
	// ArticleSlugs name the knowledge-base articles that explain it.
	ArticleSlugs []string `json:"articles"`

	Articles []*Article     `json:"-"`
	Design   *design.Design `json:"-"`
	// Document is the template's archlab/v1 JSON as served.
	Document []byte          `json:"-"`
	Findings []rules.Finding `json:"-"`
}

// loadTemplates reads templates/index.json and each template's document,
// templates/<slug>.archlab.json.
func (lib *Library) loadTemplates(reg *rules.Registry) error {
	data, err := files.ReadFile("templates/index.json")
	if err != nil {
		return fmt.Errorf("content: templates/index.json: %w", err)
	}
	if err := design.DecodeJSON(data, &lib.Templates); err != nil {
		return fmt.Errorf("content: templates/index.json: %w", err)
	}
	for _, t := range lib.Templates {
		doc, err := files.ReadFile("templates/" + t.Slug + ".archlab.json")
		if err != nil {
			return fmt.Errorf("content: template %s has no document: %w", t.Slug, err)
		}
		if t.Design, err = design.Decode(doc, lib.cat); err != nil {
			return fmt.Errorf("content: templates/%s.archlab.json: %w", t.Slug, err)
		}
		if t.Document, err = json.MarshalIndent(t.Design, "", "  "); err != nil {
			return fmt.Errorf("content: template %s: %w", t.Slug, err)
		}
		t.Findings = reg.Check(t.Design)
		for _, s := range t.ArticleSlugs {
			a := lib.bySlug[s]
			if a == nil {
				return fmt.Errorf("content: template %s links to unknown article %q", t.Slug, s)
			}
			t.Articles = append(t.Articles, a)
			a.Templates = append(a.Templates, t)
		}
		if lib.byTmpl[t.Slug] != nil {
			return fmt.Errorf("content: template %s twice", t.Slug)
		}
		lib.byTmpl[t.Slug] = t
	}
	return nil
}
