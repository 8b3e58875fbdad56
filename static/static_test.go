package static

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestContrast checks the stylesheet's text colours against its
// backgrounds in both themes: WCAG AA asks 4.5:1 for text.
func TestContrast(t *testing.T) {
	css, err := files.ReadFile("css/app.css")
	if err != nil {
		t.Fatal(err)
	}
	light, dark := themes(string(css))
	for name, vars := range map[string]map[string]string{"light": light, "dark": dark} {
		for _, fg := range []string{"--text", "--muted", "--error", "--warning", "--info", "--accent", "--ok"} {
			for _, bg := range []string{"--bg", "--surface"} {
				r := contrast(t, vars[fg], vars[bg])
				if r < 4.5 {
					t.Errorf("%s theme: %s %s on %s %s has contrast %.2f:1, below WCAG AA's 4.5:1", name, fg, vars[fg], bg, vars[bg], r)
				}
			}
		}
		// Highlighted code and its text on the code background.
		for _, fg := range []string{"--text", "--muted", "--tok-keyword", "--tok-string", "--tok-name", "--tok-number", "--tok-comment"} {
			if r := contrast(t, vars[fg], vars["--code-bg"]); r < 4.5 {
				t.Errorf("%s theme: %s %s on --code-bg %s has contrast %.2f:1, below WCAG AA's 4.5:1", name, fg, vars[fg], vars["--code-bg"], r)
			}
		}
		// White numbers on the badges.
		for _, badge := range []string{"--badge-error", "--badge-warning", "--badge-info"} {
			if v, ok := vars[badge]; ok {
				if r := contrast(t, "#ffffff", v); r < 4.5 {
					t.Errorf("%s theme: white on %s %s has contrast %.2f:1", name, badge, v, r)
				}
			}
		}
	}
}

var varPattern = regexp.MustCompile(`(--[a-z-]+):\s*(#[0-9a-fA-F]{6})`)

// themes reads the custom properties of the light theme and, layered on
// them, of the dark one.
func themes(css string) (map[string]string, map[string]string) {
	light, dark := map[string]string{}, map[string]string{}
	parts := strings.Split(css, "@media (prefers-color-scheme: dark)")
	for i, part := range parts {
		// Each part after the first opens with a dark block; the rest of
		// it is light again.
		rest := part
		if i > 0 {
			end := strings.Index(part, "\n}")
			for _, m := range varPattern.FindAllStringSubmatch(part[:end], -1) {
				dark[m[1]] = m[2]
			}
			rest = part[end:]
		}
		for _, m := range varPattern.FindAllStringSubmatch(rest, -1) {
			light[m[1]] = m[2]
		}
	}
	for k, v := range light {
		if _, ok := dark[k]; !ok {
			dark[k] = v
		}
	}
	return light, dark
}

func contrast(t *testing.T, a, b string) float64 {
	la, lb := luminance(t, a), luminance(t, b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func luminance(t *testing.T, hex string) float64 {
	if len(hex) != 7 {
		t.Fatalf("colour %q is not #rrggbb", hex)
	}
	var c [3]float64
	for i := range 3 {
		v, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		if err != nil {
			t.Fatal(err)
		}
		s := float64(v) / 255
		if s <= 0.03928 {
			c[i] = s / 12.92
		} else {
			c[i] = math.Pow((s+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
}
