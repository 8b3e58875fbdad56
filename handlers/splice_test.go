package handlers

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
)

// A spliced answer's gzip (kept compressions of pieces between fresh ones)
// decodes, CRC and length checked, to exactly its uncompressed bytes.
func TestSpliceGzipDecodesToItsBytes(t *testing.T) {
	big := bytes.Repeat([]byte(`<g class="block lambda" data-block-id="F1">x</g>`), 5000)
	cases := map[string][]any{
		"empty":           {},
		"fresh only":      {"<p>hello</p>"},
		"piece only":      {newPiece(big)},
		"around a piece":  {"<div>", newPiece(big), "</div>"},
		"pieces adjacent": {newPiece([]byte("<ul>")), newPiece(big), newPiece(nil), "tail"},
	}
	for name, segs := range cases {
		var s splice
		for _, g := range segs {
			switch g := g.(type) {
			case string:
				s.Write([]byte(g))
			case *piece:
				s.add(g)
			}
		}
		zr, err := gzip.NewReader(bytes.NewReader(s.gzip()))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(got, s.bytes()) {
			t.Errorf("%s: gzip decodes to %d bytes, want %d", name, len(got), len(s.bytes()))
		}
	}
}

func TestAcceptsGzip(t *testing.T) {
	for header, want := range map[string]bool{
		"":                      false,
		"gzip":                  true,
		"gzip, deflate, br":     true,
		"br;q=1.0, GZIP;q=0.5":  true,
		"gzip;q=0":              false,
		"gzip; q=0.0, *":        false,
		"*":                     true,
		"*;q=0":                 false,
		"identity":              false,
		"deflate, gzip;q=0.001": true,
		"gzip;q=nonsense":       true,
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Accept-Encoding", header)
		if got := acceptsGzip(r); got != want {
			t.Errorf("Accept-Encoding %q: %v, want %v", header, got, want)
		}
	}
}

// A piece outside a splice (any other writer) writes its HTML.
func TestPieceOutsideASplice(t *testing.T) {
	var b strings.Builder
	if err := newPiece([]byte("<svg></svg>")).Render(t.Context(), &b); err != nil || b.String() != "<svg></svg>" {
		t.Fatalf("%q %v", b.String(), err)
	}
}
