// Package content is archlab's knowledge base: articles, one page per rule,
// the template gallery and the labs (labs.go), embedded in the binary and
// parsed once at start, with full-text search.
package content

import (
	"cmp"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
)

//go:embed kb/*.md rules/*.md templates/*.json labs/*.md labs/*.json
var files embed.FS

// Topics are the groups of the index, in order.
var Topics = []string{"Foundations", "Compute", "APIs and edge", "Messaging and events", "Orchestration",
	"Data and storage", "Security and operations", "Architecture patterns"}

// Article is a page of the knowledge base: an article or a rule's page.
type Article struct {
	Slug     string   `yaml:"-"`
	Path     string   `yaml:"-"` // /kb/<slug> or /kb/rules/<id>
	Title    string   `yaml:"title"`
	Summary  string   `yaml:"summary"`
	Topic    string   `yaml:"topic"`
	Services []string `yaml:"services"`
	Tags     []string `yaml:"tags"`
	Rules    []string `yaml:"rules"`
	Updated  string   `yaml:"updated"`

	Body *Node     `yaml:"-"`
	TOC  []Heading `yaml:"-"`
	// Rule is set on rule pages.
	Rule *rules.Meta `yaml:"-"`
	// Prev and Next walk the index order.
	Prev, Next *Article `yaml:"-"`
	// Templates lists the templates that link to the article.
	Templates []*Template `yaml:"-"`
}

// Library is the loaded knowledge base.
type Library struct {
	Articles  []*Article // in index order: by topic, then title
	RulePages []*Article // in registry order
	Templates []*Template
	// Labs are in order of level, then of their order field.
	Labs   []*Lab
	byLab  map[string]*Lab
	bySlug map[string]*Article
	byRule map[string]*Article
	byTmpl map[string]*Template
	// linkedFrom lists, per article slug, the rule pages that link to it.
	linkedFrom map[string][]*Article
	// index is built on the first search, not at start: most processes
	// (every `archlab lint`, a server until someone searches) never need it.
	indexOnce sync.Once
	index     *index
	cat       *design.Catalogue
}

// Load parses every article, rule page and template. It fails on anything
// malformed, so that a broken page stops the build's tests, not a reader.
func Load(cat *design.Catalogue, reg *rules.Registry) (*Library, error) {
	lib := &Library{bySlug: map[string]*Article{}, byRule: map[string]*Article{}, byTmpl: map[string]*Template{}, byLab: map[string]*Lab{}, cat: cat}
	kb, _ := fs.Glob(files, "kb/*.md")
	var ruleFiles []string
	for _, m := range reg.Rules() {
		ruleFiles = append(ruleFiles, "rules/"+m.ID+".md")
	}
	parsed, errs := lib.loadAll(append(slices.Clone(kb), ruleFiles...))
	for i, name := range kb {
		a, err := parsed[i], errs[i]
		if err != nil {
			return nil, err
		}
		a.Slug = strings.TrimSuffix(path.Base(name), ".md")
		a.Path = "/kb/" + a.Slug
		if !slices.Contains(Topics, a.Topic) {
			return nil, fmt.Errorf("content: %s: topic %q is not one of %s", name, a.Topic, strings.Join(Topics, ", "))
		}
		if a.Title == "" || a.Summary == "" {
			return nil, fmt.Errorf("content: %s: title and summary are required", name)
		}
		for _, s := range a.Services {
			if cat.Kind(s) == nil {
				return nil, fmt.Errorf("content: %s: services names unknown kind %q", name, s)
			}
		}
		lib.bySlug[a.Slug] = a
		lib.Articles = append(lib.Articles, a)
	}
	topic := func(a *Article) int { return slices.Index(Topics, a.Topic) }
	slices.SortStableFunc(lib.Articles, func(a, b *Article) int {
		return cmp.Or(cmp.Compare(topic(a), topic(b)), strings.Compare(a.Title, b.Title))
	})
	for i, a := range lib.Articles {
		if i > 0 {
			a.Prev = lib.Articles[i-1]
		}
		if i+1 < len(lib.Articles) {
			a.Next = lib.Articles[i+1]
		}
	}
	for i, m := range reg.Rules() {
		a, err := parsed[len(kb)+i], errs[len(kb)+i]
		if err != nil {
			return nil, fmt.Errorf("content: rule %s has no page: %w", m.ID, err)
		}
		meta := m
		a.Slug, a.Path, a.Rule, a.Title, a.Topic = m.ID, m.KB(), &meta, m.Title, "Rules"
		a.Rules = []string{m.ID}
		lib.byRule[m.ID] = a
		lib.RulePages = append(lib.RulePages, a)
	}
	// A rule page that sends its readers to an article is related to it,
	// and so is a rule an article links to.
	lib.linkedFrom = map[string][]*Article{}
	for _, p := range lib.RulePages {
		for _, href := range Links(p.Body) {
			target, _, _ := strings.Cut(href, "#")
			if slug, ok := strings.CutPrefix(target, "/kb/"); ok && lib.bySlug[slug] != nil {
				lib.linkedFrom[slug] = append(lib.linkedFrom[slug], p)
			}
		}
	}
	for _, a := range lib.Articles {
		for _, href := range Links(a.Body) {
			target, _, _ := strings.Cut(href, "#")
			if id, ok := strings.CutPrefix(target, "/kb/rules/"); ok && !slices.Contains(a.Rules, id) {
				a.Rules = append(a.Rules, id)
			}
		}
	}
	// Articles name their rules; rules list the articles that name them.
	for _, a := range lib.Articles {
		for _, id := range a.Rules {
			if lib.byRule[id] == nil {
				return nil, fmt.Errorf("content: kb/%s.md names rule %q, which is not registered", a.Slug, id)
			}
		}
	}
	if err := lib.loadTemplates(reg); err != nil {
		return nil, err
	}
	if err := lib.loadLabs(reg); err != nil {
		return nil, err
	}
	return lib, nil
}

// loadAll parses the named pages, as many at once as there are CPUs:
// parsing is most of a server's start, and each page is parsed alone.
// The answers are in the order of names.
func (lib *Library) loadAll(names []string) ([]*Article, []error) {
	articles, errs := make([]*Article, len(names)), make([]error, len(names))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(names)) {
		wg.Go(func() {
			for i := range next {
				articles[i], errs[i] = lib.load(names[i])
			}
		})
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()
	return articles, errs
}

func (lib *Library) load(name string) (*Article, error) {
	src, err := files.ReadFile(name)
	if err != nil {
		return nil, err
	}
	a := &Article{}
	body, err := frontMatter(src, a)
	if err != nil {
		return nil, fmt.Errorf("content: %s: %w", name, err)
	}
	a.Body, a.TOC, err = parse(body, lib.expand)
	if err != nil {
		return nil, fmt.Errorf("content: %s: %w", name, err)
	}
	return a, nil
}

// Article returns the article with the given slug, or nil.
func (lib *Library) Article(slug string) *Article { return lib.bySlug[slug] }

// RulePage returns the page of the rule with the given id, or nil.
func (lib *Library) RulePage(id string) *Article { return lib.byRule[id] }

// Template returns the template with the given slug, or nil.
func (lib *Library) Template(slug string) *Template { return lib.byTmpl[slug] }

// ByTopic groups the articles by topic, in index order.
func (lib *Library) ByTopic() []TopicGroup {
	var out []TopicGroup
	for _, t := range Topics {
		g := TopicGroup{Topic: t}
		for _, a := range lib.Articles {
			if a.Topic == t {
				g.Articles = append(g.Articles, a)
			}
		}
		if len(g.Articles) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// TopicGroup is one topic of the index.
type TopicGroup struct {
	Topic    string
	Articles []*Article
}

// RelatedRules returns the rule pages an article names or links to, and
// the rule pages that send their readers to it, without repeats.
func (lib *Library) RelatedRules(a *Article) []*Article {
	var out []*Article
	seen := map[string]bool{}
	add := func(id string) {
		if p := lib.byRule[id]; p != nil && !seen[id] && p != a {
			seen[id] = true
			out = append(out, p)
		}
	}
	for _, id := range a.Rules {
		add(id)
	}
	for _, p := range lib.linkedFrom[a.Slug] {
		add(p.Slug)
	}
	return out
}

// Links returns the targets of every link in a document.
func Links(n *Node) []string {
	var out []string
	var walk func(*Node)
	walk = func(n *Node) {
		if n.Kind == KindLink {
			out = append(out, n.Href)
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(n)
	return out
}

// expand generates the content of a directive.
func (lib *Library) expand(name, arg string) ([]*Node, error) {
	switch name {
	case "catalogue":
		k := lib.cat.Kind(arg)
		if k == nil {
			return nil, fmt.Errorf(":::catalogue names unknown kind %q", arg)
		}
		return catalogueTables(lib.cat, k), nil
	case "facts":
		return factsTables(lib.cat, arg)
	}
	return nil, fmt.Errorf("unknown directive :::%s", name)
}
