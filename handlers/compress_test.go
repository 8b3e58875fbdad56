package handlers_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/archlab/archlab/handlers"
	"github.com/archlab/archlab/static"
)

// Pages, JSON, scripts and styles go out gzip-compressed to a client that
// accepts it, and decompress to what a client that does not gets; a 304
// stays empty, and an event stream is never compressed, since it must
// reach the browser event by event.
func TestResponsesAreCompressed(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	assets := static.New()
	for _, path := range []string{"/kb", "/d/" + c.EditKey + "/", "/api/v1/rules", assets.URL("js/app.js"), assets.URL("css/app.css")} {
		plain := s.do(t, "GET", path, "", map[string]string{"Accept-Encoding": "identity"})
		packed := s.do(t, "GET", path, "", map[string]string{"Accept-Encoding": "gzip"})
		if plain.status != 200 || packed.status != 200 || plain.header.Get("Content-Encoding") != "" {
			t.Fatalf("%s: %d %v / %d", path, plain.status, plain.header, packed.status)
		}
		if packed.header.Get("Content-Encoding") != "gzip" || packed.header.Get("Vary") != "Accept-Encoding" {
			t.Fatalf("%s is not compressed: %v", path, packed.header)
		}
		zr, err := gzip.NewReader(bytes.NewReader(packed.body))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		body, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(body, plain.body) || len(packed.body) >= len(plain.body) {
			t.Fatalf("%s: %d compressed bytes decompress to %d (%v), want the %d of the plain answer", path, len(packed.body), len(body), err, len(plain.body))
		}
	}

	etag := s.do(t, "GET", assets.URL("js/app.js"), "", nil).header.Get("ETag")
	again := s.do(t, "GET", assets.URL("js/app.js"), "", map[string]string{"Accept-Encoding": "gzip", "If-None-Match": etag})
	if again.status != http.StatusNotModified || len(again.body) != 0 || again.header.Get("Content-Encoding") != "" {
		t.Fatalf("revalidation answered %d %v with %d bytes", again.status, again.header, len(again.body))
	}

	stream := subscribe(t, s.URL+"/v/"+c.ID+"/events", map[string]string{"Accept-Encoding": "gzip"})
	if enc := stream.header.Get("Content-Encoding"); enc != "" {
		t.Fatalf("the event stream is sent with Content-Encoding %q", enc)
	}
	stream.await(t, "presence", "count", 5*time.Second)
}
