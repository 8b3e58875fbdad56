package handlers_test

import (
	"bytes"
	"fmt"
	"image/png"
	"net/http"
	"strings"
	"testing"

	"github.com/archlab/archlab/exports"
	"github.com/archlab/archlab/handlers"
)

// The PNG download is the diagram painted on the server: a real picture,
// named after the design, from the view link as from the editor's menu.
func TestExportPNGDownload(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)

	r := s.do(t, "GET", "/v/"+c.ID+"/export/png", "", nil)
	if r.status != http.StatusOK {
		t.Fatalf("the PNG download answers %d: %.300s", r.status, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "image/png" {
		t.Errorf("Content-Type %q", ct)
	}
	if cd := r.header.Get("Content-Disposition"); cd != `attachment; filename="orders.png"` {
		t.Errorf("Content-Disposition %q", cd)
	}
	img, err := png.Decode(bytes.NewReader(r.body))
	if err != nil {
		t.Fatalf("the body is no PNG: %v", err)
	}
	// The SVG download's drawing at two pixels per unit.
	svg := s.do(t, "GET", "/v/"+c.ID+"/export/svg", "", nil)
	var x, y, w, h float64
	vb := string(svg.body[bytes.Index(svg.body, []byte(`viewBox="`))+9:])
	if _, err := fmt.Sscan(strings.NewReplacer(",", " ").Replace(vb[:strings.IndexByte(vb, '"')]), &x, &y, &w, &h); err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds().Size(); got.X != int(w*exports.PNGScale) || got.Y != int(h*exports.PNGScale) {
		t.Errorf("the picture is %v, want %gx%g", got, w*exports.PNGScale, h*exports.PNGScale)
	}

	// The editor's Export menu offers it.
	doc := page(t, s.do(t, "GET", "/d/"+c.EditKey+"/", "", nil))
	link := doc.Find(`[data-testid=export-menu] a[download][href="/v/` + c.ID + `/export/png"]`)
	if link.Length() != 1 || strings.TrimSpace(link.Text()) != "PNG image" {
		t.Errorf("the editor's menu does not offer the PNG: %d links", link.Length())
	}
	// So does the read-only view.
	view := page(t, s.do(t, "GET", "/v/"+c.ID, "", nil))
	if view.Find(`[data-testid=export-menu] a[download][href$="/export/png"]`).Length() != 1 {
		t.Error("the view link's menu does not offer the PNG")
	}

	// A view id that does not exist is not found; neither is an edit key
	// in its place.
	for _, id := range []string{"nosuchdesign", c.EditKey} {
		if r := s.do(t, "GET", "/v/"+id+"/export/png", "", nil); r.status != http.StatusNotFound {
			t.Errorf("/v/%s/export/png answers %d", id, r.status)
		}
	}
}
