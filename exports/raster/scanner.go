package raster

import (
	"image"
	"image/color"
	"math"

	"github.com/srwiley/rasterx"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// boxScanner is the last step of rasterx's pipeline: it collects the
// outline a filler or stroker makes and paints it through x/image/vector,
// over the outline's bounding box only. rasterx's own ScannerGV clears and
// paints the whole image for every path, which makes a drawing of n blocks
// cost n times the image.
type boxScanner struct {
	dst    *image.RGBA
	points []scanPoint
	minX   float32
	minY   float32
	maxX   float32
	maxY   float32
	src    image.Uniform
	r      vector.Rasterizer
}

// scanPoint is one vertex of the outline; start marks a new subpath.
type scanPoint struct {
	x, y  float32
	start bool
}

var _ rasterx.Scanner = (*boxScanner)(nil)

func newBoxScanner(dst *image.RGBA) *boxScanner {
	s := &boxScanner{dst: dst}
	s.Clear()
	return s
}

func (s *boxScanner) add(p fixed.Point26_6, start bool) {
	x, y := float32(p.X)/64, float32(p.Y)/64
	s.points = append(s.points, scanPoint{x, y, start})
	s.minX, s.minY = min(s.minX, x), min(s.minY, y)
	s.maxX, s.maxY = max(s.maxX, x), max(s.maxY, y)
}

func (s *boxScanner) Start(a fixed.Point26_6) { s.add(a, true) }
func (s *boxScanner) Line(b fixed.Point26_6)  { s.add(b, false) }

// Draw paints what was collected in the colour set last, clipped to the
// image.
func (s *boxScanner) Draw() {
	if len(s.points) == 0 {
		return
	}
	box := image.Rect(int(math.Floor(float64(s.minX))), int(math.Floor(float64(s.minY))),
		int(math.Ceil(float64(s.maxX)))+1, int(math.Ceil(float64(s.maxY)))+1).Intersect(s.dst.Bounds())
	if box.Empty() {
		return
	}
	ox, oy := float32(box.Min.X), float32(box.Min.Y)
	s.r.Reset(box.Dx(), box.Dy())
	// No subpath is closed here: rasterx's strokers send the edges of an
	// outline as separate pieces that close only together, and its
	// filler closes what it fills.
	for _, p := range s.points {
		if p.start {
			s.r.MoveTo(p.x-ox, p.y-oy)
		} else {
			s.r.LineTo(p.x-ox, p.y-oy)
		}
	}
	s.r.Draw(s.dst, box, &s.src, image.Point{})
}

func (s *boxScanner) GetPathExtent() fixed.Rectangle26_6 {
	return fixed.Rectangle26_6{
		Min: fixed.Point26_6{X: fixed.Int26_6(s.minX * 64), Y: fixed.Int26_6(s.minY * 64)},
		Max: fixed.Point26_6{X: fixed.Int26_6(s.maxX * 64), Y: fixed.Int26_6(s.maxY * 64)},
	}
}

// SetBounds is part of rasterx's interface; the bounds are the image's.
func (s *boxScanner) SetBounds(w, h int) {}

// SetColor takes a colour; rasterx's gradients (functions) are not used
// by archlab's drawing.
func (s *boxScanner) SetColor(c interface{}) {
	if c, ok := c.(color.Color); ok {
		s.src.C = c
	}
}

// SetWinding is part of rasterx's interface: x/image/vector fills by the
// non-zero rule, which is SVG's default and the only one the diagram uses.
func (s *boxScanner) SetWinding(useNonZeroWinding bool) {}

func (s *boxScanner) Clear() {
	s.points = s.points[:0]
	s.minX, s.minY = math.MaxFloat32, math.MaxFloat32
	s.maxX, s.maxY = -math.MaxFloat32, -math.MaxFloat32
}

// SetClip is part of rasterx's interface; nothing in the diagram clips.
func (s *boxScanner) SetClip(rect image.Rectangle) {}
