package components

import (
	"math"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// A block's name is shown whole: on one line at 13 px when it fits the
// room beside the icon, else on two lines broken between words (spaces,
// camelCase humps, - _ . / :), else smaller (12, then 11 px); at 11 px on
// two lines between words condensed by up to a fifth, else on two lines
// broken anywhere and condensed to the room. Widths are measured in
// Go Bold, the face of the PNG export, widened a little for the browsers'
// sans faces (DejaVu Sans Bold is the widest met); the editor also
// squeezes any line a browser still draws wider than the room.

// NameRoom is the width a name's line may take: from the icon's right
// (x 54) to 8 px short of the block's right edge.
const NameRoom = 106

var nameSizes = []float64{13, 12, 11}

// NameLine is one line of a block's name and its baseline.
type NameLine struct {
	Text string
	Y    float64
	// Squeezed lines are drawn condensed to NameRoom.
	Squeezed bool
}

// NameView is a block's name laid out, with where the kind and the
// detail lines go below it.
type NameView struct {
	Lines []NameLine
	// Class sets the size: "" for 13 px, "name-12" or "name-11".
	Class          string
	KindY, DetailY float64
}

// layoutName lays a name out in a block; detail says whether a detail
// line goes under the kind.
func layoutName(name string, detail bool) NameView {
	size, lines := fitName(name)
	v := NameView{}
	if size != 13 {
		v.Class = "name-" + n(size)
	}
	if len(lines) == 1 {
		v.Lines = []NameLine{{Text: lines[0], Y: 29, Squeezed: measure(lines[0], size) > NameRoom}}
		v.KindY, v.DetailY = 46, 62
		return v
	}
	top := 22.0
	if !detail {
		top = 26
	}
	second := top + size + 1.5
	for i, l := range lines {
		y := top
		if i == 1 {
			y = second
		}
		v.Lines = append(v.Lines, NameLine{Text: l, Y: y, Squeezed: measure(l, size) > NameRoom})
	}
	v.KindY = second + 14
	v.DetailY = v.KindY + 13.5
	return v
}

// fitName picks the largest size at which the name fits on one line or
// on two broken between words; failing all, two lines at the smallest
// size broken where they come out most even.
func fitName(name string) (float64, []string) {
	name = strings.Join(strings.Fields(name), " ")
	for _, size := range nameSizes {
		if measure(name, size) <= NameRoom {
			return size, []string{name}
		}
		if a, b, w := splitName(name, size, true); w <= NameRoom {
			return size, []string{a, b}
		}
	}
	// Between words still, condensed by at most a fifth; else anywhere.
	size := nameSizes[len(nameSizes)-1]
	if a, b, w := splitName(name, size, true); w <= NameRoom/0.8 {
		return size, []string{a, b}
	}
	if a, b, w := splitName(name, size, false); !math.IsInf(w, 1) {
		return size, []string{a, b}
	}
	return size, []string{name}
}

// splitName breaks a name in two where the longer line is shortest, only
// between words or anywhere, and says how wide that line is (-1 when the
// name cannot break).
func splitName(name string, size float64, words bool) (string, string, float64) {
	r := []rune(name)
	var first, second string
	best := -1.0
	for i := 1; i < len(r); i++ {
		if words && !breakBefore(r, i) {
			continue
		}
		a, b := strings.TrimSpace(string(r[:i])), strings.TrimSpace(string(r[i:]))
		if a == "" || b == "" {
			continue
		}
		if w := max(measure(a, size), measure(b, size)); best < 0 || w < best {
			first, second, best = a, b, w
		}
	}
	if best < 0 {
		return "", "", math.Inf(1)
	}
	return first, second, best
}

// breakBefore says whether a line may break before r[i]: after a space or
// a separator, at a camelCase hump ("orderSender", "HTTPServer"), between
// letters and digits.
func breakBefore(r []rune, i int) bool {
	p, c := r[i-1], r[i]
	switch {
	case p == ' ' || c == ' ':
		return true
	case strings.ContainsRune("-_./:", p):
		return true
	case unicode.IsLower(p) && unicode.IsUpper(c):
		return true
	case unicode.IsUpper(p) && unicode.IsUpper(c) && i+1 < len(r) && unicode.IsLower(r[i+1]):
		return true
	case unicode.IsLetter(p) && unicode.IsDigit(c):
		return true
	}
	return false
}

// widen allows for browsers' sans faces, wider than Go Bold.
const widen = 1.1

var (
	advOnce  sync.Once
	advances map[rune]float64 // in ems
	advFont  *sfnt.Font
	advMu    sync.Mutex
	advBuf   sfnt.Buffer
)

// measure is the width of a line of a name at a size, in pixels.
func measure(s string, size float64) float64 {
	advOnce.Do(func() {
		advances = map[rune]float64{}
		advFont, _ = sfnt.Parse(gobold.TTF)
	})
	advMu.Lock()
	defer advMu.Unlock()
	w := 0.0
	for _, r := range s {
		a, ok := advances[r]
		if !ok {
			a = 0.6 // a wide guess for a character the face lacks
			if advFont != nil {
				if idx, err := advFont.GlyphIndex(&advBuf, r); err == nil && idx != 0 {
					if adv, err := advFont.GlyphAdvance(&advBuf, idx, fixed.I(1000), font.HintingNone); err == nil {
						a = float64(adv) / 64 / 1000
					}
				}
			}
			advances[r] = a
		}
		w += a
	}
	return w * size * widen
}
