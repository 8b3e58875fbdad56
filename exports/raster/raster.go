// Package raster turns archlab's SVG drawings into pictures. It reads the
// SVG the diagram renderer writes, styles it with the stylesheet the SVG
// carries, and paints it with rasterx (strokes, dashes, joins and caps)
// over golang.org/x/image/vector, with text in the embedded Go fonts: pure
// Go, with no browser and no C library.
//
// It draws the part of SVG the diagram uses: g, use of a symbol, rect,
// circle, ellipse, line, polyline, polygon, path (all commands, arcs
// included), text on one line, and markers; fill, stroke, their
// opacities, opacity, dashes, caps, joins, paint-order, text-anchor,
// font size, weight and style, transforms, and CSS custom properties. It
// leaves out gradients, patterns, clipping, filters, images and the
// root's background image (the canvas' dot grid).
package raster

import (
	"errors"
	"fmt"
	"image"
	"image/draw"
	"math"

	"github.com/srwiley/rasterx"
)

// Limits bound the picture: a drawing bigger than they allow at the
// asked scale is drawn at a smaller one, so that a design of thousands
// of blocks costs tens of megabytes, never gigabytes.
type Limits struct {
	// MaxSide is the most pixels of the picture's width and of its height.
	MaxSide int
	// MaxPixels is the most pixels of the picture's area.
	MaxPixels int
}

// DefaultLimits: 8192 pixels a side, 16 million pixels (64 MB of RGBA)
// in all.
var DefaultLimits = Limits{MaxSide: 8192, MaxPixels: 16 << 20}

// Fit gives the scale a drawing of w×h user units is drawn at, at most
// the asked one, and the picture's size in pixels.
func (l Limits) Fit(w, h, scale float64) (float64, int, int) {
	if l.MaxSide > 0 {
		scale = math.Min(scale, float64(l.MaxSide)/math.Max(w, h))
	}
	if l.MaxPixels > 0 && w*h*scale*scale > float64(l.MaxPixels) {
		scale = math.Sqrt(float64(l.MaxPixels) / (w * h))
	}
	pw, ph := max(1, int(math.Floor(w*scale))), max(1, int(math.Floor(h*scale)))
	return scale, pw, ph
}

// Render paints an SVG document at scale pixels per user unit, or less
// when the limits ask for it; the picture covers the root's viewBox.
func Render(svg []byte, scale float64, limits Limits) (*image.RGBA, error) {
	if !(scale > 0) || math.IsInf(scale, 0) {
		return nil, fmt.Errorf("svg: the scale %v is not a positive number", scale)
	}
	doc, err := parse(svg)
	if err != nil {
		return nil, err
	}
	vb, ok := viewBox(doc.root.attr("viewBox"))
	if !ok {
		w, h := length(doc.root.attr("width")), length(doc.root.attr("height"))
		if w <= 0 || h <= 0 {
			return nil, errors.New("svg: the root element has neither a viewBox nor a width and height")
		}
		vb = [4]float64{0, 0, w, h}
	}
	scale, pw, ph := limits.Fit(vb[2], vb[3], scale)
	img := image.NewRGBA(image.Rect(0, 0, pw, ph))
	pt := &painter{doc: doc, ss: parseStylesheet(doc.style.String()), scan: newBoxScanner(img), text: newTypesetter()}
	pt.filler = rasterx.NewFiller(pw, ph, pt.scan)
	pt.dasher = rasterx.NewDasher(pw, ph, pt.scan)

	rootStyle := pt.styleOf(doc.root)
	if bg, ok := paint(rootStyle.get("background-color"), rootStyle); ok {
		draw.Draw(img, img.Bounds(), image.NewUniform(bg), image.Point{}, draw.Src)
	}
	m := rasterx.Identity.Scale(scale, scale).Translate(-vb[0], -vb[1])
	for _, c := range doc.root.children {
		if err := pt.paint(c, rootStyle, m, 1); err != nil {
			return nil, err
		}
	}
	return img, nil
}
