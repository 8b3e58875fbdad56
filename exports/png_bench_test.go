package exports

import (
	"context"
	"fmt"
	"testing"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
)

// gridDesign is n blocks, 20 to a row, each function fed by the queue
// before it and calling the queue three blocks back.
func gridDesign(tb testing.TB, n int) *design.Design {
	d := &design.Design{Title: "Grid"}
	for i := range n {
		b := design.Block{ID: fmt.Sprintf("B%d", i), Kind: "sqs", X: float64(40 + (i%20)*216), Y: float64(40 + (i/20)*120),
			Props: design.Props{"VisibilityTimeout": 30.0}}
		if i%2 == 1 {
			b.Kind, b.Props = "lambda", design.Props{"Timeout": 30.0, "MemorySize": 512.0}
			d.Connections = append(d.Connections, design.Connection{ID: fmt.Sprintf("c%d", i), From: fmt.Sprintf("B%d", i-1), To: b.ID})
			if i >= 3 {
				d.Connections = append(d.Connections, design.Connection{ID: fmt.Sprintf("s%d", i), From: b.ID, To: fmt.Sprintf("B%d", i-3), Integration: "sdk"})
			}
		}
		d.Blocks = append(d.Blocks, b)
	}
	if err := d.Validate(design.Builtin()); err != nil {
		tb.Fatal(err)
	}
	return d
}

// BenchmarkPNG paints designs of 50 and 500 blocks, from the design to
// the encoded file.
func BenchmarkPNG(b *testing.B) {
	cat := design.Builtin()
	for _, n := range []int{50, 500} {
		d := gridDesign(b, n)
		fs := rules.Default(cat).Check(d)
		b.Run(fmt.Sprintf("blocks=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			size := 0
			for b.Loop() {
				out, err := PNG(context.Background(), d, cat, fs)
				if err != nil {
					b.Fatal(err)
				}
				size = len(out)
			}
			b.ReportMetric(float64(size), "bytes/png")
		})
	}
}
