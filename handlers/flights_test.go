package handlers

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/archlab/archlab/design"
)

// Requests that come while a load runs share the next one, and none gets
// the answer of a load that began before it came.
func TestFlightsShareOnlyLaterLoads(t *testing.T) {
	var fs flights[*design.Design]
	var begun atomic.Int64
	release := make(chan struct{})
	load := func(context.Context) (*design.Design, error) {
		n := begun.Add(1)
		if n == 1 {
			<-release
		}
		return &design.Design{Version: int(n)}, nil
	}
	first := make(chan int)
	go func() {
		d, _ := fs.load(t.Context(), "k", load)
		first <- d.Version
	}()
	for begun.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	// These come while the first load runs.
	const later = 50
	got := make([]int, later)
	var wg sync.WaitGroup
	for i := range later {
		wg.Go(func() {
			d, err := fs.load(t.Context(), "k", load)
			if err != nil {
				t.Error(err)
				return
			}
			got[i] = d.Version
		})
	}
	time.Sleep(50 * time.Millisecond) // let them come
	close(release)
	wg.Wait()
	if v := <-first; v != 1 {
		t.Fatalf("the first request got load %d", v)
	}
	for i, v := range got {
		if v < 2 {
			t.Fatalf("request %d got the load that began before it came", i)
		}
	}
	if n := begun.Load(); n > 10 {
		t.Errorf("%d loads for %d requests that came together", n, later+1)
	}
	// The last load clears its lane just after it answers.
	for range 1000 {
		fs.mu.Lock()
		n := len(fs.m)
		fs.mu.Unlock()
		if n == 0 {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Error("a lane is left behind")
}
