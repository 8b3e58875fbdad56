package components

import (
	"math"
	"strings"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/web/components/route"
)

// routed is a design's connections routed among its blocks.
type routed struct {
	boxes []route.Rect
	paths [][]route.Point
}

// routeConnections routes every connection (each between two blocks of
// the design) around the blocks.
func routeConnections(blocks []design.Block, conns []design.Connection) routed {
	at := make(map[string]int, len(blocks))
	boxes := make([]route.Rect, len(blocks))
	for i, b := range blocks {
		at[b.ID] = i
		boxes[i] = route.Rect{X: b.X, Y: b.Y, W: design.BlockWidth, H: design.BlockHeight}
	}
	edges := make([]route.Edge, len(conns))
	for i, c := range conns {
		edges[i] = route.Edge{From: at[c.From], To: at[c.To]}
	}
	return routed{boxes: boxes, paths: route.Route(boxes, edges)}
}

// pathData writes a route as SVG path data, in the shortest form an
// orthogonal line has (H and V): a design of thousands of connections
// draws each twice (its line and its wider hit area).
func pathData(ps []route.Point) string {
	if len(ps) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("M" + n(ps[0].X) + " " + n(ps[0].Y))
	for i := 1; i < len(ps); i++ {
		p, q := ps[i-1], ps[i]
		switch {
		case p.Y == q.Y:
			b.WriteString("H" + n(q.X))
		case p.X == q.X:
			b.WriteString("V" + n(q.Y))
		default:
			b.WriteString("L" + n(q.X) + " " + n(q.Y))
		}
	}
	return b.String()
}

// Sizes of what is written beside a connection, in diagram units: the
// badge is 20 square, the "inferred" tag 10 px italic, a name 10 px in
// lines of 12, at most nameWidthMax wide: the gap between two layers of
// a tidy design is 96.
const (
	badgeSize      = 20
	inferredWidth  = 40
	nameLineHeight = 12
	nameFontSize   = 10
	nameWidthMax   = 84
	nameMaxLines   = 2
	// nameWidthNarrow fits the gap of 48 between two rows.
	nameWidthNarrow = 40
)

// markWidth is the width of a connection's badge and inferred tag side by
// side; 0 when it has neither.
func markWidth(c *ConnView) float64 {
	w := 0.0
	if c.Badge.Count > 0 {
		w += badgeSize
	}
	if c.Inferred {
		if w > 0 {
			w += route.Gap
		}
		w += inferredWidth
	}
	return w
}

// inferredX is the middle of the inferred tag, after the badge if any.
func inferredX(c ConnView) float64 {
	if c.Badge.Count > 0 {
		return c.MarkX + badgeSize + route.Gap + inferredWidth/2
	}
	return c.MarkX + inferredWidth/2
}

// placeName finds room for a connection's name beside its line: wrapped
// to nameWidthMax in two lines, or where that finds no room clear of the
// blocks, narrower in three; ok is false when neither fits.
func placeName(p *route.Placer, i int, name string) (route.Rect, []string, bool) {
	bestLevel := route.OnBlock
	var best route.Rect
	var bestLines []string
	for _, f := range []struct {
		width float64
		lines int
	}{{nameWidthMax, nameMaxLines}, {nameWidthNarrow, nameMaxLines + 1}} {
		lines := wrapName(name, f.width, f.lines)
		if len(lines) == 0 {
			return route.Rect{}, nil, false
		}
		r, level := p.Find(i, nameWidth(lines), float64(len(lines))*nameLineHeight)
		if level < bestLevel {
			best, bestLines, bestLevel = r, lines, level
		}
		if level == route.Clear {
			break
		}
	}
	return best, bestLines, bestLevel < route.OnBlock
}

// wrapName breaks an integration's name into at most max lines that fit
// width, the last one clipped with an ellipsis if it must be; the whole
// name is in the connection's title.
func wrapName(name string, width float64, most int) []string {
	var lines []string
	for _, word := range strings.Fields(name) {
		if k := len(lines); k > 0 && textWidth(lines[k-1]+" "+word, nameFontSize) <= width {
			lines[k-1] += " " + word
			continue
		}
		lines = append(lines, word)
	}
	if len(lines) > most {
		lines = append(lines[:most-1], strings.Join(lines[most-1:], " "))
	}
	for i, l := range lines {
		for textWidth(l, nameFontSize) > width {
			r := []rune(strings.TrimSuffix(l, "…"))
			l = string(r[:len(r)-1]) + "…"
		}
		lines[i] = l
	}
	return lines
}

func nameWidth(lines []string) float64 {
	w := 0.0
	for _, l := range lines {
		w = math.Max(w, textWidth(l, nameFontSize))
	}
	return math.Ceil(w)
}

// nameBaseline is where line i of a connection's name sits.
func nameBaseline(c ConnView, i int) float64 {
	return c.NameY + float64(i)*nameLineHeight + nameLineHeight - 2.5
}

// textWidth estimates how wide text is at a size, a little generously:
// the server does not know the reader's font, and a name drawn wider than
// estimated could reach into a block.
func textWidth(s string, size float64) float64 {
	em := 0.0
	for _, r := range s {
		switch {
		case strings.ContainsRune("ijlI.,:;'|!() ", r):
			em += 0.32
		case strings.ContainsRune("frt-", r):
			em += 0.4
		case strings.ContainsRune("mwMW", r):
			em += 0.9
		case r >= 'A' && r <= 'Z':
			em += 0.7
		default:
			em += 0.58
		}
	}
	return em * size
}
