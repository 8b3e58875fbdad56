package raster

import (
	"image"
	"image/color"
	"strings"
	"testing"
)

func TestParsePath(t *testing.T) {
	for _, tc := range []struct {
		d     string
		kinds string // m l q c z per segment
		end   point
	}{
		{"M5 4h4l9 16M11.5 9.5 6 20", "mllml", point{6, 20}},
		{"m1 1 2 0v3z", "mllz", point{1, 1}},
		{"M10 8.5a5 5 0 0 1 0 7", "mc", point{10, 15.5}},
		{"M10 8.5a5 5 0 0110 0", "mcc", point{20, 8.5}}, // flags without separators
		{"M2 7c3-3 5 3 8 0s5-3 8 0", "mcc", point{18, 7}},
		{"M0 0Q5 5 10 0T20 0", "mqq", point{20, 0}},
		{"M.5.5L1e1-2", "ml", point{10, -2}},
		{"M0 0L10 0L10 10Z L5 5", "mllzl", point{5, 5}},
	} {
		p, err := parsePath(tc.d)
		if err != nil {
			t.Errorf("%q: %v", tc.d, err)
			continue
		}
		var kinds strings.Builder
		for _, s := range p {
			kinds.WriteByte("mlqcz"[s.kind])
		}
		if kinds.String() != tc.kinds {
			t.Errorf("%q: segments %s, want %s", tc.d, kinds.String(), tc.kinds)
		}
		if got := p[len(p)-1].end(); abs(got.x-tc.end.x) > 1e-6 || abs(got.y-tc.end.y) > 1e-6 {
			t.Errorf("%q ends at %v, want %v", tc.d, got, tc.end)
		}
	}
	for _, bad := range []string{"5 5", "M1", "M1 1 L x", "M0 0 A5 5 0 2 1 3 3", "M1e999 0"} {
		if _, err := parsePath(bad); err == nil {
			t.Errorf("%q reads without an error", bad)
		}
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// A semicircle drawn as an arc passes through its far point.
func TestArcsBecomeCurves(t *testing.T) {
	p, err := parsePath("M0 0A10 10 0 0 1 20 0")
	if err != nil {
		t.Fatal(err)
	}
	// The sweep flag 1 goes clockwise on screen: through (10, -10).
	mid := p[1].end()
	if !(abs(mid.x-10) < 1e-6 && abs(mid.y+10) < 1e-6) {
		t.Errorf("the arc's middle is at %v, want (10, -10)", mid)
	}
}

func TestCascade(t *testing.T) {
	ss := parseStylesheet(`
		:root { --c: #111111; --d: var(--c); }
		@media (prefers-color-scheme: dark) { :root { --c: #eeeeee; } }
		/* a comment { with braces } */
		.block-body { fill: var(--surface, #ffffff); stroke: var(--d); stroke-width: 1.5; }
		.block.outside .block-body { stroke-dasharray: 7 4; }
		.block:hover .block-body { stroke: red; }
		g > rect.block-body { stroke-width: 3; }
		.cat { --cat: #00ff00; }
		.band { fill: var(--cat); opacity: 0.5; }
		.missing { fill: var(--nothing); }
	`)
	root := &element{name: "svg", attrs: map[string]string{}}
	group := &element{name: "g", attrs: map[string]string{"class": "block outside cat"}, classes: []string{"block", "outside", "cat"}, parent: root}
	body := &element{name: "rect", attrs: map[string]string{"class": "block-body", "fill": "blue"}, classes: []string{"block-body"}, parent: group}
	band := &element{name: "rect", attrs: map[string]string{"class": "band missing"}, classes: []string{"band", "missing"}, parent: group}
	rs := ss.compute(root, nil)
	gs := ss.compute(group, rs)
	bs := ss.compute(body, gs)
	for prop, want := range map[string]string{
		"fill":             "#ffffff", // the rule beats the attribute; the fallback fills in
		"stroke":           "#111111", // through two variables, light theme
		"stroke-dasharray": "7 4",     // a compound descendant selector
		"stroke-width":     "3",       // the child selector is more specific
	} {
		if got := bs.get(prop); got != want {
			t.Errorf("%s = %q, want %q", prop, got, want)
		}
	}
	ns := ss.compute(band, gs)
	// .missing comes later but its variable is missing: fill falls back to
	// what it inherits (black), not to .band's colour.
	if got := ns.get("fill"); got != "black" {
		t.Errorf("a fill with a missing variable is %q", got)
	}
	if got := ns.get("opacity"); got != "0.5" {
		t.Errorf("opacity %q", got)
	}
	if got := ss.compute(&element{name: "path", attrs: map[string]string{}, parent: band}, ns).get("opacity"); got != "" {
		t.Errorf("opacity is inherited: %q", got)
	}
}

func TestParseColor(t *testing.T) {
	for in, want := range map[string]color.NRGBA{
		"#fff": {255, 255, 255, 255}, "#c0392b": {0xc0, 0x39, 0x2b, 255}, "#00000080": {0, 0, 0, 0x80},
		"rgb(1, 2, 3)": {1, 2, 3, 255}, "rgba(10,20,30,0.5)": {10, 20, 30, 128}, "transparent": {}, "White": {255, 255, 255, 255},
	} {
		if got, ok := parseColor(in); !ok || got != want {
			t.Errorf("%q = %v %v, want %v", in, got, ok, want)
		}
	}
	for _, bad := range []string{"#ggg", "nonsense", "rgb(1)", "#12345"} {
		if _, ok := parseColor(bad); ok {
			t.Errorf("%q reads as a colour", bad)
		}
	}
}

func TestRenderPaintsShapesAndText(t *testing.T) {
	svg := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="10 10 100 50"><style><![CDATA[
		svg { background-color: #ffffff; }
		.box { fill: #ff0000; stroke: #0000ff; stroke-width: 4; }
		.label { font-size: 20px; fill: #000000; }
		.faint { opacity: 0.5; }
	]]></style>
	<defs><symbol id="s" viewBox="0 0 10 10"><rect width="10" height="10" fill="#00ff00"></rect></symbol></defs>
	<rect class="box" x="20" y="20" width="30" height="30"></rect>
	<use href="#s" x="60" y="20" width="10" height="10"></use>
	<rect class="box faint" x="80" y="20" width="20" height="20" style="ignored"></rect>
	<text class="label" x="60" y="55">Hi</text>
	</svg>`
	img, err := Render([]byte(svg), 2, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds().Size(); got != image.Pt(200, 100) {
		t.Fatalf("size %v", got)
	}
	px := func(x, y float64) color.RGBA { return img.RGBAAt(int((x-10)*2), int((y-10)*2)) }
	for _, tc := range []struct {
		what string
		x, y float64
		want color.RGBA
	}{
		{"background", 12, 12, color.RGBA{255, 255, 255, 255}},
		{"fill", 35, 35, color.RGBA{255, 0, 0, 255}},
		{"stroke", 20, 35, color.RGBA{0, 0, 255, 255}},
		{"symbol", 65, 25, color.RGBA{0, 255, 0, 255}},
		{"half-opaque fill", 90, 30, color.RGBA{255, 128, 128, 255}},
	} {
		if got := px(tc.x, tc.y); diff(got, tc.want) > 3 {
			t.Errorf("%s at (%g, %g): %v, want %v", tc.what, tc.x, tc.y, got, tc.want)
		}
	}
	dark := 0
	for y := 40.0; y < 56; y += 0.5 {
		for x := 60.0; x < 85; x += 0.5 {
			if c := px(x, y); c.R < 80 && c.G < 80 && c.B < 80 {
				dark++
			}
		}
	}
	if dark < 40 {
		t.Errorf("the text left %d dark pixels", dark)
	}
}

func diff(a, b color.RGBA) int {
	d := 0
	for _, v := range [][2]uint8{{a.R, b.R}, {a.G, b.G}, {a.B, b.B}, {a.A, b.A}} {
		if v[0] > v[1] {
			d = max(d, int(v[0]-v[1]))
		} else {
			d = max(d, int(v[1]-v[0]))
		}
	}
	return d
}

func TestLimits(t *testing.T) {
	l := Limits{MaxSide: 1000, MaxPixels: 250_000}
	for _, tc := range []struct {
		w, h, scale float64
		pw, ph      int
	}{
		{100, 50, 2, 200, 100},    // within
		{10000, 100, 2, 1000, 10}, // too wide
		{1000, 1000, 2, 500, 500}, // too many pixels
	} {
		_, pw, ph := l.Fit(tc.w, tc.h, tc.scale)
		if pw > tc.pw || ph > tc.ph || pw < tc.pw-1 || ph < tc.ph-1 {
			t.Errorf("%gx%g at %g: %dx%d, want %dx%d", tc.w, tc.h, tc.scale, pw, ph, tc.pw, tc.ph)
		}
	}
	img, err := Render([]byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000000 1000000"><rect width="1000000" height="1000000"/></svg>`), 2, l)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() > 1000 || b.Dx()*b.Dy() > 250_000 {
		t.Errorf("a drawing a million units wide became %v", b)
	}
}

func TestRenderRefusesWhatIsNoDrawing(t *testing.T) {
	deep := strings.Repeat("<g>", 100) + strings.Repeat("</g>", 100)
	for name, in := range map[string]string{
		"not XML":      "<svg",
		"not SVG":      "<html></html>",
		"no size":      `<svg xmlns="http://www.w3.org/2000/svg"></svg>`,
		"too deep":     `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">` + deep + `</svg>`,
		"bad path":     `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path d="M 1 x"/></svg>`,
		"two roots":    `<svg viewBox="0 0 1 1"></svg><svg viewBox="0 0 1 1"></svg>`,
		"a zero scale": "",
	} {
		scale := 1.0
		if in == "" {
			in, scale = `<svg viewBox="0 0 10 10"></svg>`, 0
		}
		if _, err := Render([]byte(in), scale, DefaultLimits); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	// A <use> that refers to itself ends.
	self := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><g id="a"><use href="#a"/><rect width="1" height="1"/></g></svg>`
	if _, err := Render([]byte(self), 1, DefaultLimits); err != nil {
		t.Errorf("a self-referring use: %v", err)
	}
}

// A line with a textLength is condensed to it: a long name squeezed into
// a block leaves no ink past its end.
func TestTextLengthCondenses(t *testing.T) {
	ink := func(attrs string) (first, last int) {
		svg := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 40"><style><![CDATA[
			svg { background-color: #ffffff; } text { font-size: 20px; fill: #000000; }
		]]></style><text x="10" y="28"` + attrs + `>OrderConfirmationEmailSender</text></svg>`
		img, err := Render([]byte(svg), 1, DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		first, last = -1, -1
		for x := range 400 {
			for y := range 40 {
				if c := img.RGBAAt(x, y); c.R < 128 {
					if first < 0 {
						first = x
					}
					last = x
					break
				}
			}
		}
		return first, last
	}
	_, natural := ink("")
	first, last := ink(` textLength="100" lengthAdjust="spacingAndGlyphs"`)
	if natural <= 120 {
		t.Fatalf("the natural line ends at %d px; the test needs it longer than 100 px", natural)
	}
	if first < 9 || last > 111 || last < 100 {
		t.Fatalf("condensed to 100 px from x 10, the ink runs from %d to %d", first, last)
	}
}
