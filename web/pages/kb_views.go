package pages

import (
	"github.com/a-h/templ"

	"github.com/archlab/archlab/content"
	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
	"github.com/archlab/archlab/web/components"
)

// KBIndexView is the knowledge base's front page.
type KBIndexView struct {
	Groups []content.TopicGroup
	Rules  []*content.Article
}

// ArticleView is one article.
type ArticleView struct {
	Article   *content.Article
	Body      templ.Component
	Rules     []*content.Article
	Templates []*content.Template
}

// RuleView is one rule's page.
type RuleView struct {
	Page *content.Article
	// Body is the page's prose up to its reading list, More the list; the
	// example and the other tools' equivalents go in between.
	Body, More templ.Component
	Articles   []*content.Article // articles that name the rule
	Example    *ExampleView
}

// ExampleView is a rule's worked example: before and after its fix.
type ExampleView struct {
	Before   components.DiagramView
	Findings []rules.Finding
	After    *components.DiagramView
}

// SearchView is a search and its results.
type SearchView struct {
	Query   string
	Results []content.Result
}

// RulesIndexView lists every rule.
type RulesIndexView struct {
	Rules []*content.Article
}

// TemplatesView is the template gallery.
type TemplatesView struct {
	Cards []TemplateCard
}

// TemplateCard is one template with its drawing.
type TemplateCard struct {
	Template *content.Template
	Diagram  components.DiagramView
}

// slug turns a topic into an anchor id.
func slug(s string) string { return design.Slug(s) }
