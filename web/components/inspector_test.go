package components

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
)

// A field has a human label with its CloudFormation name beside it, so
// that what people set here maps onto their templates; one already called
// by that name does not repeat it, and a design estimate, which is no
// CloudFormation property, names none.
func TestInspectorNamesCloudFormationProperties(t *testing.T) {
	d := &design.Design{Blocks: []design.Block{{ID: "Fn", Kind: "lambda"}}}
	var buf bytes.Buffer
	if err := Inspector(NewInspector(d, design.Builtin(), nil, "Fn", "/d/key/props", false, nil)).Render(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	label := func(prop string) string {
		start := strings.Index(html, `<label for="prop-`+prop+`"`)
		if start < 0 {
			t.Fatalf("no label for %s", prop)
		}
		end := strings.Index(html[start:], "</label>")
		return html[start : start+end]
	}
	if l := label("MemorySize"); !strings.Contains(l, `<span class="label-text">Memory size</span>`) || !strings.Contains(l, "<code>MemorySize</code>") {
		t.Errorf("the MemorySize field is not labelled Memory size · MemorySize: %s", l)
	}
	if l := label("EphemeralStorage-Size"); !strings.Contains(l, "Ephemeral storage") || !strings.Contains(l, "<code>EphemeralStorage.Size</code>") {
		t.Errorf("the EphemeralStorage.Size field does not name it: %s", l)
	}
	if l := label("Runtime"); strings.Contains(l, "cfn-name") {
		t.Errorf("the Runtime field repeats its own name: %s", l)
	}
	if l := label("AverageDurationMs"); strings.Contains(l, "cfn-name") {
		t.Errorf("a design estimate is named as a CloudFormation property: %s", l)
	}
}
