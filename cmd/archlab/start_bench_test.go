package main

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkStartToReady measures what an orchestrator waits for: from
// serve's first line to the first 200 from /readyz, on a fresh SQLite file
// (the store's migrations included). The target is under 100 ms; the
// process as a whole, exec and package initialisation included, is timed
// by scripts/start-speed.sh.
func BenchmarkStartToReady(b *testing.B) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	var ready time.Duration
	for b.Loop() {
		cfg, err := parseServeConfig(nil, env(map[string]string{"DATABASE_URL": filepath.Join(b.TempDir(), "archlab.db")}))
		if err != nil {
			b.Fatal(err)
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			b.Fatal(err)
		}
		url := "http://" + ln.Addr().String() + "/readyz"
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		start := time.Now()
		go func() { done <- serve(ctx, cfg, ln, nil, log) }()
		// The listener is open before serve starts, so the first request
		// waits in the backlog until the server answers: no polling gap.
		resp, err := client.Get(url)
		if err != nil {
			b.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("/readyz answered %d", resp.StatusCode)
		}
		ready += time.Since(start)
		b.StopTimer()
		cancel()
		if err := <-done; err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(ready.Microseconds())/1000/float64(b.N), "ms/ready")
}
