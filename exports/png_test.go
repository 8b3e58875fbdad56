package exports

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"math"
	"testing"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
)

// A queue inside the design, a function, and a queue outside it, laid out
// so that the drawing's units are the picture's pixels halved.
const picturedDoc = `{"format":"archlab/v1","title":"Pictured","blocks":[
	{"id":"Jobs","kind":"sqs","name":"Jobs","x":40,"y":40,"props":{"VisibilityTimeout":900}},
	{"id":"Worker","kind":"lambda","name":"Worker","x":300,"y":40,"props":{"Timeout":60}},
	{"id":"Partner","kind":"sqs","name":"Partner","x":40,"y":200,"external":{"ref":"arn:aws:sqs:eu-west-1:123456789012:partner"}}],
	"connections":[{"id":"c1","from":"Jobs","to":"Worker"}]}`

func picture(t *testing.T, doc string) *image.RGBA {
	t.Helper()
	cat := design.Builtin()
	d, err := design.Decode([]byte(doc), cat)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := Lookup("png")
	out, err := Render(context.Background(), f, d, cat, rules.Default(cat))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("the export is no PNG: %v", err)
	}
	rgba := image.NewRGBA(img.Bounds())
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			rgba.Set(x, y, img.At(x, y))
		}
	}
	return rgba
}

// at is the picture's pixel at a point of the drawing.
func at(img *image.RGBA, x, y float64) color.RGBA {
	return img.RGBAAt(int(x*PNGScale), int(y*PNGScale))
}

func near(c color.RGBA, hex uint32) bool {
	d := func(a uint8, b uint32) float64 { return math.Abs(float64(a) - float64(b&0xff)) }
	return d(c.R, hex>>16) <= 12 && d(c.G, hex>>8) <= 12 && d(c.B, hex) <= 12
}

func TestPNGDrawsTheDiagram(t *testing.T) {
	img := picture(t, picturedDoc)
	// The drawing spans 40..468 × 40..272 with a 40-unit margin.
	if got, want := img.Bounds().Size(), image.Pt((468+40)*PNGScale, (272+40)*PNGScale); got != want {
		t.Fatalf("the picture is %v, want %v", got, want)
	}
	colours := map[color.RGBA]bool{}
	for y := 0; y < img.Bounds().Dy(); y += 7 {
		for x := 0; x < img.Bounds().Dx(); x += 7 {
			colours[img.RGBAAt(x, y)] = true
		}
	}
	if len(colours) < 10 {
		t.Fatalf("the picture is almost blank: %d colours", len(colours))
	}

	for _, tc := range []struct {
		what string
		x, y float64
		hex  uint32
	}{
		{"the canvas", 5, 5, 0xfbfcfd},
		{"a queue's band (messaging)", 40 + 3, 40 + 36, 0xc0392b},
		{"a function's band (compute)", 300 + 3, 40 + 36, 0xd35400},
		{"a block's body", 40 + 150, 40 + 62, 0xffffff},
		{"the icon of a function", 300 + 14 + 7.5, 40 + 20 + 5, 0xd35400}, // the lambda's upper stroke
	} {
		if c := at(img, tc.x, tc.y); !near(c, tc.hex) {
			t.Errorf("%s at (%g, %g) is %v, want #%06x", tc.what, tc.x, tc.y, c, tc.hex)
		}
	}

	// Each block's name is written: dark pixels where its label goes.
	for _, b := range []struct {
		name string
		x, y float64
	}{{"Jobs", 40, 40}, {"Worker", 300, 40}, {"Partner", 40, 200}} {
		dark := 0
		for y := (b.y + 18) * PNGScale; y < (b.y+31)*PNGScale; y++ {
			for x := (b.x + 54) * PNGScale; x < (b.x+110)*PNGScale; x++ {
				if c := img.RGBAAt(int(x), int(y)); int(c.R)+int(c.G)+int(c.B) < 3*90 {
					dark++
				}
			}
		}
		if dark < 50 {
			t.Errorf("%s's name left %d dark pixels", b.name, dark)
		}
	}

	// The outside block's outline is dashed (7 on, 4 off); an inside
	// block's is whole, in the colour of its worst finding when that is a
	// warning or an error. Along the bottom edge, count the pixels of the
	// outline's colour and the gaps.
	edge := func(bx, by float64, hex uint32) (line, gaps int) {
		y := int((by + 72) * PNGScale)
		for x := int((bx + 12) * PNGScale); x < int((bx+156)*PNGScale); x++ {
			switch c := img.RGBAAt(x, y); {
			case near(c, hex):
				line++
			case near(c, 0xfbfcfd) || near(c, 0xffffff):
				gaps++
			}
		}
		return line, gaps
	}
	if line, gaps := edge(300, 40, 0xd0d7de); line < 280 || gaps > 0 {
		t.Errorf("an inside block's bottom edge: %d pixels of line, %d of gap", line, gaps)
	}
	if line, gaps := edge(40, 40, 0x8a5300); line < 280 || gaps > 0 {
		t.Errorf("a block with a warning: its bottom edge has %d pixels of the warning's colour, %d of gap", line, gaps)
	}
	if line, gaps := edge(40, 200, 0xd0d7de); line < 100 || gaps < 60 {
		t.Errorf("an outside block's bottom edge: %d pixels of line, %d of gap; want dashes", line, gaps)
	}
	// The connection (a poll: dotted, purple) shows between the blocks, and
	// the queue's finding badge above its corner.
	purple, badge := 0, 0
	for x := (40 + 168 + 10) * PNGScale; x < (300-12)*PNGScale; x++ {
		if near(img.RGBAAt(x, (40+36)*PNGScale), 0x7b3fb6) {
			purple++
		}
	}
	for y := (40 - 10) * PNGScale; y < (40+10)*PNGScale; y++ {
		for x := (40 + 150) * PNGScale; x < (40+170)*PNGScale; x++ {
			c := img.RGBAAt(x, y)
			if near(c, 0xb3261e) || near(c, 0x8a5300) || near(c, 0x0b57d0) {
				badge++
			}
		}
	}
	if purple < 20 {
		t.Errorf("the connection left %d purple pixels on its line", purple)
	}
	if badge < 100 {
		t.Errorf("the queue's badge left %d pixels", badge)
	}
}
