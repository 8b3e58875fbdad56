package iac

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/archlab/archlab/design"
)

// roundTripDesigns returns every design of the repository: the content
// templates, the rules' fixtures and golden designs. Documents that do not
// decode (fixtures of decoding errors, work in progress) are skipped.
func roundTripDesigns(tb testing.TB) map[string]*design.Design {
	tb.Helper()
	cat := design.Builtin()
	out := map[string]*design.Design{}
	add := func(name string, data []byte) {
		if d, err := design.Decode(data, cat); err == nil {
			out[name] = d
		}
	}
	files, _ := filepath.Glob("../content/templates/*.archlab.json")
	golden, _ := filepath.Glob("../rules/testdata/golden/*.json")
	for _, f := range append(files, golden...) {
		if strings.HasSuffix(f, ".golden.json") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		add(filepath.Base(f), data)
	}
	fixtures, _ := filepath.Glob("../rules/testdata/fixtures/*.txtar")
	for _, f := range fixtures {
		ar, err := txtar.ParseFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		for _, file := range ar.Files {
			if strings.HasSuffix(file.Name, ".json") {
				add(filepath.Base(f)+"/"+file.Name, file.Data)
			}
		}
	}
	if len(out) < 100 {
		tb.Fatalf("found only %d designs to round-trip", len(out))
	}
	return out
}

// TestRoundTrip exports every design of the repository as SAM and imports
// it back: the blocks, their kinds, names and properties, and the
// connections with their integrations and properties must come back.
func TestRoundTrip(t *testing.T) {
	cat := design.Builtin()
	for name, d := range roundTripDesigns(t) {
		t.Run(name, func(t *testing.T) {
			out, err := SAM(d, cat)
			if err != nil {
				t.Fatalf("export: %v", err)
			}
			imp, err := Import(out, d.Title, cat)
			if err != nil {
				t.Fatalf("import of the export: %v\n%s", err, out)
			}
			if diff := designDiff(d, imp.Design); diff != "" {
				t.Fatalf("round trip changed the design:\n%s\n--- template:\n%s", diff, out)
			}
			for _, n := range imp.Notes {
				t.Errorf("the export of %s imports with a note: %s", name, n)
			}
		})
	}
}

// designDiff describes how two designs differ in blocks, kinds, names,
// properties and connections (ids and positions aside).
func designDiff(want, got *design.Design) string {
	var diffs []string
	if want.Title != got.Title {
		diffs = append(diffs, "title "+want.Title+" → "+got.Title)
	}
	for _, wb := range want.Blocks {
		gb := got.Block(wb.ID)
		switch {
		case gb == nil:
			diffs = append(diffs, "missing block "+wb.ID)
		case gb.Kind != wb.Kind:
			diffs = append(diffs, "block "+wb.ID+" kind "+wb.Kind+" → "+gb.Kind)
		case gb.Name != wb.Name:
			diffs = append(diffs, "block "+wb.ID+" name "+wb.Name+" → "+gb.Name)
		case !propsEqual(wb.Props, gb.Props):
			diffs = append(diffs, "block "+wb.ID+" props "+jsonOf(wb.Props)+" → "+jsonOf(gb.Props))
		}
	}
	for _, gb := range got.Blocks {
		if want.Block(gb.ID) == nil {
			diffs = append(diffs, "extra block "+gb.ID+" ("+gb.Kind+")")
		}
	}
	key := func(c design.Connection) string { return c.From + " → " + c.To + " (" + c.Integration + ")" }
	gotConns := map[string]design.Connection{}
	for _, c := range got.Connections {
		gotConns[key(c)] = c
	}
	for _, wc := range want.Connections {
		gc, ok := gotConns[key(wc)]
		switch {
		case !ok:
			diffs = append(diffs, "missing connection "+key(wc))
		case !propsEqual(wc.Props, gc.Props):
			diffs = append(diffs, "connection "+key(wc)+" props "+jsonOf(wc.Props)+" → "+jsonOf(gc.Props))
		}
		delete(gotConns, key(wc))
	}
	for k := range gotConns {
		diffs = append(diffs, "extra connection "+k)
	}
	slices.Sort(diffs)
	return strings.Join(diffs, "\n")
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
