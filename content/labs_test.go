package content

import (
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
)

// TestLabs: every lab's start fails at least one goal, its reference meets
// them all, its hints and links lead somewhere, and its documents are
// archlab/v1 documents that decode again.
func TestLabs(t *testing.T) {
	cat := design.Builtin()
	reg := rules.Default(cat)
	lib, err := Load(cat, reg)
	if err != nil {
		t.Fatal(err)
	}
	if len(lib.Labs) < 12 {
		t.Fatalf("%d labs, want at least 12", len(lib.Labs))
	}
	levels := map[int]int{}
	for i, l := range lib.Labs {
		levels[l.Level]++
		if i > 0 && l.Level < lib.Labs[i-1].Level {
			t.Errorf("lab %s comes after a harder one", l.Slug)
		}
		t.Run(l.Slug, func(t *testing.T) {
			if lib.Lab(l.Slug) != l {
				t.Error("not found by its slug")
			}
			start := reg.Grade(l.StartDesign, l.Goals)
			failed := 0
			for _, r := range start {
				if !r.Met {
					failed++
				}
			}
			if failed == 0 {
				t.Error("the start meets every goal")
			}
			for _, r := range reg.Grade(l.ReferenceDesign, l.Goals) {
				if !r.Met {
					t.Errorf("the reference fails %s: %s", r.ID, r.Why)
				}
			}
			for i, h := range l.Hints {
				if h.Article != "" && lib.Article(h.Article) == nil {
					t.Errorf("hint %d links to missing article %q", i+1, h.Article)
				}
			}
			if len(l.Articles) == 0 {
				t.Error("links to no article")
			}
			for _, href := range Links(l.Brief) {
				if err := lib.resolves(href); err != nil {
					t.Error(err)
				}
			}
			for name, doc := range map[string][]byte{"start": l.StartDocument, "reference": l.RefDocument} {
				if _, err := design.Decode(doc, cat); err != nil {
					t.Errorf("%s document does not decode: %v", name, err)
				}
			}
		})
	}
	for lvl := 1; lvl <= len(Levels); lvl++ {
		if levels[lvl] == 0 {
			t.Errorf("no lab of level %d (%s)", lvl, Levels[lvl-1])
		}
	}
}

// TestLabRefused: a lab with bad data is refused at load, the message
// naming the lab and, for a goal, the goal and the field.
func TestLabRefused(t *testing.T) {
	cat := design.Builtin()
	reg := rules.Default(cat)
	lib, err := Load(cat, reg)
	if err != nil {
		t.Fatal(err)
	}
	good := func(goals string) string {
		return "---\ntitle: T\nlevel: 1\nsummary: S\nstart: first-api.start.archlab.json\nreference: first-api.reference.archlab.json\n" +
			"articles: [lambda]\nhints:\n  - text: h\n    article: lambda\ngoals:\n" + goals + "---\nBrief.\n"
	}
	ok := "  - id: fn\n    text: a function\n    check: exists\n    block: {kind: lambda}\n"
	if _, err := lib.loadLab("fine", []byte(good(ok)), reg); err != nil {
		t.Fatalf("the well-formed lab is refused: %v", err)
	}
	cases := []struct {
		name, src string
		want      []string
	}{
		{"unknown kind", good("  - id: fn\n    text: t\n    check: exists\n    block: {kind: lamda}\n"), []string{`lab bad`, `goal "fn"`, `field "block.kind"`, `"lamda"`}},
		{"unknown rule", good("  - id: clean\n    text: t\n    check: no-findings\n    rule: no-such-rule\n"), []string{`goal "clean"`, `field "rule"`}},
		{"unknown field", good("  - id: fn\n    text: t\n    check: exists\n    blok: {kind: lambda}\n"), []string{"lab bad", "blok"}},
		{"missing argument", good("  - id: q\n    text: t\n    check: between\n    from: {kind: client}\n    to: {kind: lambda}\n"), []string{`goal "q"`, `field "via"`}},
		{"start passes", good("  - id: app\n    text: t\n    check: exists\n    block: {kind: client}\n"), []string{"lab bad", "start already meets every goal"}},
		{"reference fails", good(ok + "  - id: q\n    text: t\n    check: exists\n    block: {kind: sqs}\n"), []string{"lab bad", `reference fails goal "q"`}},
		{"missing article", strings.Replace(good(ok), "article: lambda", "article: lambada", 1), []string{"lab bad", `hint 1`, `"lambada"`}},
		{"missing start", strings.Replace(good(ok), "first-api.start", "nowhere.start", 1), []string{"lab bad", "start"}},
		{"bad level", strings.Replace(good(ok), "level: 1", "level: 9", 1), []string{"lab bad", "level 9"}},
		{"broken link", good(ok) + "[x](/kb/nowhere)\n", []string{"lab bad", "/kb/nowhere"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := lib.loadLab("bad", []byte(tc.src), reg)
			if err == nil {
				t.Fatal("accepted")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}

// BenchmarkGradeLab grades the largest lab reference, as the editor does on
// every edit of a lab design (the review that finding goals need is kept
// per version by the handlers, and counted here).
func BenchmarkGradeLab(b *testing.B) {
	cat := design.Builtin()
	reg := rules.Default(cat)
	lib, err := Load(cat, reg)
	if err != nil {
		b.Fatal(err)
	}
	var big *Lab
	for _, l := range lib.Labs {
		if big == nil || len(l.ReferenceDesign.Blocks) > len(big.ReferenceDesign.Blocks) {
			big = l
		}
	}
	b.ReportMetric(float64(len(big.ReferenceDesign.Blocks)), "blocks")
	for b.Loop() {
		reg.Grade(big.ReferenceDesign, big.Goals)
	}
}
