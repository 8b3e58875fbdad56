package handlers_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/archlab/archlab/handlers"
)

// Every page links an SVG favicon, served as SVG with the year-long cache of
// the other versioned assets.
func TestFaviconIsLinkedAndServed(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, `{"format":"archlab/v1","title":"Icon"}`)
	link := regexp.MustCompile(`<link rel="icon" type="image/svg\+xml" href="([^"]+)"`)
	var href string
	for _, path := range []string{"/", "/kb", "/kb/rules", "/templates", "/import", c.ViewURL, c.EditURL, "/no-such-page"} {
		path = strings.TrimPrefix(path, s.URL)
		r := s.do(t, "GET", path, "", nil)
		m := link.FindSubmatch(r.body)
		if m == nil {
			t.Errorf("%s links no SVG favicon", path)
			continue
		}
		href = string(m[1])
	}
	if href == "" {
		t.FailNow()
	}
	r := s.do(t, "GET", href, "", nil)
	if r.status != 200 || r.header.Get("Content-Type") != "image/svg+xml" {
		t.Fatalf("%s: %d %q", href, r.status, r.header.Get("Content-Type"))
	}
	if !strings.Contains(r.header.Get("Cache-Control"), "max-age=31536000") {
		t.Errorf("%s is cached %q", href, r.header.Get("Cache-Control"))
	}
	if !strings.Contains(string(r.body), "<svg") {
		t.Errorf("%s is not an SVG: %.80s", href, r.body)
	}
}
