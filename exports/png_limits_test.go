package exports

import (
	"bytes"
	"context"
	"image/png"
	"runtime"
	"testing"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
)

// A design of 5,000 blocks is drawn smaller rather than into a picture of
// gigabytes: it stays within the limits, and painting it allocates a few
// hundred megabytes at most.
func TestPNGOfAHugeDesignStaysBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("paints 5,000 blocks")
	}
	cat := design.Builtin()
	d := gridDesign(t, 5000)
	fs := rules.Default(cat).Check(d)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	out, err := PNG(context.Background(), d, cat, fs)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("5,000 blocks: %dx%d pixels, %d KB of PNG, %d MB allocated", cfg.Width, cfg.Height, len(out)>>10, (after.TotalAlloc-before.TotalAlloc)>>20)
	if cfg.Width > PNGLimits.MaxSide || cfg.Height > PNGLimits.MaxSide || cfg.Width*cfg.Height > PNGLimits.MaxPixels {
		t.Errorf("the picture is %dx%d, past the limits %+v", cfg.Width, cfg.Height, PNGLimits)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<30 {
		t.Errorf("painting 5,000 blocks allocated %d MB", alloc>>20)
	}
}
