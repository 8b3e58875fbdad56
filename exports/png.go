package exports

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"runtime"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/exports/raster"
	"github.com/archlab/archlab/rules"
)

// PNGScale is the PNG export's pixel density: two pixels per unit of the
// drawing, crisp on slides and on high-density screens.
const PNGScale = 2

// PNGLimits bound the PNG export: a design too big for them at PNGScale
// is drawn smaller, so that one picture never takes more than about
// 200 MB to paint (64 MB of pixels and the masks of its largest shape).
var PNGLimits = raster.DefaultLimits

// pictureSlots lets as many pictures be painted at once as there are
// processors: painting is all computation, and the bound keeps memory
// bounded under many simultaneous downloads.
var pictureSlots = make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))

// PNG paints the design's SVG drawing, the one SVG renders, into a PNG
// picture.
func PNG(ctx context.Context, d *design.Design, cat *design.Catalogue, fs []rules.Finding) ([]byte, error) {
	drawing, err := SVG(ctx, d, cat, fs)
	if err != nil {
		return nil, err
	}
	select {
	case pictureSlots <- struct{}{}:
		defer func() { <-pictureSlots }()
	case <-ctx.Done():
		return nil, fmt.Errorf("exports: paint %s: %w", d.Title, ctx.Err())
	}
	img, err := raster.Render(drawing, PNGScale, PNGLimits)
	if err != nil {
		return nil, fmt.Errorf("exports: paint %s: %w", d.Title, err)
	}
	var out bytes.Buffer
	// The drawing is large areas of few colours: the fastest compression
	// is within a few per cent of the best at a fraction of the time.
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&out, img); err != nil {
		return nil, fmt.Errorf("exports: encode %s: %w", d.Title, err)
	}
	return out.Bytes(), nil
}
