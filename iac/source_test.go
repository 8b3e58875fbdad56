package iac

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/archlab/archlab/design"
)

// sourceCorpusDir finds the SAM translator's corpus of real templates:
// ARCHLAB_CORPUS_DIR, or ../shared/corpora beside the repository.
func sourceCorpusDir(t *testing.T) string {
	if dir := os.Getenv("ARCHLAB_CORPUS_DIR"); dir != "" {
		return dir
	}
	dir := filepath.Join("..", "..", "shared", "corpora", "sam-translator")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("no corpus: set ARCHLAB_CORPUS_DIR to a folder of SAM templates (../shared/corpora/sam-translator)")
	}
	return dir
}

// roundTripTemplates are the templates the round trip is checked on: this
// package's own and, when it is there, every valid template of the corpus.
func roundTripTemplates(t *testing.T) []string {
	own, _ := filepath.Glob("testdata/*.yaml")
	js, _ := filepath.Glob("testdata/*.json")
	files := append(own, js...)
	if dir := os.Getenv("ARCHLAB_CORPUS_DIR"); dir != "" || dirExists(filepath.Join("..", "..", "shared", "corpora", "sam-translator")) {
		corpus, _ := filepath.Glob(filepath.Join(sourceCorpusDir(t), "*.yaml"))
		for _, f := range corpus {
			if !strings.HasPrefix(filepath.Base(f), "error_") {
				files = append(files, f)
			}
		}
	}
	return files
}

func dirExists(dir string) bool {
	info, err := os.Stat(dir)
	return err == nil && info.IsDir()
}

// templateChanges lists where two templates differ, as CloudFormation
// reads them (the archlab metadata left out): "Resources.Fn.Properties.Timeout".
func templateChanges(t *testing.T, a, b []byte) []string {
	t.Helper()
	var x, y yaml.Node
	if err := yaml.Unmarshal(a, &x); err != nil {
		t.Fatalf("the template does not parse: %v", err)
	}
	if err := yaml.Unmarshal(b, &y); err != nil {
		t.Fatalf("the export does not parse: %v\n%s", err, b)
	}
	stripArchlabMeta(x.Content[0])
	stripArchlabMeta(y.Content[0])
	var out []string
	var leaves func(path string, n *yaml.Node)
	leaves = func(path string, n *yaml.Node) {
		if !plainMap(n) {
			out = append(out, path)
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			leaves(path+"."+n.Content[i].Value, n.Content[i+1])
		}
	}
	for _, p := range diffTrees(x.Content[0], y.Content[0]) {
		if p.kind == patchSet && p.old == nil {
			leaves(p.where(), p.val) // a mapping added whole counts by what it holds
			continue
		}
		out = append(out, p.where())
	}
	return out
}

// An imported template exported unedited is the very text it came from.
func TestSourceUneditedExportsAsWritten(t *testing.T) {
	cat := design.Builtin()
	files := roundTripTemplates(t)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		imp, err := Import(data, filepath.Base(f), cat)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		out, err := SAM(imp.Design, cat)
		if err != nil {
			t.Errorf("%s: export: %v", f, err)
			continue
		}
		if !bytes.Equal(out, data) {
			t.Errorf("%s: the unedited export is not the template:\n%s", f, lineDiff(string(data), string(out)))
		}
	}
	t.Logf("%d templates", len(files))
}

// An edited design exports as its template with only the edit applied, and
// imports back as the edited design. Two edits are tried on every
// template: a display name, which only the metadata can say, and the
// memory of its first function.
func TestSourceEditedExportsOnlyTheEdit(t *testing.T) {
	cat := design.Builtin()
	files := roundTripTemplates(t)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		imp, err := Import(data, filepath.Base(f), cat)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		for _, edit := range sourceEdits(imp, resourceTypes(doc.Content[0])) {
			d, _, err := design.Apply(imp.Design, edit.ops, cat)
			if err != nil {
				t.Errorf("%s: %s: %v", f, edit.name, err)
				continue
			}
			out, notes, err := SAMWithNotes(d, cat)
			if err != nil {
				t.Errorf("%s: %s: export: %v", f, edit.name, err)
				continue
			}
			if len(notes) > 0 && !edit.notes {
				t.Errorf("%s: %s: %v", f, edit.name, notes)
			}
			if got := templateChanges(t, data, out); edit.changes != nil && !slices.Equal(got, edit.changes) {
				t.Errorf("%s: %s: the template changed at %q, want %q:\n%s", f, edit.name, got, edit.changes, out)
			}
			if edit.inTemplate {
				// Said by the template itself, not only by the metadata.
				var doc yaml.Node
				_ = yaml.Unmarshal(out, &doc)
				stripArchlabMeta(doc.Content[0])
				bare, _ := yaml.Marshal(&doc)
				plain, err := importTemplate(bare, sourceTitle(f), cat, nil)
				if err != nil {
					t.Errorf("%s: %s: the export without its metadata does not import: %v", f, edit.name, err)
				} else if diff := designDiff(d, plain.Design); diff != "" && !onlyNamesDiffer(diff) {
					t.Errorf("%s: %s: only the metadata says the edit:\n%s\n%s", f, edit.name, diff, out)
				}
			}
			again, err := Import(out, filepath.Base(f), cat)
			if err != nil {
				t.Errorf("%s: %s: the export does not import: %v\n%s", f, edit.name, err, out)
				continue
			}
			if diff := designDiff(d, again.Design); diff != "" {
				t.Errorf("%s: %s: the export imports as another design:\n%s\n%s", f, edit.name, diff, out)
			}
		}
	}
}

type sourceEdit struct {
	name    string
	ops     design.Ops
	changes []string // where the template changes, the metadata aside; nil: anywhere
	// inTemplate: the template itself says the edit, without the metadata.
	inTemplate bool
	// notes: the export may say what it removed or could not write (a
	// block removed with what names it, a connection a CloudFormation
	// function cannot take as a SAM event).
	notes bool
}

// onlyNamesDiffer reports whether a design difference is only of display
// names, which only the metadata says.
func onlyNamesDiffer(diff string) bool {
	for _, l := range strings.Split(diff, "\n") {
		if !strings.Contains(l, " name ") {
			return false
		}
	}
	return true
}

// sourceEdits are the edits tried on an imported design; types are the
// template's resource types by logical id.
func sourceEdits(imp *Imported, types map[string]string) []sourceEdit {
	d := imp.Design
	var out []sourceEdit
	if len(d.Blocks) > 0 {
		b := d.Blocks[0]
		out = append(out, sourceEdit{name: "rename " + b.ID, ops: design.Ops{{Op: design.OpUpdateBlock, ID: b.ID, Name: ptr("Renamed in the designer")}}})
	}
	for _, b := range d.Blocks {
		if b.Kind != "lambda" || b.External != nil {
			continue
		}
		mem := 1769.0
		if v, ok := b.Props["MemorySize"].(float64); ok && v == mem {
			mem = 1770
		}
		out = append(out, sourceEdit{name: "memory of " + b.ID,
			ops:        design.Ops{{Op: design.OpUpdateBlock, ID: b.ID, Props: map[string]any{"MemorySize": mem}}},
			changes:    []string{fmt.Sprintf("Resources.%s.Properties.MemorySize", b.ID)},
			inTemplate: true})
		break
	}
	// A setting of a connection the template declares.
	for _, c := range d.Connections {
		if c.Integration != design.IntESM || c.Inferred() {
			continue
		}
		if src := d.Block(c.From); src == nil || (src.External == nil && types[c.From] == "") || fromSNSEvent(imp, c.ID) {
			continue // a queue of an SNS event's SqsSubscription: its settings are the event's
		}
		if v, ok := c.Props["BatchSize"].(float64); ok || c.Props["BatchSize"] == nil {
			out = append(out, sourceEdit{name: "batch size of " + c.ID,
				ops:        design.Ops{{Op: design.OpUpdateConnection, ID: c.ID, Props: map[string]any{"BatchSize": v + 3}}},
				inTemplate: true})
			break
		}
	}
	// A finding accepted about one block, and one about a connection.
	if len(d.Blocks) > 0 {
		b := d.Blocks[0]
		out = append(out, sourceEdit{name: "accept a finding on " + b.ID, ops: design.Ops{{Op: design.OpAcceptFinding,
			Accepted: &design.Accepted{Rule: "sqs-no-redrive", Subjects: []string{b.ID}, Reason: "reviewed in the design review"}}},
			inTemplate: true})
	}
	for _, c := range d.Connections {
		out = append(out, sourceEdit{name: "accept a finding on " + c.ID, ops: design.Ops{{Op: design.OpAcceptFinding,
			Accepted: &design.Accepted{Rule: "cfn-lint:W3005", Subjects: []string{c.From, c.ID}}}},
			inTemplate: true})
		break
	}
	// A block removed with its connections.
	for _, b := range d.Blocks {
		if b.External == nil {
			out = append(out, sourceEdit{name: "remove " + b.ID, ops: design.Ops{{Op: design.OpRemoveBlock, ID: b.ID}}, notes: true})
			break
		}
	}
	// A queue added to feed the first function.
	for _, b := range d.Blocks {
		if b.Kind == "lambda" && b.External == nil {
			sam := types[b.ID] == "AWS::Serverless::Function"
			out = append(out, sourceEdit{name: "a new queue for " + b.ID, ops: design.Ops{
				{Op: design.OpAddBlock, Block: &design.Block{ID: "AddedInDesigner", Kind: "sqs", Props: design.Props{"VisibilityTimeout": 900.0}}},
				{Op: design.OpConnect, Connection: &design.Connection{ID: "added1", From: "AddedInDesigner", To: b.ID, Integration: design.IntESM}},
			}, inTemplate: sam, notes: !sam})
			break
		}
	}
	return out
}

func ptr[T any](v T) *T { return &v }

// fromSNSEvent reports whether a connection was read from a function's SNS
// event (the mapping SAM makes for its SqsSubscription).
func fromSNSEvent(imp *Imported, id string) bool {
	var doc yaml.Node
	if yaml.Unmarshal([]byte(imp.Design.Source.Template), &doc) != nil {
		return false
	}
	for _, ev := range imp.EventNames[id] {
		owner, name, _ := strings.Cut(ev, "/")
		typ := ywalk(doc.Content[0], []string{"Resources", owner, "Properties", "Events", name}, false)
		if t := ymapGet(typ, "Type"); t != nil && t.Value == "SNS" {
			return true
		}
	}
	return false
}

// A template read with the files it references keeps them, so that its
// export knows what the template said: unedited, it is the template as
// written; an edit of the template's own blocks changes only them; an
// edit of a nested stack's block is noted as one to make in that file.
func TestSourceWithItsFiles(t *testing.T) {
	cat := design.Builtin()
	fsys := project()
	imp := mustImportFS(t, fsys, "template.yaml")
	src := imp.Design.Source
	if src == nil || len(src.Files) != 3 || src.Files["orders/template.yaml"] != string(fsys["orders/template.yaml"].Data) {
		t.Fatalf("the source keeps %+v", src)
	}
	out, err := SAM(imp.Design, cat)
	if err != nil || string(out) != string(fsys["template.yaml"].Data) {
		t.Fatalf("the unedited export (%v) is not the template:\n%s", err, out)
	}
	d, _, err := design.Apply(imp.Design, design.Ops{
		{Op: design.OpUpdateBlock, ID: "Worker", Props: map[string]any{"Timeout": 45.0}},
		{Op: design.OpUpdateBlock, ID: "Orders_Queue", Props: map[string]any{"VisibilityTimeout": 300.0}},
	}, cat)
	if err != nil {
		t.Fatal(err)
	}
	out, notes, err := SAMWithNotes(d, cat)
	if err != nil {
		t.Fatal(err)
	}
	if got := templateChanges(t, fsys["template.yaml"].Data, out); !slices.Equal(got, []string{"Resources.Worker.Properties.Timeout"}) {
		t.Errorf("the template changed at %q:\n%s", got, out)
	}
	if len(notes) != 1 || notes[0].ID != "Orders_Queue" || !strings.Contains(notes[0].Message, "orders/template.yaml") {
		t.Errorf("notes = %v, want one saying Orders_Queue is edited in orders/template.yaml", notes)
	}
}
