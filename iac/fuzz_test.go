package iac

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/archlab/archlab/design"
)

// FuzzImport feeds the importer arbitrary input: it may refuse it, but must
// never panic, and what it accepts must be a design the strict decoder
// accepts and the exporter can write. The seeds are whole templates, which
// Go's fuzzer is slow to minimise; -fuzzminimizetime 0 keeps it fuzzing:
//
//	go test ./iac -run '^$' -fuzz FuzzImport -fuzzminimizetime 0
func FuzzImport(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.yaml")
	more, _ := filepath.Glob("testdata/*.json")
	for _, file := range append(files, more...) {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"Resources: {}",
		"Resources:\n  Q: {Type: AWS::SQS::Queue, Properties: {RedrivePolicy: {deadLetterTargetArn: !GetAtt Q.Arn}}}",
		"Resources:\n  F: {Type: AWS::Serverless::Function, Properties: {Events: {E: {Type: SQS}}}}",
		"Resources:\n  A: &a {Type: AWS::SNS::Topic}\n  B: *a",
		`{"Resources": {"F": {"Type": "AWS::Lambda::Function", "Properties": {"Timeout": {"Fn::If": ["C", 1, 2]}}}}}`,
		"Globals: {Function: {Timeout: !Ref P}}\nParameters: {P: {Default: 3}}\nResources: {F: {Type: AWS::Serverless::Function}}",
		suppressedTemplate,
		"Metadata: {archlab: {ignore: [{rule: x, subjects: [Q, Q]}]}}\nResources: {Q: {Type: AWS::SQS::Queue, Metadata: {cfn-lint: {config: {ignore_checks: E1}}}}}",
	} {
		f.Add([]byte(s))
	}
	cat := design.Builtin()
	f.Fuzz(func(t *testing.T, data []byte) {
		imp, err := Import(data, "fuzz", cat)
		if err != nil {
			return
		}
		doc, err := json.Marshal(imp.Design)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		if _, err := design.Decode(doc, cat); err != nil {
			t.Fatalf("the imported design does not decode: %v\n%s", err, doc)
		}
		if _, err := SAM(imp.Design, cat); err != nil {
			t.Fatalf("the imported design does not export: %v", err)
		}
		_ = Mermaid(imp.Design)
	})
}

// FuzzSourceEdit imports arbitrary templates, edits the design and exports
// it back into its template: the export must never fail or panic, and
// must import again as the edited design.
//
//	go test ./iac -run '^$' -fuzz FuzzSourceEdit -fuzzminimizetime 0
func FuzzSourceEdit(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.yaml")
	more, _ := filepath.Glob("testdata/*.json")
	for _, file := range append(files, more...) {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, uint8(0))
		f.Add(data, uint8(3))
	}
	cat := design.Builtin()
	f.Fuzz(func(t *testing.T, data []byte, pick uint8) {
		imp, err := Import(data, "fuzz.yaml", cat)
		if err != nil || imp.Design.Source == nil {
			return
		}
		edits := sourceEdits(imp, map[string]string{})
		if len(edits) == 0 {
			return
		}
		edit := edits[int(pick)%len(edits)]
		d, _, err := design.Apply(imp.Design, edit.ops, cat)
		if err != nil {
			return // the edit does not apply to this design (an id taken)
		}
		out, _, err := SAMWithNotes(d, cat)
		if err != nil {
			t.Fatalf("%s: export: %v", edit.name, err)
		}
		again, err := Import(out, "fuzz.yaml", cat)
		if err != nil {
			t.Fatalf("%s: the export does not import: %v\n%s", edit.name, err, out)
		}
		if diff := designDiff(d, again.Design); diff != "" {
			t.Fatalf("%s: the export imports as another design:\n%s\n%s", edit.name, diff, out)
		}
	})
}
