package components

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
)

// bigDesign is n blocks in a grid, each function fed by the queue before it.
func bigDesign(tb testing.TB, n int) *design.Design {
	d := &design.Design{Title: "Big"}
	for i := range n {
		kind := []string{"sqs", "lambda"}[i%2]
		d.Blocks = append(d.Blocks, design.Block{ID: fmt.Sprintf("B%d", i), Kind: kind, X: float64(40 + (i%20)*216), Y: float64(40 + (i/20)*120),
			Props: design.Props{"VisibilityTimeout": 30.0}})
		if kind == "sqs" {
			d.Blocks[i].Props = design.Props{"VisibilityTimeout": 30.0}
		} else {
			d.Blocks[i].Props = design.Props{"Timeout": 30.0, "MemorySize": 512.0}
			d.Connections = append(d.Connections, design.Connection{ID: fmt.Sprintf("c%d", i), From: fmt.Sprintf("B%d", i-1), To: d.Blocks[i].ID})
			if i >= 3 {
				d.Connections = append(d.Connections, design.Connection{ID: fmt.Sprintf("s%d", i), From: d.Blocks[i].ID, To: fmt.Sprintf("B%d", i-3), Integration: "sdk"})
			}
		}
	}
	if err := d.Validate(design.Builtin()); err != nil {
		tb.Fatal(err)
	}
	return d
}

func renderDiagram(tb testing.TB, d *design.Design) []byte {
	fs := rules.Default(design.Builtin()).Check(d)
	var buf bytes.Buffer
	if err := Diagram(NewDiagram(d, design.Builtin(), fs, "", false)).Render(context.Background(), &buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// A 500-block diagram must stay under 1 MB of SVG.
func TestLargeDiagramSize(t *testing.T) {
	d := bigDesign(t, 500)
	svg := renderDiagram(t, d)
	t.Logf("500 blocks, %d connections: %d bytes of SVG", len(d.Connections), len(svg))
	if len(svg) > 1<<20 {
		t.Fatalf("the SVG of 500 blocks is %d bytes; the budget is 1 MB", len(svg))
	}
	if got := bytes.Count(svg, []byte(`data-block-id=`)); got != 500 {
		t.Fatalf("%d blocks drawn, want 500", got)
	}
}

func TestDiagramMarksEverythingForTools(t *testing.T) {
	d := bigDesign(t, 6)
	svg := string(renderDiagram(t, d))
	for _, want := range []string{`data-block-id="B1"`, `data-kind="lambda"`, `data-connection-id="c1"`, `tabindex="0"`, `aria-label="Lambda function B1,`} {
		if !strings.Contains(svg, want) {
			t.Errorf("the diagram lacks %s", want)
		}
	}
}

// The diagram is drawn on every edit: routing its connections must stay
// fast at the sizes people draw.
func BenchmarkDiagram(b *testing.B) {
	for _, n := range []int{50, 150, 500} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			d := bigDesign(b, n)
			fs := rules.Default(design.Builtin()).Check(d)
			b.ReportAllocs()
			for b.Loop() {
				var buf bytes.Buffer
				if err := Diagram(NewDiagram(d, design.Builtin(), fs, "", false)).Render(context.Background(), &buf); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Badges read as English to screen readers: "an error", "a warning".
func TestBadgeText(t *testing.T) {
	for _, c := range []struct {
		badge Badge
		want  string
	}{
		{Badge{}, "no findings"},
		{Badge{Count: 1, Severity: rules.Error}, "1 finding: an error"},
		{Badge{Count: 1, Severity: rules.Info}, "1 finding: a note"},
		{Badge{Count: 3, Severity: rules.Warning}, "3 findings, the worst a warning"},
	} {
		if got := c.badge.Text(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.badge, got, c.want)
		}
	}
}
