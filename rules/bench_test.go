package rules

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
)

var benchSizes = []int{50, 500, 5000}

// BenchmarkDecode is the baseline validation is measured against: reading
// and strictly validating the same document.
func BenchmarkDecode(b *testing.B) {
	for _, n := range benchSizes {
		data := generatedDesign(n)
		b.Run(fmt.Sprintf("blocks=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := design.Decode(data, design.Builtin()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCheck runs every rule over the generated designs. It reports
// the garbage collections per check too: the benchmark's live heap (2 MB)
// is under Go's 4 MB minimum goal, so one runs every second check or so.
func BenchmarkCheck(b *testing.B) {
	reg := Default(design.Builtin())
	for _, n := range benchSizes {
		d, err := design.Decode(generatedDesign(n), design.Builtin())
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("blocks=%d", n), func(b *testing.B) { benchmarkCheck(b, reg, d) })
	}
}

// BenchmarkCheckImported checks the generated designs as an import makes
// them: every connection carries its evidence, the calls from code only
// inferred from IAM, and one block in ten stands outside the design. It
// shows what the evidence model costs, and that the cost grows with the
// design, no faster.
func BenchmarkCheckImported(b *testing.B) {
	reg := Default(design.Builtin())
	for _, n := range benchSizes {
		d, err := design.Decode(generatedDesign(n), design.Builtin())
		if err != nil {
			b.Fatal(err)
		}
		for i := range d.Connections {
			cn := &d.Connections[i]
			if codeCall(cn) {
				cn.Evidence = []design.Evidence{{Basis: design.BasisIAM, Detail: "dynamodb:PutItem"}}
			} else {
				cn.Evidence = []design.Evidence{{Basis: design.BasisTarget}}
			}
		}
		for i := range d.Blocks {
			if i%10 == 9 {
				d.Blocks[i].External = &design.External{Ref: "arn:aws:" + d.Blocks[i].ID}
			}
		}
		b.Run(fmt.Sprintf("blocks=%d", n), func(b *testing.B) { benchmarkCheck(b, reg, d) })
	}
}

// BenchmarkCheckInServerHeap runs the 500-block check inside a heap the size
// of a running server's, where collections are paced by what the server
// holds: archlab serve keeps about 15 MB live once started (its knowledge
// base, templates and gallery; read with GODEBUG=gctrace=1). Decoded copies
// of the design stand in for that heap, pointers and all, since marking it
// is what a collection costs.
func BenchmarkCheckInServerHeap(b *testing.B) {
	const serverLiveHeap = 15 << 20
	reg := Default(design.Builtin())
	data := generatedDesign(500)
	d, err := design.Decode(data, design.Builtin())
	if err != nil {
		b.Fatal(err)
	}
	var held []*design.Design
	for liveHeap() < serverLiveHeap {
		another, _ := design.Decode(data, design.Builtin())
		held = append(held, another)
	}
	b.Run("blocks=500", func(b *testing.B) { benchmarkCheck(b, reg, d) })
	runtime.KeepAlive(held)
}

func benchmarkCheck(b *testing.B, reg *Registry, d *design.Design) {
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	var findings int
	for b.Loop() {
		findings = len(reg.Check(d))
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(findings), "findings")
	b.ReportMetric(float64(len(d.Connections))/float64(len(d.Blocks)), "conns/block")
	b.ReportMetric(float64(after.NumGC-before.NumGC)/float64(b.N), "gc/op")
}

// liveHeap returns the bytes the heap holds after a collection.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func TestGeneratedDesignsDecode(t *testing.T) {
	for _, n := range benchSizes {
		d, err := design.Decode(generatedDesign(n), design.Builtin())
		if err != nil {
			t.Fatalf("%d blocks: %v", n, err)
		}
		if len(d.Blocks) != n || float64(len(d.Connections))/float64(n) < 1.8 {
			t.Fatalf("%d blocks: got %d blocks and %d connections", n, len(d.Blocks), len(d.Connections))
		}
	}
}

// A large design's rules run side by side; the findings must be exactly
// those of one rule after the other. Run with -race (CI does).
func TestParallelCheckMatchesSerial(t *testing.T) {
	cat := design.Builtin()
	d, err := design.Decode(generatedDesign(500), cat)
	if err != nil {
		t.Fatal(err)
	}
	serial := testRegistry()
	serial.parallelFrom = 1 << 30
	parallel := testRegistry()
	parallel.parallelFrom = 1
	want := serial.Check(d)
	for range 3 {
		got := parallel.Check(d)
		if len(got) != len(want) {
			t.Fatalf("%d findings in parallel, %d one by one", len(got), len(want))
		}
		for i := range got {
			if got[i].Rule != want[i].Rule || got[i].Message != want[i].Message {
				t.Fatalf("finding %d differs:\n%v\n%v", i, got[i], want[i])
			}
		}
	}
}

// panicky is a rule that fails on purpose.
type panicky struct{}

func (panicky) Meta() Meta                       { return Meta{ID: "panicky", Severity: Error} }
func (panicky) Check(c *Context, report *Report) { panic("broken on purpose") }

// A rule that panics while rules run side by side must not take the process
// down from a worker goroutine: Check raises the panic on the caller's
// goroutine, naming the rule, where a server's recovery middleware turns
// it into one failed request. Checks after it still work.
func TestParallelCheckRaisesARulePanicOnTheCaller(t *testing.T) {
	cat := design.Builtin()
	d, err := design.Decode(generatedDesign(500), cat)
	if err != nil {
		t.Fatal(err)
	}
	rules := append(all(), panicky{})
	rules[0], rules[len(rules)-1] = rules[len(rules)-1], rules[0] // on the caller's own stretch
	for _, at := range []int{0, len(rules) - 1} {
		reg := New(cat, rules...)
		reg.parallelFrom = 1
		func() {
			defer func() {
				p, ok := recover().(*rulePanic)
				if !ok || p.rule != "panicky" || !strings.Contains(p.Error(), "broken on purpose") {
					t.Fatalf("panic at rule %d raised %v", at, p)
				}
			}()
			reg.Check(d)
		}()
		rules[0], rules[len(rules)-1] = rules[len(rules)-1], rules[0] // then on the other worker's
	}
	if got, want := len(testRegistry().Check(d)), 1150; got != want {
		t.Fatalf("after the panics a check found %d findings, want %d", got, want)
	}
}
