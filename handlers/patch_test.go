package handlers_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/handlers"
	"github.com/archlab/archlab/internal/apptest"
)

// A drag on a 500-block design answers the moved block and the
// connections that changed with it, under 20 KB uncompressed, not the
// whole diagram; a drag based on an older version gets the whole diagram.
func TestDragAnswersOnlyWhatChanged(t *testing.T) {
	st := apptest.Store(t)
	s := &server{Server: apptest.Server(t, st, handlers.Options{WritesPerMinute: 1 << 30}), store: st}
	d := apptest.RealisticDesign(t, design.Builtin(), 500)
	c, err := st.CreateDesign(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	moved := d.Connections[0].From
	edit := func(base int, id string, x float64) string {
		t.Helper()
		body := fmt.Sprintf(`{"baseVersion":%d,"selected":%q,"ops":[{"op":"moveBlock","id":%q,"x":%v,"y":40}]}`, base, id, id, x)
		r := s.do(t, "POST", "/d/"+c.EditKey+"/ops", body, map[string]string{"Content-Type": "application/json", "HX-Request": "true", "Accept-Encoding": "identity"})
		if r.status != 200 {
			t.Fatalf("drag answered %d: %.300s", r.status, r.body)
		}
		return string(r.body)
	}
	got := edit(1, moved, 1234)
	t.Logf("a drag on 500 blocks answers %d bytes", len(got))
	if len(got) > 20<<10 {
		t.Errorf("a drag answers %d bytes, want under 20 KB", len(got))
	}
	if strings.Contains(got, `id="canvas"`) || !strings.Contains(got, `<template id="diagram-patch">`) {
		t.Fatalf("the answer is not a patch:\n%.500s", got)
	}
	ids := regexp.MustCompile(`data-(block|connection)-id="([^"]*)"`).FindAllStringSubmatch(got, -1)
	touching := map[string]bool{moved: true}
	for _, cn := range d.Connections {
		if cn.From == moved || cn.To == moved {
			touching[cn.ID] = true
		}
	}
	seen := map[string]bool{}
	for _, m := range ids {
		seen[m[2]] = true
	}
	for id := range touching {
		if !seen[id] {
			t.Errorf("the patch leaves out %s, which the drag changed", id)
		}
	}
	if !strings.Contains(got, fmt.Sprintf(`data-block-id=%q`, moved)) || !strings.Contains(got, "translate(1234 40)") {
		t.Errorf("the moved block is not at its new place in the patch")
	}
	// Another block moved on version 1 (the editor missed version 2): the
	// whole diagram.
	if stale := edit(1, d.Blocks[len(d.Blocks)-1].ID, 2000); !strings.Contains(stale, `id="canvas"`) || strings.Contains(stale, "diagram-patch") {
		t.Errorf("a stale drag got a patch, which would apply to a diagram the editor does not show")
	}
}
