package storetest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
)

// HundredBlockDesign returns a design of 100 blocks: 50 functions, each fed
// by its own queue, the size of a large real design.
func HundredBlockDesign(tb testing.TB) *design.Design {
	var b strings.Builder
	b.WriteString(`{"format":"archlab/v1","title":"Hundred","blocks":[`)
	for i := range 50 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"id":"F%d","kind":"lambda","x":%d,"y":%d,"props":{"Timeout":30,"MemorySize":512}},`, i, 400, i*120)
		fmt.Fprintf(&b, `{"id":"Q%d","kind":"sqs","x":%d,"y":%d,"props":{"VisibilityTimeout":180}}`, i, 80, i*120)
	}
	b.WriteString(`],"connections":[`)
	for i := range 50 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"id":"c%d","from":"Q%d","to":"F%d","props":{"BatchSize":10}}`, i, i, i)
	}
	b.WriteString(`]}`)
	return MustDecode(tb, b.String())
}

// BenchmarkApply measures one-operation batches on a 100-block design, each
// based on the current version, the way one editor works.
func BenchmarkApply(b *testing.B, s design.Store) {
	ctx := context.Background()
	c, err := s.CreateDesign(ctx, HundredBlockDesign(b))
	if err != nil {
		b.Fatal(err)
	}
	version := 1
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		x := float64(i % 1000)
		a, err := s.ApplyOps(ctx, c.Design.ID, c.EditKey, design.Batch{BaseVersion: version, Ops: design.Ops{{Op: design.OpMoveBlock, ID: fmt.Sprintf("F%d", i%50), X: &x, Y: &x}}})
		if err != nil {
			b.Fatal(err)
		}
		version = a.Design.Version
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "batches/s")
}

// BenchmarkRead measures reading a 100-block design by its view id.
func BenchmarkRead(b *testing.B, s design.Store) {
	ctx := context.Background()
	c, err := s.CreateDesign(ctx, HundredBlockDesign(b))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Design(ctx, c.Design.ID); err != nil {
			b.Fatal(err)
		}
	}
}
