package components

import (
	"strings"
	"testing"
)

// Names are laid out whole: one line when they fit, two broken between
// words before a smaller size, and squeezed only when nothing else fits.
func TestLayoutName(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lines []string
		class string
	}{
		{"Events", []string{"Events"}, ""},
		{"CreateOrder", []string{"CreateOrder"}, ""},
		{"Order confirmations", []string{"Order", "confirmations"}, ""},
		{"HTTPServerHandler", []string{"HTTPServer", "Handler"}, ""},
		{"ConfirmationSender", []string{"Confirmation", "Sender"}, ""},
	} {
		v := layoutName(tc.name, true)
		var got []string
		for _, l := range v.Lines {
			got = append(got, l.Text)
			if l.Squeezed {
				t.Errorf("%q: line %q is squeezed", tc.name, l.Text)
			}
		}
		if strings.Join(got, "|") != strings.Join(tc.lines, "|") || v.Class != tc.class {
			t.Errorf("%q: lines %q class %q, want %q %q", tc.name, got, v.Class, tc.lines, tc.class)
		}
	}
	// Too long for two lines between words at 11 px: condensed a little.
	v := layoutName("OrderConfirmationEmailSender", true)
	if len(v.Lines) != 2 || v.Lines[0].Text != "OrderConfirmation" || v.Lines[1].Text != "EmailSender" || v.Class != "name-11" || !v.Lines[0].Squeezed {
		t.Fatalf("OrderConfirmationEmailSender: %+v", v)
	}
	// A name of 120 characters without a break is all there, on two
	// squeezed lines at the smallest size.
	long := strings.Repeat("x", 120)
	v = layoutName(long, false)
	if len(v.Lines) != 2 || v.Lines[0].Text+v.Lines[1].Text != long || !v.Lines[0].Squeezed || v.Class != "name-11" {
		t.Fatalf("a 120-character name: %+v", v)
	}
	// Two lines push the kind and detail down, still inside the block.
	v = layoutName("Order confirmations", true)
	if v.KindY <= v.Lines[1].Y+10 || v.DetailY > 68 {
		t.Fatalf("kind at %g after a name ending at %g, detail at %g", v.KindY, v.Lines[1].Y, v.DetailY)
	}
}
