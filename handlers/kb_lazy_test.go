package handlers_test

import (
	"io"
	"net/http"
	"regexp"
	"sync"
	"testing"

	"github.com/archlab/archlab/handlers"
)

// Pages of the knowledge base are rendered on first use. Readers who race
// to be first to every page (run with -race) must each get the page a
// server that has already rendered it serves: the same bytes, nonces
// aside, as a second server asked one page at a time.
func TestKnowledgePagesRaceToRenderFirst(t *testing.T) {
	lib := library(t)
	paths := []string{"/", "/kb", "/kb/rules", "/templates", "/kb/search?q=visibility+timeout"}
	for _, a := range lib.Articles {
		paths = append(paths, a.Path)
	}
	for _, p := range lib.RulePages {
		paths = append(paths, p.Path)
	}
	nonce := regexp.MustCompile(`nonce="[^"]*"`)
	get := func(url string) (int, string, error) {
		resp, err := http.Get(url)
		if err != nil {
			return 0, "", err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return resp.StatusCode, nonce.ReplaceAllString(string(b), ""), err
	}

	racing := mustServer(t, handlers.Options{})
	const readers = 6
	got := make([][]string, readers)
	var wg sync.WaitGroup
	for g := range readers {
		got[g] = make([]string, len(paths))
		wg.Go(func() {
			// Each reader walks the pages from a different place, so
			// that first requests meet on every page.
			for i := range paths {
				j := (i + g*len(paths)/readers) % len(paths)
				status, body, err := get(racing.URL + paths[j])
				if err != nil || status != http.StatusOK {
					t.Errorf("%s: %d %v", paths[j], status, err)
				}
				got[g][j] = body
			}
		})
	}
	wg.Wait()

	calm := mustServer(t, handlers.Options{})
	for j, p := range paths {
		status, want, err := get(calm.URL + p)
		if err != nil || status != http.StatusOK {
			t.Fatalf("%s: %d %v", p, status, err)
		}
		for g := range readers {
			if got[g][j] != want {
				t.Errorf("%s: reader %d got %d bytes where a calm server sends %d", p, g, len(got[g][j]), len(want))
			}
		}
	}
}
