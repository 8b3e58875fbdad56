package components

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
)

// A field whose label is not its CloudFormation name says that name, so
// that what people set here maps onto their templates; one already called
// by that name does not repeat it.
func TestInspectorNamesCloudFormationProperties(t *testing.T) {
	d := &design.Design{Blocks: []design.Block{{ID: "Fn", Kind: "lambda"}}}
	var buf bytes.Buffer
	if err := Inspector(NewInspector(d, design.Builtin(), nil, "Fn", "/d/key/props", false, nil)).Render(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	help := func(prop string) string {
		start := strings.Index(html, `id="prop-`+prop+`-help"`)
		if start < 0 {
			t.Fatalf("no help for %s", prop)
		}
		end := strings.Index(html[start:], "</p>")
		return html[start : start+end]
	}
	if h := help("FunctionName"); !strings.Contains(h, "In CloudFormation: <code>FunctionName</code>") {
		t.Errorf("the Function name field does not name FunctionName: %s", h)
	}
	if h := help("Runtime"); strings.Contains(h, "In CloudFormation") {
		t.Errorf("the Runtime field repeats its own name: %s", h)
	}
}
