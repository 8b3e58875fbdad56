package handlers

import (
	"bytes"
	"container/list"
	"context"
	"sync"
	"sync/atomic"

	"github.com/a-h/templ"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
	"github.com/archlab/archlab/web/components"
	"github.com/archlab/archlab/web/pages"
)

// The diagram, findings and outline of a design depend only on its
// version (the editor's script marks the selection), so they are rendered
// once per version and kept, with their compression, for every page,
// every edit's answer and every /state re-fetch of that version: after an
// edit, N open editors cost one render, not N. A version never changes,
// so a kept rendering is never stale (but for acceptances that lapse on a
// day: see versionKey); the database still decides which version a
// request sees.

// versionKey names one version of one design, and for a design that
// accepts findings until a day, the day: its findings change when one
// passes, its version does not.
type versionKey struct {
	id      string
	version int
	day     string
}

// reviewDay is the day a design's findings depend on: today when it
// accepts a finding until a day, else none.
func reviewDay(d *design.Design) string {
	for _, a := range d.Accepted {
		if a.Until != "" {
			return design.Today()
		}
	}
	return ""
}

// versionRender is what is kept of one version: its review by the rules
// and its regions as each kind of page shows them.
type versionRender struct {
	key    versionKey
	review sync.Once
	open   []rules.Finding
	accept []rules.Finding
	// diagrams are the diagram, the same in place and out of band, indexed
	// by readOnly.
	diagrams [2]struct {
		once sync.Once
		view components.DiagramView // for the legend
		p    *piece
		err  error
	}
	// variants are indexed by variant(readOnly, oob).
	variants [4]struct {
		once sync.Once
		r    pages.Regions
		err  error
		// done holds r once rendered without error, for a later
		// version to compare with (samePiece).
		done atomic.Pointer[pages.Regions]
	}
	size int // bytes kept, counted once rendered
	// patches are what changed in the editor's diagram since an earlier
	// version, by that version: every /state re-fetch of this version from
	// the same one shares it (patchSince).
	patchMu sync.Mutex
	patches map[int]*patchSince
}

type patchSince struct {
	once sync.Once
	p    *piece // nil: the whole diagram must go
}

func variant(readOnly, oob bool) int {
	i := 0
	if readOnly {
		i |= 1
	}
	if oob {
		i |= 2
	}
	return i
}

// renderCache is a bounded LRU of versionRenders, bounded by the bytes of
// HTML and compression it keeps.
type renderCache struct {
	mu    sync.Mutex
	max   int
	size  int
	order *list.List // front: most recently used
	byKey map[versionKey]*list.Element
}

// renderCacheBytes bounds the kept renderings: a 500-block design's
// regions are about 2.4 MB of HTML and 0.14 MB compressed per variant.
const renderCacheBytes = 64 << 20

func newRenderCache(max int) *renderCache {
	return &renderCache{max: max, order: list.New(), byKey: make(map[versionKey]*list.Element)}
}

// entry returns the kept rendering of a version, a new empty one at first.
func (c *renderCache) entry(d *design.Design) *versionRender {
	k := versionKey{d.ID, d.Version, reviewDay(d)}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byKey[k]; ok {
		c.order.MoveToFront(el)
		return el.Value.(*versionRender)
	}
	e := &versionRender{key: k}
	c.byKey[k] = c.order.PushFront(e)
	return e
}

// peek returns the kept rendering of a version if there is one, without
// keeping a new one.
func (c *renderCache) peek(k versionKey) *versionRender {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byKey[k]; ok {
		return el.Value.(*versionRender)
	}
	return nil
}

// rendered returns the regions of a design's version as one kind of page
// shows them, if they are kept rendered; nil otherwise.
func (h *Handler) rendered(id string, version int, readOnly, oob bool) *pages.Regions {
	// The version's key holds today's date when its acceptances lapse on a
	// day; which, the caller may not know for an earlier version.
	for _, day := range [...]string{"", design.Today()} {
		if e := h.renders.peek(versionKey{id, version, day}); e != nil {
			return e.variants[variant(readOnly, oob)].done.Load()
		}
	}
	return nil
}

// samePiece returns p, or the piece of the version before when it holds the
// same bytes: a region an edit left as it was is then the same piece in
// both versions, which is how an answer knows to leave it out (sameRegions).
func samePiece(p, before templ.Component) templ.Component {
	a, ok := p.(*piece)
	b, ok2 := before.(*piece)
	if ok && ok2 && bytes.Equal(a.html, b.html) {
		return b
	}
	return p
}

// sameRegions says which regions of cur are those of was (samePiece): an
// answer to a client that shows was leaves them out.
func sameRegions(was *pages.Regions, cur pages.Regions) pages.Same {
	if was == nil {
		return pages.Same{}
	}
	return pages.Same{
		Diagram:  was.Diagram == cur.Diagram && was.Legend == cur.Legend,
		Findings: was.Findings == cur.Findings,
		Outline:  was.Outline == cur.Outline,
	}
}

// grew counts n more bytes kept by e and drops the least recently used
// versions beyond the bound (never e itself).
func (c *renderCache) grew(e *versionRender, n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.byKey[e.key]; !ok {
		return // dropped meanwhile: nothing counted
	}
	e.size += n
	c.size += n
	for c.size > c.max {
		el := c.order.Back()
		old := el.Value.(*versionRender)
		if old == e {
			break
		}
		c.order.Remove(el)
		delete(c.byKey, old.key)
		c.size -= old.size
	}
}

// review returns the open and accepted findings of a design's version,
// checked once per version.
func (h *Handler) review(d *design.Design) (open, accepted []rules.Finding) {
	e := h.renders.entry(d)
	e.review.Do(func() { e.open, e.accept = h.rules.Review(d) })
	return e.open, e.accept
}

// diagram returns the rendered diagram of a design's version, read-only or
// not, rendered once.
func (h *Handler) diagram(d *design.Design, readOnly bool) (*piece, error) {
	p, _, err := h.diagramView(d, readOnly)
	return p, err
}

func (h *Handler) diagramView(d *design.Design, readOnly bool) (*piece, components.DiagramView, error) {
	e := h.renders.entry(d)
	e.review.Do(func() { e.open, e.accept = h.rules.Review(d) })
	i := 0
	if readOnly {
		i = 1
	}
	g := &e.diagrams[i]
	g.once.Do(func() {
		var buf bytes.Buffer
		g.view = components.NewReviewedDiagram(d, h.cat, e.open, e.accept, "", readOnly)
		if g.err = components.Diagram(g.view).Render(context.Background(), &buf); g.err != nil {
			return
		}
		g.p = newPiece(buf.Bytes())
		// The diagram is kept for both kinds of page: the version before's
		// (in place or out of band, the same piece) is compared with.
		for _, oob := range []bool{false, true} {
			if was := h.rendered(d.ID, d.Version-1, readOnly, oob); was != nil {
				if p, ok := samePiece(g.p, was.Diagram).(*piece); ok && p != g.p {
					g.p = p
					return
				}
				break
			}
		}
		h.renders.grew(e, len(g.p.html)+len(g.p.deflate))
	})
	return g.p, g.view, g.err
}

// regions returns the diagram, legend, findings and outline of a design's
// version, rendered once for each kind of page: read-only or not, swapped
// in out of band (an edit's answer, /state) or in place (the page).
func (h *Handler) regions(d *design.Design, readOnly, oob bool) (pages.Regions, error) {
	diagram, view, err := h.diagramView(d, readOnly)
	if err != nil {
		return pages.Regions{}, err
	}
	e := h.renders.entry(d)
	v := &e.variants[variant(readOnly, oob)]
	v.once.Do(func() {
		n := 0
		var parts [3]*piece
		for i, c := range []templ.Component{
			components.Legend(view, oob),
			components.Findings(components.NewFindings(e.open, readOnly, oob).WithAccepted(e.accept)),
			components.Outline(components.NewOutline(d, h.cat, e.open, oob, readOnly)),
		} {
			var buf bytes.Buffer
			if err := c.Render(context.Background(), &buf); err != nil {
				v.err = err
				return
			}
			parts[i] = newPiece(buf.Bytes())
			n += len(parts[i].html) + len(parts[i].deflate)
		}
		v.r = pages.Regions{Diagram: diagram, Legend: parts[0], Findings: parts[1], Outline: parts[2]}
		if was := h.rendered(d.ID, d.Version-1, readOnly, oob); was != nil {
			v.r.Legend, v.r.Findings, v.r.Outline = samePiece(v.r.Legend, was.Legend), samePiece(v.r.Findings, was.Findings), samePiece(v.r.Outline, was.Outline)
		}
		h.renders.grew(e, n)
		v.done.Store(&v.r)
	})
	return v.r, v.err
}

// keptShell is what every editor page holds whatever the design: the
// sprite of icons and the palette of the catalogue, rendered once.
type keptShell struct {
	once    sync.Once
	icons   *piece
	palette *piece
}

func (h *Handler) kept() *keptShell {
	k := &h.shell
	k.once.Do(func() {
		render := func(c templ.Component) *piece {
			var buf bytes.Buffer
			// Rendering into a buffer fails only with the writer.
			_ = c.Render(context.Background(), &buf)
			return newPiece(buf.Bytes())
		}
		k.icons = render(components.Icons())
		k.palette = render(components.Palette(components.NewPalette(h.cat)))
	})
	return k
}

// patchFrom returns what changed in the editor's diagram of d since version
// from, computed once per pair of versions: after a drag, a thousand
// editors re-fetching /state get the moved block, not the drawing. It
// returns nil when from's diagram is no longer kept or the whole diagram
// must go.
func (h *Handler) patchFrom(d *design.Design, from int) templ.Component {
	was := h.rendered(d.ID, from, false, true)
	if was == nil {
		if was = h.rendered(d.ID, from, false, false); was == nil {
			return nil
		}
	}
	old, ok := was.Diagram.(*piece)
	if !ok {
		return nil
	}
	e := h.renders.entry(d)
	e.patchMu.Lock()
	if e.patches == nil {
		e.patches = make(map[int]*patchSince)
	}
	ps := e.patches[from]
	if ps == nil {
		ps = &patchSince{}
		e.patches[from] = ps
	}
	e.patchMu.Unlock()
	ps.once.Do(func() {
		cur, err := h.diagram(d, false)
		if err != nil {
			return
		}
		if html, ok := patchHTML(old.html, cur.html); ok {
			ps.p = newPiece(html)
			h.renders.grew(e, len(ps.p.html)+len(ps.p.deflate))
		}
	})
	if ps.p == nil {
		return nil
	}
	return ps.p
}
