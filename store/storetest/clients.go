package storetest

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/archlab/archlab/design"
)

// Clients runs b.N operations spread over n concurrent clients and reports
// their throughput as ops/s. prepare runs once per client before the clock
// starts and returns the client's operation, called with a growing counter.
// Each client works on its own row or design, as one editor does: clients
// of one design would measure its row lock, not the database.
func Clients(b *testing.B, n int, prepare func(client int) func(i int) error) {
	b.Helper()
	ops := make([]func(int) error, n)
	for c := range ops {
		ops[c] = prepare(c)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, n)
	b.ReportAllocs()
	b.ResetTimer()
	for c := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				if next.Add(1) > int64(b.N) {
					return
				}
				if err := ops[c](i); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "ops/s")
}

// BenchmarkEditClients measures one-operation batches (a block moved) on a
// 100-block design through the store's API, with n clients each editing
// its own design, every batch based on the current version.
func BenchmarkEditClients(b *testing.B, s design.Store, n int) {
	ctx := context.Background()
	Clients(b, n, func(int) func(int) error {
		c, err := s.CreateDesign(ctx, HundredBlockDesign(b))
		if err != nil {
			b.Fatal(err)
		}
		version := 1
		return func(i int) error {
			x := float64(i % 1000)
			a, err := s.ApplyOps(ctx, c.Design.ID, c.EditKey, design.Batch{BaseVersion: version,
				Ops: design.Ops{{Op: design.OpMoveBlock, ID: fmt.Sprintf("F%d", i%50), X: &x, Y: &x}}})
			if err != nil {
				return err
			}
			version = a.Design.Version
			return nil
		}
	})
}

// HundredBlockContent returns the stored encoding of HundredBlockDesign, the
// size a floor benchmark writes per operation.
func HundredBlockContent(tb testing.TB) []byte {
	content, err := design.MarshalContent(HundredBlockDesign(tb))
	if err != nil {
		tb.Fatal(err)
	}
	return content
}
