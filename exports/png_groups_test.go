package exports

import "testing"

// The PNG paints a group's box in its kind's colour: the painter reads the
// same drawing and stylesheet as the SVG.
func TestPNGPaintsGroups(t *testing.T) {
	img := picture(t, `{"format":"archlab/v1","title":"Grouped","blocks":[
		{"id":"Worker","kind":"lambda","x":100,"y":100,"props":{"Timeout":60,"MemorySize":512}}],
		"connections":[],
		"groups":[{"id":"Main","kind":"vpc","name":"Main","blocks":["Worker"]}]}`)
	// The box's left edge lies 16 units left of the block (x 84), and the
	// drawing starts 40 units before it: x 40 in the picture, from y 40
	// (the top of the box) to 170.
	purple := 0
	for y := 60.0; y < 160; y++ {
		for x := 38.0; x <= 42; x += 0.5 {
			if near(at(img, x, y), 0x7b3fe4) {
				purple++
				break
			}
		}
	}
	if purple < 90 {
		t.Fatalf("the VPC's left edge has %d rows of its purple, want about 100", purple)
	}
}
