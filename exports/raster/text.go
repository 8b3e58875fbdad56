package raster

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/srwiley/rasterx"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Text is drawn in the Go fonts (Bigelow & Holmes, BSD licence: see
// GOFONTS-LICENSE), embedded in the binary, so that a picture looks the
// same on every server. Glyphs become outlines that are filled and
// stroked like any path.

// face is one of the four Go sans faces.
type face int

const (
	regular face = iota
	bold
	italic
	boldItalic
)

var (
	fontsOnce sync.Once
	fonts     [4]*sfnt.Font
	fontsErr  error
)

func loadFonts() error {
	fontsOnce.Do(func() {
		for i, ttf := range [][]byte{goregular.TTF, gobold.TTF, goitalic.TTF, gobolditalic.TTF} {
			f, err := sfnt.Parse(ttf)
			if err != nil {
				fontsErr = fmt.Errorf("svg: the embedded Go fonts: %w", err)
				return
			}
			fonts[i] = f
		}
	})
	return fontsErr
}

// faceFor picks the face for a weight and a style as CSS does: 600 and
// heavier is bold.
func faceFor(weight, style string) face {
	heavy := weight == "bold" || weight == "bolder"
	if n, err := strconv.Atoi(weight); err == nil && n >= 600 {
		heavy = true
	}
	slanted := style == "italic" || style == "oblique"
	switch {
	case heavy && slanted:
		return boldItalic
	case heavy:
		return bold
	case slanted:
		return italic
	}
	return regular
}

// glyphPPEM is the size glyph outlines are loaded at and cached, then
// scaled to the text's size: fine enough for any size on a diagram.
const glyphPPEM = 256

type glyphKey struct {
	face  face
	index sfnt.GlyphIndex
}

type glyph struct {
	outline path    // at glyphPPEM, origin on the baseline
	advance float64 // at glyphPPEM
}

// typesetter lays out text; one serves one picture (its buffer and cache
// are not shared between goroutines).
type typesetter struct {
	buf    sfnt.Buffer
	glyphs map[glyphKey]*glyph
}

func newTypesetter() *typesetter {
	return &typesetter{glyphs: map[glyphKey]*glyph{}}
}

func (ts *typesetter) glyph(f face, r rune) (*glyph, sfnt.GlyphIndex, error) {
	fnt := fonts[f]
	idx, err := fnt.GlyphIndex(&ts.buf, r)
	if err != nil {
		return nil, 0, err
	}
	key := glyphKey{f, idx}
	if g, ok := ts.glyphs[key]; ok {
		return g, idx, nil
	}
	segs, err := fnt.LoadGlyph(&ts.buf, idx, fixed.I(glyphPPEM), nil)
	if err != nil {
		return nil, 0, err
	}
	adv, err := fnt.GlyphAdvance(&ts.buf, idx, fixed.I(glyphPPEM), font.HintingNone)
	if err != nil {
		return nil, 0, err
	}
	g := &glyph{advance: unfix(adv)}
	pt := func(p fixed.Point26_6) point { return point{unfix(p.X), unfix(p.Y)} }
	for _, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			if len(g.outline) > 0 {
				g.outline = append(g.outline, segment{kind: closePath})
			}
			g.outline = append(g.outline, segment{kind: moveTo, pts: [3]point{pt(s.Args[0])}})
		case sfnt.SegmentOpLineTo:
			g.outline = append(g.outline, segment{kind: lineTo, pts: [3]point{pt(s.Args[0])}})
		case sfnt.SegmentOpQuadTo:
			g.outline = append(g.outline, segment{kind: quadTo, pts: [3]point{pt(s.Args[0]), pt(s.Args[1])}})
		case sfnt.SegmentOpCubeTo:
			g.outline = append(g.outline, segment{kind: cubicTo, pts: [3]point{pt(s.Args[0]), pt(s.Args[1]), pt(s.Args[2])}})
		}
	}
	if len(g.outline) > 0 {
		g.outline = append(g.outline, segment{kind: closePath})
	}
	ts.glyphs[key] = g
	return g, idx, nil
}

func unfix(v fixed.Int26_6) float64 { return float64(v) / 64 }

// maxTextRunes bounds one text element; the diagram clips its labels to
// a few dozen characters.
const maxTextRunes = 4096

// placedGlyph is a glyph's outline, at glyphPPEM, and where it goes.
type placedGlyph struct {
	outline path
	m       rasterx.Matrix2D // from the glyph's units to the text's
}

// layout sets a line of text, its baseline starting at (x, y), anchored
// as text-anchor says; a textLength (0 for none) condenses or stretches
// it to that width, glyphs and spacing alike (lengthAdjust
// spacingAndGlyphs, the diagram's long names). The outlines are the cached ones, each with its
// own placement, so that a long label costs no copies.
func (ts *typesetter) layout(text string, x, y, size float64, f face, anchor string, textLength float64) ([]placedGlyph, error) {
	if err := loadFonts(); err != nil {
		return nil, err
	}
	text = strings.Join(strings.Fields(text), " ") // SVG's default white space handling
	k := size / glyphPPEM
	var line []placedGlyph
	pen, prev := 0.0, sfnt.GlyphIndex(0)
	var pens []float64
	for i, r := range []rune(text) {
		if i >= maxTextRunes {
			break
		}
		g, idx, err := ts.glyph(f, r)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			if kern, err := fonts[f].Kern(&ts.buf, prev, idx, fixed.I(glyphPPEM), font.HintingNone); err == nil {
				pen += unfix(kern)
			}
		}
		if len(g.outline) > 0 {
			line = append(line, placedGlyph{outline: g.outline})
			pens = append(pens, pen)
		}
		pen += g.advance
		prev = idx
	}
	kx := k // horizontal scale
	if textLength > 0 && pen > 0 {
		kx = textLength / pen
	}
	switch anchor {
	case "middle":
		x -= pen * kx / 2
	case "end":
		x -= pen * kx
	}
	for i := range line {
		line[i].m = rasterx.Identity.Translate(x+pens[i]*kx, y).Scale(kx, k)
	}
	return line, nil
}
