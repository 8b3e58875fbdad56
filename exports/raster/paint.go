package raster

import (
	"image/color"
	"math"
	"strconv"
	"strings"

	"github.com/srwiley/rasterx"
	"golang.org/x/image/math/fixed"
)

// painter walks the document and draws each element the way its style
// says.
type painter struct {
	doc    *document
	ss     *stylesheet
	scan   *boxScanner
	filler *rasterx.Filler
	dasher *rasterx.Dasher
	text   *typesetter
	uses   int // <use> nesting, bounded against a drawing that uses itself
}

// maxUseDepth bounds <use> inside <use>; the diagram uses one level.
const maxUseDepth = 8

// styleOf computes the style of an element in its own place in the
// document, once.
func (pt *painter) styleOf(e *element) *computed {
	if e == nil {
		return nil
	}
	if e.style == nil {
		e.style = pt.ss.compute(e, pt.styleOf(e.parent))
	}
	return e.style
}

// paint draws e and its children; parent is the style e inherits from.
func (pt *painter) paint(e *element, parent *computed, m rasterx.Matrix2D, opacity float64) error {
	switch e.name {
	case "defs", "symbol", "marker", "title", "desc", "style", "metadata", "script",
		"clipPath", "mask", "pattern", "linearGradient", "radialGradient", "filter":
		return nil // drawn only where referred to, or never
	}
	st := pt.ss.compute(e, parent)
	if st.get("display") == "none" {
		return nil
	}
	if o, ok := st.props["opacity"]; ok {
		opacity *= clamp01(parseNumber(o, 1))
	}
	if opacity <= 0 {
		return nil
	}
	if t, ok := st.props["transform"]; ok {
		m = m.Mult(parseTransform(t))
	} else if t := e.attr("transform"); t != "" {
		m = m.Mult(parseTransform(t))
	}
	visible := st.get("visibility") != "hidden" && st.get("visibility") != "collapse"
	switch e.name {
	case "svg", "g", "a", "switch":
		for _, c := range e.children {
			if err := pt.paint(c, st, m, opacity); err != nil {
				return err
			}
		}
		return nil
	case "use":
		return pt.use(e, st, m, opacity)
	case "text":
		if !visible {
			return nil
		}
		glyphs, err := pt.text.layout(e.text.String(), length(e.attr("x")), length(e.attr("y")),
			length(st.get("font-size")), faceFor(st.get("font-weight"), st.get("font-style")), st.get("text-anchor"), length(e.attr("textLength")))
		if err != nil {
			return err
		}
		pieces := make([]piece, len(glyphs))
		for i, g := range glyphs {
			pieces[i] = piece{g.outline, m.Mult(g.m)}
		}
		pt.draw(pieces, nil, st, m, opacity)
		return nil
	}
	p, err := shape(e)
	if err != nil || p == nil || !visible {
		return err
	}
	pt.draw([]piece{{p, m}}, p, st, m, opacity)
	return nil
}

// piece is an outline and the transform that places it: one for a shape,
// one per glyph for text.
type piece struct {
	p path
	m rasterx.Matrix2D
}

// shape is the outline of a basic shape or a path.
func shape(e *element) (path, error) {
	n := func(name string) float64 { return length(e.attr(name)) }
	switch e.name {
	case "path":
		return parsePath(e.attr("d"))
	case "rect":
		rx, ry := e.attr("rx"), e.attr("ry")
		if rx == "" {
			rx = ry
		}
		if ry == "" {
			ry = rx
		}
		if n("width") <= 0 || n("height") <= 0 {
			return nil, nil
		}
		return rectPath(n("x"), n("y"), n("width"), n("height"), length(rx), length(ry)), nil
	case "circle":
		return ellipsePath(n("cx"), n("cy"), n("r"), n("r")), nil
	case "ellipse":
		return ellipsePath(n("cx"), n("cy"), n("rx"), n("ry")), nil
	case "line":
		return path{{kind: moveTo, pts: [3]point{{n("x1"), n("y1")}}}, {kind: lineTo, pts: [3]point{{n("x2"), n("y2")}}}}, nil
	case "polyline", "polygon":
		v := numbers(e.attr("points"))
		var p path
		for i := 0; i+1 < len(v); i += 2 {
			kind := lineTo
			if i == 0 {
				kind = moveTo
			}
			p = append(p, segment{kind: kind, pts: [3]point{{v[i], v[i+1]}}})
		}
		if e.name == "polygon" && len(p) > 0 {
			p = append(p, segment{kind: closePath, pts: [3]point{p[0].pts[0]}})
		}
		return p, nil
	}
	return nil, nil
}

// use draws what a <use> refers to: a symbol fitted into the use's box,
// or any other element moved by x and y. The drawn copy inherits the use
// element's style.
func (pt *painter) use(e *element, st *computed, m rasterx.Matrix2D, opacity float64) error {
	href := e.attr("href")
	target := pt.doc.byID[strings.TrimPrefix(href, "#")]
	if !strings.HasPrefix(href, "#") || target == nil || pt.uses >= maxUseDepth {
		return nil
	}
	pt.uses++
	defer func() { pt.uses-- }()
	m = m.Translate(length(e.attr("x")), length(e.attr("y")))
	if target.name != "symbol" {
		return pt.paint(target, st, m, opacity)
	}
	if vb, ok := viewBox(target.attr("viewBox")); ok {
		w, h := length(e.attr("width")), length(e.attr("height"))
		if e.attr("width") == "" {
			w = vb[2]
		}
		if e.attr("height") == "" {
			h = vb[3]
		}
		m = m.Mult(fitViewBox(vb, w, h))
	}
	for _, c := range target.children {
		if err := pt.paint(c, st, m, opacity); err != nil {
			return err
		}
	}
	return nil
}

// fitViewBox maps a viewBox into a w×h viewport, centred and whole
// (preserveAspectRatio's default, xMidYMid meet).
func fitViewBox(vb [4]float64, w, h float64) rasterx.Matrix2D {
	s := math.Min(w/vb[2], h/vb[3])
	return rasterx.Identity.Translate((w-vb[2]*s)/2, (h-vb[3]*s)/2).Scale(s, s).Translate(-vb[0], -vb[1])
}

// draw fills and strokes the pieces, and marks the path (when there is
// one) in the order paint-order says; m is the element's transform.
func (pt *painter) draw(pieces []piece, marked path, st *computed, m rasterx.Matrix2D, opacity float64) {
	order := []string{"fill", "stroke", "markers"}
	if po := strings.Fields(st.get("paint-order")); len(po) > 0 && po[0] != "normal" {
		first := append([]string(nil), po...)
		for _, w := range order {
			if !contains(first, w) {
				first = append(first, w)
			}
		}
		order = first
	}
	for _, what := range order {
		switch what {
		case "fill":
			pt.fill(pieces, st, opacity)
		case "stroke":
			pt.stroke(pieces, st, scaleOf(m), opacity)
		case "markers":
			if marked != nil {
				pt.markers(marked, st, m, opacity)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func (pt *painter) fill(pieces []piece, st *computed, opacity float64) {
	c, ok := paint(st.get("fill"), st)
	if !ok {
		return
	}
	c = withOpacity(c, opacity*clamp01(parseNumber(st.get("fill-opacity"), 1)))
	if c.A == 0 {
		return
	}
	pt.filler.Clear()
	for _, pc := range pieces {
		feed(pt.filler, pc.p, pc.m)
	}
	pt.filler.SetColor(c)
	pt.filler.Draw()
}

// stroke outlines the pieces; k is how much the element's transform
// enlarges widths and dashes.
func (pt *painter) stroke(pieces []piece, st *computed, k float64, opacity float64) {
	c, ok := paint(st.get("stroke"), st)
	if !ok {
		return
	}
	c = withOpacity(c, opacity*clamp01(parseNumber(st.get("stroke-opacity"), 1)))
	width := strokeWidth(st)
	if c.A == 0 || width <= 0 {
		return
	}
	var dashes []float64
	total := 0.0
	for _, d := range numbers(st.get("stroke-dasharray")) {
		if d < 0 {
			dashes, total = nil, 0
			break
		}
		dashes = append(dashes, d*k)
		total += d
	}
	if total == 0 {
		dashes = nil
	} else if len(dashes)%2 == 1 {
		dashes = append(dashes, dashes...)
	}
	var capFn rasterx.CapFunc = rasterx.ButtCap
	switch st.get("stroke-linecap") {
	case "round":
		capFn = rasterx.RoundCap
	case "square":
		capFn = rasterx.SquareCap
	}
	join := rasterx.Miter
	switch st.get("stroke-linejoin") {
	case "round":
		join = rasterx.Round
	case "bevel":
		join = rasterx.Bevel
	case "miter-clip":
		join = rasterx.MiterClip
	case "arcs":
		join = rasterx.Arc
	}
	limit := parseNumber(st.get("stroke-miterlimit"), 4)
	pt.dasher.Clear()
	pt.dasher.SetStroke(fixed.Int26_6(width*k*64), fixed.Int26_6(math.Max(limit, 1)*64), capFn, nil, nil, join,
		dashes, length(st.get("stroke-dashoffset"))*k)
	for _, pc := range pieces {
		feed(pt.dasher, pc.p, pc.m)
	}
	pt.dasher.SetColor(c)
	pt.dasher.Draw()
}

func strokeWidth(st *computed) float64 {
	if w := st.get("stroke-width"); w != "" {
		return length(w)
	}
	return 1
}

// markers draws the arrowheads a path names at its start and end.
func (pt *painter) markers(p path, st *computed, m rasterx.Matrix2D, opacity float64) {
	first, firstDir, last, lastDir, ok := p.ends()
	if !ok {
		return
	}
	if id := urlID(st.get("marker-start")); id != "" {
		pt.marker(id, first, firstDir, true, st, m, opacity)
	}
	if id := urlID(st.get("marker-end")); id != "" {
		pt.marker(id, last, lastDir, false, st, m, opacity)
	}
}

func (pt *painter) marker(id string, at, dir point, start bool, st *computed, m rasterx.Matrix2D, opacity float64) {
	mk := pt.doc.byID[id]
	if mk == nil || mk.name != "marker" || pt.uses >= maxUseDepth {
		return
	}
	pt.uses++
	defer func() { pt.uses-- }()
	angle := 0.0
	switch orient := mk.attr("orient"); orient {
	case "auto", "auto-start-reverse":
		angle = dir.angle()
		if start && orient == "auto-start-reverse" {
			angle += math.Pi
		}
	default:
		angle = parseNumber(strings.TrimSuffix(orient, "deg"), 0) * math.Pi / 180
	}
	mw, mh := length(mk.attr("markerWidth")), length(mk.attr("markerHeight"))
	if mk.attr("markerWidth") == "" {
		mw = 3
	}
	if mk.attr("markerHeight") == "" {
		mh = 3
	}
	mm := m.Translate(at.x, at.y).Rotate(angle)
	if mk.attr("markerUnits") != "userSpaceOnUse" {
		sw := strokeWidth(st)
		mm = mm.Scale(sw, sw)
	}
	if vb, ok := viewBox(mk.attr("viewBox")); ok {
		s := math.Min(mw/vb[2], mh/vb[3])
		mm = mm.Scale(s, s)
	}
	mm = mm.Translate(-length(mk.attr("refX")), -length(mk.attr("refY")))
	mst := pt.styleOf(mk)
	for _, c := range mk.children {
		if err := pt.paint(c, mst, mm, opacity); err != nil {
			return
		}
	}
}

func urlID(v string) string {
	v = strings.TrimSpace(v)
	if !strings.HasPrefix(v, "url(") || !strings.HasSuffix(v, ")") {
		return ""
	}
	v = strings.Trim(strings.TrimSpace(v[4:len(v)-1]), `"'`)
	return strings.TrimPrefix(v, "#")
}

// feed sends an outline, transformed, to a rasterx filler or stroker.
func feed(a rasterx.Adder, p path, m rasterx.Matrix2D) {
	fx := func(q point) fixed.Point26_6 {
		x, y := m.Transform(q.x, q.y)
		return fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.Int26_6(y * 64)}
	}
	open := false
	var start point
	for _, s := range p {
		if s.kind == moveTo {
			if open {
				a.Stop(false)
			}
			start = s.pts[0]
			a.Start(fx(start))
			open = true
			continue
		}
		if !open {
			a.Start(fx(start)) // drawing on after a close starts where it closed
			open = true
		}
		switch s.kind {
		case lineTo:
			a.Line(fx(s.pts[0]))
		case quadTo:
			a.QuadBezier(fx(s.pts[0]), fx(s.pts[1]))
		case cubicTo:
			a.CubeBezier(fx(s.pts[0]), fx(s.pts[1]), fx(s.pts[2]))
		case closePath:
			a.Stop(true)
			open = false
		}
	}
	if open {
		a.Stop(false)
	}
}

// scaleOf is how much a transform enlarges lengths (the diagram's
// transforms scale evenly).
func scaleOf(m rasterx.Matrix2D) float64 { return math.Sqrt(math.Abs(m.A*m.D - m.B*m.C)) }

// paint reads a fill or stroke value; ok is false for none.
func paint(v string, st *computed) (color.NRGBA, bool) {
	v = strings.TrimSpace(v)
	if strings.EqualFold(v, "currentColor") {
		v = st.get("color")
	}
	if v == "" || v == "none" {
		return color.NRGBA{}, false
	}
	return parseColor(v)
}

func withOpacity(c color.NRGBA, o float64) color.NRGBA {
	c.A = uint8(math.Round(float64(c.A) * clamp01(o)))
	return c
}

var namedColors = map[string]color.NRGBA{
	"black": {0, 0, 0, 255}, "white": {255, 255, 255, 255}, "transparent": {},
	"red": {255, 0, 0, 255}, "green": {0, 128, 0, 255}, "blue": {0, 0, 255, 255},
	"gray": {128, 128, 128, 255}, "grey": {128, 128, 128, 255}, "orange": {255, 165, 0, 255},
}

// parseColor reads #rgb, #rgba, #rrggbb, #rrggbbaa, rgb(), rgba() and a
// few names.
func parseColor(v string) (color.NRGBA, bool) {
	v = strings.ToLower(strings.TrimSpace(v))
	if c, ok := namedColors[v]; ok {
		return c, true
	}
	if strings.HasPrefix(v, "#") {
		h := v[1:]
		if len(h) == 3 || len(h) == 4 {
			var b strings.Builder
			for _, r := range h {
				b.WriteRune(r)
				b.WriteRune(r)
			}
			h = b.String()
		}
		if len(h) == 6 {
			h += "ff"
		}
		n, err := strconv.ParseUint(h, 16, 32)
		if len(h) != 8 || err != nil {
			return color.NRGBA{}, false
		}
		return color.NRGBA{uint8(n >> 24), uint8(n >> 16), uint8(n >> 8), uint8(n)}, true
	}
	if inner, ok := strings.CutSuffix(v, ")"); ok {
		if args, ok := cutAnyPrefix(inner, "rgba(", "rgb("); ok {
			parts := strings.FieldsFunc(args, func(r rune) bool { return r == ',' || r == ' ' || r == '/' })
			if len(parts) < 3 {
				return color.NRGBA{}, false
			}
			ch := func(s string) uint8 {
				if p, ok := strings.CutSuffix(s, "%"); ok {
					return uint8(math.Round(clamp01(parseNumber(p, 0)/100) * 255))
				}
				return uint8(math.Round(math.Max(0, math.Min(255, parseNumber(s, 0)))))
			}
			c := color.NRGBA{ch(parts[0]), ch(parts[1]), ch(parts[2]), 255}
			if len(parts) > 3 {
				a := parts[3]
				if p, ok := strings.CutSuffix(a, "%"); ok {
					c.A = uint8(math.Round(clamp01(parseNumber(p, 100)/100) * 255))
				} else {
					c.A = uint8(math.Round(clamp01(parseNumber(a, 1)) * 255))
				}
			}
			return c, true
		}
	}
	return color.NRGBA{}, false
}

func cutAnyPrefix(s string, prefixes ...string) (string, bool) {
	for _, p := range prefixes {
		if rest, ok := strings.CutPrefix(s, p); ok {
			return rest, true
		}
	}
	return "", false
}

func clamp01(f float64) float64 { return math.Max(0, math.Min(1, f)) }

func parseNumber(s string, fallback float64) float64 {
	if s == "" {
		return fallback
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return fallback
	}
	return f
}

// length reads a length in user units: "12", "12px", "12.5".
func length(s string) float64 {
	return parseNumber(strings.TrimSuffix(strings.TrimSpace(s), "px"), 0)
}

// numbers reads a list of numbers separated by spaces or commas.
func numbers(s string) []float64 {
	var out []float64
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' || r == '\n' }) {
		out = append(out, length(f))
	}
	return out
}

func viewBox(s string) ([4]float64, bool) {
	v := numbers(s)
	if len(v) != 4 || v[2] <= 0 || v[3] <= 0 {
		return [4]float64{}, false
	}
	return [4]float64{v[0], v[1], v[2], v[3]}, true
}

// parseTransform reads an SVG transform attribute or a CSS transform:
// translate, translateX, translateY, scale, rotate and matrix, with px
// and deg units.
func parseTransform(s string) rasterx.Matrix2D {
	m := rasterx.Identity
	for {
		open := strings.IndexByte(s, '(')
		closing := strings.IndexByte(s, ')')
		if open < 0 || closing < open {
			return m
		}
		name := strings.TrimSpace(strings.Trim(s[:open], " ,"))
		var args []float64
		for _, a := range strings.FieldsFunc(s[open+1:closing], func(r rune) bool { return r == ' ' || r == ',' }) {
			a = strings.TrimSuffix(strings.TrimSuffix(a, "px"), "deg")
			args = append(args, parseNumber(a, 0))
		}
		s = s[closing+1:]
		arg := func(i int, fallback float64) float64 {
			if i < len(args) {
				return args[i]
			}
			return fallback
		}
		switch name {
		case "translate":
			m = m.Translate(arg(0, 0), arg(1, 0))
		case "translateX":
			m = m.Translate(arg(0, 0), 0)
		case "translateY":
			m = m.Translate(0, arg(0, 0))
		case "scale":
			m = m.Scale(arg(0, 1), arg(1, arg(0, 1)))
		case "rotate":
			cx, cy := arg(1, 0), arg(2, 0)
			m = m.Translate(cx, cy).Rotate(arg(0, 0)*math.Pi/180).Translate(-cx, -cy)
		case "matrix":
			if len(args) == 6 {
				m = m.Mult(rasterx.Matrix2D{A: args[0], B: args[1], C: args[2], D: args[3], E: args[4], F: args[5]})
			}
		}
	}
}
