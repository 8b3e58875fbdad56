package handlers

import (
	"bytes"
	"compress/gzip"
	"hash/crc32"
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

// A diagram not of the expected shape is never patched: unclosed or
// unbalanced elements, or no <svg> root.
func TestSplitDiagramRefusesOddShapes(t *testing.T) {
	for _, html := range []string{
		"",
		`<div><g data-block-id="A"></g></div>`,
		`<svg><g class="blocks"><g data-block-id="A"><g></g>`,
		`<svg`,
	} {
		if _, ok := splitDiagram([]byte(html)); ok {
			t.Errorf("%q split", html)
		}
	}
	old := `<svg viewBox="0 0 1 1"><g class="blocks"><g class="block" data-block-id="A"><g class="badge">1</g></g><g class="block" data-block-id="B"></g></g></svg>`
	cur := strings.Replace(strings.Replace(old, `"0 0 1 1"`, `"0 0 2 2"`, 1), `badge">1`, `badge">2`, 1)
	root, changed, ok := diagramPatch([]byte(old), []byte(cur))
	if !ok || string(root) != `<svg viewBox="0 0 2 2">` || len(changed) != 1 || string(changed[0]) != `<g class="block" data-block-id="A"><g class="badge">2</g></g>` {
		t.Errorf("patch %q %q %v", root, changed, ok)
	}
	if _, _, ok := diagramPatch([]byte(old), []byte(strings.Replace(old, `data-block-id="B"`, `data-block-id="C"`, 1))); ok {
		t.Error("a patch across a renamed element")
	}
}

// A CRC carried over a piece's kept shift is the CRC of the whole, for
// lengths around the powers of two the shift is built from.
func TestCRCShiftCombines(t *testing.T) {
	a := []byte("<!doctype html><p>before the piece</p>")
	for _, n := range []int{0, 1, 2, 7, 8, 255, 256, 257, 4096, 100003} {
		b := bytes.Repeat([]byte{'x', 0xa7, '<'}, n)[:n]
		m := shiftOver(n)
		got := m.times(crc32.ChecksumIEEE(a)) ^ crc32.ChecksumIEEE(b)
		if want := crc32.ChecksumIEEE(append(append([]byte(nil), a...), b...)); got != want {
			t.Errorf("n=%d: %08x, want %08x", n, got, want)
		}
	}
}
