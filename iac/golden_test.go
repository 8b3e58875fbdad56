package iac

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
)

var update = flag.Bool("update", false, "rewrite the .want files of testdata")

// goldenDay is the date findings are checked on, so that rules about dates
// (runtime deprecations) give the same findings every day.
var goldenDay = time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)

// Every template in testdata has a .want file beside it: the blocks (with
// their properties), the connections, the notes and the rule findings the
// import must produce. Run with -update to rewrite them, then read the diff.
func TestTemplatesGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.yaml")
	more, _ := filepath.Glob("testdata/*.json")
	files = append(files, more...)
	if len(files) < 10 {
		t.Fatalf("testdata holds %d templates; want at least 10", len(files))
	}
	cat := design.Builtin()
	reg := rules.Default(cat).WithClock(func() time.Time { return goldenDay })
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			imp, err := Import(data, filepath.Base(f), cat)
			if err != nil {
				t.Fatalf("import: %v", err)
			}
			// The design must survive the strict decoder, as exports do.
			doc, err := json.Marshal(imp.Design)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := design.Decode(doc, cat); err != nil {
				t.Fatalf("the imported design does not decode: %v", err)
			}
			got := describe(imp, reg.Check(imp.Design))
			wantFile := strings.TrimSuffix(f, filepath.Ext(f)) + ".want"
			if *update {
				if err := os.WriteFile(wantFile, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatalf("%v (run go test -run TestTemplatesGolden -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s:\n%s", f, wantFile, lineDiff(string(want), got))
			}
		})
	}
}

// describe prints what an import produced, one line per item.
func describe(imp *Imported, findings []rules.Finding) string {
	var b bytes.Buffer
	d := imp.Design
	fmt.Fprintf(&b, "title: %s\n\nblocks:\n", d.Title)
	for _, bl := range d.Blocks {
		loc := imp.Locations[bl.ID]
		outside := ""
		if e := bl.External; e != nil {
			outside = " outside(" + strings.TrimPrefix(e.Service+" ", " ") + e.Ref
			if e.Default != "" {
				outside += " default " + e.Default
			}
			outside += ")"
		}
		fmt.Fprintf(&b, "  %s %s%s line %d%s%s\n", bl.ID, bl.Kind, outside, loc.Line, nameOf(bl.Name), propsJSON(bl.Props))
	}
	b.WriteString("\nconnections:\n")
	for _, c := range d.Connections {
		loc := imp.Locations[c.ID]
		var ev []string
		for _, e := range c.Evidence {
			s := string(e.Basis)
			if e.Detail != "" {
				s += " " + e.Detail
			}
			ev = append(ev, s)
		}
		fmt.Fprintf(&b, "  %s: %s -> %s %s line %d%s [%s]\n", c.ID, c.From, c.To, c.Integration, loc.Line, propsJSON(c.Props), strings.Join(ev, "; "))
	}
	b.WriteString("\nnotes:\n")
	for _, n := range imp.Notes {
		fmt.Fprintf(&b, "  %s\n", n)
	}
	b.WriteString("\nfindings:\n")
	for _, f := range findings {
		fmt.Fprintf(&b, "  %s %s %s: %s\n", f.Severity, f.Rule, strings.Join(f.Subjects, ","), f.Message)
	}
	return b.String()
}

func nameOf(s string) string {
	if s == "" {
		return ""
	}
	return fmt.Sprintf(" %q", s)
}

func propsJSON(p design.Props) string {
	if len(p) == 0 {
		return ""
	}
	data, _ := json.Marshal(p)
	return " " + string(data)
}

// lineDiff shows the lines that differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d\n  want: %s\n   got: %s\n", i+1, wl, gl)
		}
	}
	return b.String()
}
