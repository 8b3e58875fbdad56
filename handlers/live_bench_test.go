package handlers_test

import (
	"bufio"
	"fmt"
	"net"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/archlab/archlab/handlers"
	"github.com/archlab/archlab/internal/apptest"
)

// subscribers is how many open editors and viewers the fan-out benchmark
// keeps on one design.
const subscribers = 1000

// BenchmarkLiveFanOut opens 1,000 event streams on one design over real
// TCP connections, then measures, per edit, how long each subscriber waits
// to hear of it (p50 and p99 over every subscriber and edit), and the
// memory each open stream costs (server and this minimal client together,
// so an upper bound for the server).
//
//	go test ./handlers -run '^$' -bench LiveFanOut -benchtime 20x
func BenchmarkLiveFanOut(b *testing.B) {
	st := apptest.Store(b)
	srv := apptest.Server(b, st, handlers.Options{WritesPerMinute: 1 << 30})
	s := &server{Server: srv, store: st}
	c := s.mustCreate(b, ordersDoc)
	addr := strings.TrimPrefix(srv.URL, "http://")

	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	goroutines := runtime.NumGoroutine()

	// Each subscriber reports the moment it hears each version.
	heard := make(chan heardAt, subscribers*4)
	var ready sync.WaitGroup
	ready.Add(subscribers)
	conns := make([]net.Conn, subscribers)
	for i := range conns {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			b.Fatal(err)
		}
		conns[i] = conn
		fmt.Fprintf(conn, "GET /v/%s/events?since=1 HTTP/1.1\r\nHost: %s\r\nAccept: text/event-stream\r\n\r\n", c.ID, addr)
		go readStream(conn, &ready, heard)
	}
	ready.Wait()
	defer func() {
		for _, conn := range conns {
			conn.Close()
		}
	}()
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	perSub := float64(after.HeapInuse+after.StackInuse-before.HeapInuse-before.StackInuse) / subscribers
	perSubGoroutines := float64(runtime.NumGoroutine()-goroutines) / subscribers

	var waits []time.Duration
	version := 1
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		r := s.ops(b, c, fmt.Sprintf(`{"baseVersion":%d,"ops":[{"op":"setTitle","title":"Edit %d"}]}`, version, i))
		if r.status != 200 {
			b.Fatalf("edit: %d %s", r.status, r.body)
		}
		version++
		for n := 0; n < subscribers; {
			select {
			case got := <-heard:
				if got.version == version {
					waits = append(waits, got.at.Sub(start))
					n++
				}
			case <-time.After(10 * time.Second):
				b.Fatalf("only %d of %d subscribers heard of v%d", n, subscribers, version)
			}
		}
	}
	slices.Sort(waits)
	b.ReportMetric(float64(waits[len(waits)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(waits[len(waits)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(perSub/1024, "KiB/subscriber")
	b.ReportMetric(perSubGoroutines, "goroutines/subscriber")
}

type heardAt struct {
	version int
	at      time.Time
}

// readStream reads one event stream, reporting each version it hears.
func readStream(conn net.Conn, ready *sync.WaitGroup, heard chan<- heardAt) {
	r := bufio.NewReaderSize(conn, 512)
	signalled := false
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			if !signalled {
				ready.Done()
			}
			return
		}
		// The first presence event means the stream is open and subscribed.
		if !signalled && strings.HasPrefix(line, "event: presence") {
			signalled = true
			ready.Done()
		}
		var v int
		if _, err := fmt.Sscanf(line, "id: %d", &v); err == nil {
			heard <- heardAt{version: v, at: time.Now()}
		}
	}
}
