package content

import (
	"cmp"
	"encoding/json"
	"errors"
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

// Levels name a lab's difficulty, from 1.
var Levels = []string{"Beginner", "Intermediate", "Advanced", "Expert"}

// Lab is a hands-on exercise: a brief, a starting design the trainee
// changes, goals checked as they draw, hints, and a reference solution.
// Its page is content/labs/<slug>.md; the front matter holds the rest
// (content/labs/README.md describes it for authors).
type Lab struct {
	Slug    string `yaml:"-"`
	Title   string `yaml:"title"`
	Level   int    `yaml:"level"`
	Order   int    `yaml:"order"`
	Summary string `yaml:"summary"`
	// Start names the starting design: a file under content/labs, or
	// "template:<slug>" for a template of the gallery.
	Start string `yaml:"start"`
	// Reference names the reference solution the same way.
	Reference string `yaml:"reference"`
	// ArticleSlugs name the knowledge-base articles to read.
	ArticleSlugs []string `yaml:"articles"`
	Hints        []Hint   `yaml:"hints"`
	// CompareAfter is the number of hints after which the reference may
	// be compared with, goals met or not; 0 means only once all are met.
	CompareAfter int          `yaml:"compareAfterHints"`
	Goals        []rules.Goal `yaml:"goals"`

	Brief    *Node      `yaml:"-"`
	Articles []*Article `yaml:"-"`
	// StartDesign and ReferenceDesign are decoded and validated; their
	// documents are the archlab/v1 JSON the API serves.
	StartDesign, ReferenceDesign *design.Design `yaml:"-"`
	StartDocument, RefDocument   []byte         `yaml:"-"`
}

// Hint is one hint of a lab; Article, when set, names the knowledge-base
// article that explains it.
type Hint struct {
	Text    string `yaml:"text"`
	Article string `yaml:"article"`
}

// LevelName is the lab's level for people.
func (l *Lab) LevelName() string { return Levels[l.Level-1] }

// loadLabs reads every lab and checks it: its goals against the catalogue
// and the rules, its links, and that the goals separate the start from
// the reference — a lab whose start already passes, or whose reference
// fails, teaches nothing, and stops the start.
func (lib *Library) loadLabs(reg *rules.Registry) error {
	names, _ := fs.Glob(files, "labs/*.md")
	names = slices.DeleteFunc(names, func(n string) bool { return path.Base(n) == "README.md" }) // the authors' guide
	// Labs are checked side by side, as many at once as there are CPUs:
	// grading each start and reference is most of their load, and the
	// server is not ready before it is done.
	labs, errs := make([]*Lab, len(names)), make([]error, len(names))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			src, err := files.ReadFile(name)
			if err != nil {
				errs[i] = err
				return
			}
			labs[i], errs[i] = lib.loadLab(strings.TrimSuffix(path.Base(name), ".md"), src, reg)
		})
	}
	wg.Wait()
	// Every broken lab is reported at once, so that an author fixing one
	// does not meet the next only on the following start.
	for _, l := range labs {
		if l != nil {
			lib.Labs = append(lib.Labs, l)
			lib.byLab[l.Slug] = l
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	slices.SortStableFunc(lib.Labs, func(a, b *Lab) int {
		return cmp.Or(cmp.Compare(a.Level, b.Level), cmp.Compare(a.Order, b.Order), strings.Compare(a.Slug, b.Slug))
	})
	return nil
}

func (lib *Library) loadLab(slug string, src []byte, reg *rules.Registry) (*Lab, error) {
	l := &Lab{Slug: slug}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("content: lab %s: %s", l.Slug, fmt.Sprintf(format, args...))
	}
	body, err := frontMatter(src, l)
	if err != nil {
		return nil, fail("%v", err)
	}
	if l.Brief, _, err = parse(body, lib.expand); err != nil {
		return nil, fail("%v", err)
	}
	switch {
	case l.Title == "" || l.Summary == "":
		return nil, fail("title and summary are required")
	case l.Level < 1 || l.Level > len(Levels):
		return nil, fail("level %d is not between 1 and %d", l.Level, len(Levels))
	case len(l.Goals) == 0:
		return nil, fail("has no goals")
	case len(l.Hints) == 0:
		return nil, fail("has no hints")
	case l.CompareAfter < 0 || l.CompareAfter > len(l.Hints):
		return nil, fail("compareAfterHints %d is not between 0 and its %d hints", l.CompareAfter, len(l.Hints))
	}
	if err := reg.ValidateGoals(l.Goals); err != nil {
		return nil, fail("%v", err)
	}
	for _, s := range l.ArticleSlugs {
		a := lib.bySlug[s]
		if a == nil {
			return nil, fail("articles names unknown article %q", s)
		}
		l.Articles = append(l.Articles, a)
	}
	for i, h := range l.Hints {
		if strings.TrimSpace(h.Text) == "" {
			return nil, fail("hint %d has no text", i+1)
		}
		if h.Article != "" && lib.bySlug[h.Article] == nil {
			return nil, fail("hint %d links to unknown article %q", i+1, h.Article)
		}
	}
	for _, href := range Links(l.Brief) {
		if err := lib.resolves(href); err != nil {
			return nil, fail("brief: %v", err)
		}
	}
	if l.StartDesign, l.StartDocument, err = lib.labDesign(l.Start); err != nil {
		return nil, fail("start: %v", err)
	}
	if l.ReferenceDesign, l.RefDocument, err = lib.labDesign(l.Reference); err != nil {
		return nil, fail("reference: %v", err)
	}
	// Capacity and cost goals measure at the traffic and assumptions the
	// start states, whatever the trainee does to those figures.
	rules.HoldToStated(l.Goals, l.StartDesign)
	if rules.AllMet(reg.Grade(l.StartDesign, l.Goals)) {
		return nil, fail("the start already meets every goal")
	}
	for _, r := range reg.Grade(l.ReferenceDesign, l.Goals) {
		if !r.Met {
			return nil, fail("the reference fails goal %q: %s", r.ID, r.Why)
		}
	}
	return l, nil
}

// resolves checks that a link of a brief leads somewhere: to a page of the
// knowledge base or a lab, or outside.
func (lib *Library) resolves(href string) error {
	target, _, _ := strings.Cut(href, "#")
	switch {
	case strings.HasPrefix(target, "https://"):
		return nil
	case strings.HasPrefix(target, "/kb/rules/"):
		if lib.byRule[strings.TrimPrefix(target, "/kb/rules/")] != nil {
			return nil
		}
	case strings.HasPrefix(target, "/kb/"):
		if lib.bySlug[strings.TrimPrefix(target, "/kb/")] != nil {
			return nil
		}
	case strings.HasPrefix(target, "/labs/"):
		// Labs link to labs of the same folder; checked once all are read.
		return nil
	}
	return fmt.Errorf("link %q leads nowhere archlab serves", href)
}

// labDesign reads a lab's design: a template of the gallery or a file.
func (lib *Library) labDesign(ref string) (*design.Design, []byte, error) {
	if slug, ok := strings.CutPrefix(ref, "template:"); ok {
		t := lib.byTmpl[slug]
		if t == nil {
			return nil, nil, fmt.Errorf("names unknown template %q", slug)
		}
		return t.Design, t.Document, nil
	}
	if ref == "" || strings.Contains(ref, "/") {
		return nil, nil, fmt.Errorf("%q is neither template:<slug> nor a file beside the lab", ref)
	}
	doc, err := files.ReadFile("labs/" + ref)
	if err != nil {
		return nil, nil, err
	}
	d, err := design.Decode(doc, lib.cat)
	if err != nil {
		return nil, nil, fmt.Errorf("labs/%s: %w", ref, err)
	}
	out, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return nil, nil, err
	}
	return d, out, nil
}

// Lab returns the lab with the given slug, or nil.
func (lib *Library) Lab(slug string) *Lab { return lib.byLab[slug] }
