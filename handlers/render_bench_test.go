package handlers_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/handlers"
	"github.com/archlab/archlab/internal/apptest"
)

// bigDesign opens a 500-block realistic design on a real local server and
// returns the server and the design's edit key.
func bigDesign(b *testing.B) (*httptest.Server, *design.Created) {
	b.Helper()
	st := apptest.Store(b)
	srv := apptest.Server(b, st, handlers.Options{WritesPerMinute: 1 << 30})
	c, err := st.CreateDesign(context.Background(), apptest.RealisticDesign(b, design.Builtin(), 500))
	if err != nil {
		b.Fatal(err)
	}
	return srv, c
}

// fetchGzip gets url as a browser does (gzip accepted), reading the
// compressed bytes as they come.
func fetchGzip(b *testing.B, client *http.Client, url string) int64 {
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := client.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	n, _ := io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Content-Encoding") != "gzip" {
		b.Fatalf("GET %s: %d, encoding %q", url, res.StatusCode, res.Header.Get("Content-Encoding"))
	}
	return n
}

// BenchmarkEditorPage500 measures the editor page of a 500-block design
// over real TCP, gzip, with 1 and 8 clients, and beside it the floor: a
// plain net/http file server sending the same compressed bytes. Compare
// archlab's req/s with the floor's within one run.
//
//	go test ./handlers -run '^$' -bench EditorPage500 -benchtime 3s
func BenchmarkEditorPage500(b *testing.B) {
	srv, c := bigDesign(b)
	url := srv.URL + "/d/" + c.EditKey + "/"

	// The floor serves the page's own gzip bytes from a file.
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		b.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "page.html"), page, 0o600); err != nil {
		b.Fatal(err)
	}
	files := http.FileServer(http.Dir(dir))
	floor := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		files.ServeHTTP(w, r)
	}))
	defer floor.Close()

	for _, clients := range []int{1, 8} {
		for _, t := range []struct{ name, url string }{{"archlab", url}, {"floor", floor.URL + "/page.html"}} {
			b.Run(fmt.Sprintf("%s/clients=%d", t.name, clients), func(b *testing.B) {
				client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients, DisableCompression: true}}
				var bytes int64
				b.SetParallelism((clients + 1) / 2) // 2 cores here: 1 → 2 goroutines is close enough; 8 → 8
				if clients == 1 {
					b.SetParallelism(1)
				}
				start := time.Now()
				if clients == 1 {
					for b.Loop() {
						bytes = fetchGzip(b, client, t.url)
					}
				} else {
					var mu sync.Mutex
					b.RunParallel(func(pb *testing.PB) {
						for pb.Next() {
							n := fetchGzip(b, client, t.url)
							mu.Lock()
							bytes = n
							mu.Unlock()
						}
					})
				}
				b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
				b.ReportMetric(float64(bytes)/1024, "gzip-KiB")
			})
		}
	}
}

// BenchmarkStateManyEditors measures what one edit costs the server when
// many editors have a 500-block design open: after the edit (a new title)
// each of them re-fetches /state from the version it shows, 8 at a time.
// It reports how long until the last one has its answer. The load script
// (go run ./scripts/load) does the same with 1,000 editors following the
// event stream.
//
//	go test ./handlers -run '^$' -bench StateManyEditors -benchtime 5x
func BenchmarkStateManyEditors(b *testing.B) {
	const editors = 100
	srv, c := bigDesign(b)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8, DisableCompression: true}}
	version := 1
	var total time.Duration
	for i := 0; b.Loop(); i++ {
		body := fmt.Sprintf(`{"baseVersion":%d,"ops":[{"op":"setTitle","title":"Edit %d"}]}`, version, i)
		req, _ := http.NewRequest("POST", srv.URL+"/d/"+c.EditKey+"/ops", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("HX-Request", "true")
		start := time.Now()
		res, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != 200 {
			b.Fatalf("edit: %d", res.StatusCode)
		}
		version++
		work := make(chan int, editors)
		for e := range editors {
			work <- e
		}
		close(work)
		var wg sync.WaitGroup
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range work {
					// As the editor's script asks: from the version it shows.
					fetchGzip(b, client, fmt.Sprintf("%s/d/%s/state?select=FunctionC0&from=%d", srv.URL, c.EditKey, version-1))
				}
			}()
		}
		wg.Wait()
		total += time.Since(start)
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms-all-current")
	b.ReportMetric(editors, "editors")
}
