package iac

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

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

// FuzzImportFS feeds ImportFS a template and two files it may reference
// (as a nested stack, a definition, an OpenAPI document or an include),
// with references that loop, escape the folder or name nothing: it must
// never panic or read outside the folder, and what it accepts must be a
// design the strict decoder accepts, located only in files it read.
//
//	go test ./iac -run '^$' -fuzz FuzzImportFS -fuzzminimizetime 0
func FuzzImportFS(f *testing.F) {
	stack := func(loc string) string {
		return "Resources:\n  S:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: " + loc + "\n      Parameters: {P: !GetAtt S.Outputs.O}\n  Q:\n    Type: AWS::SQS::Queue\nOutputs:\n  O: {Value: !GetAtt S.Outputs.O}\n"
	}
	for _, seed := range [][3]string{
		{string(project()["template.yaml"].Data), string(project()["orders/template.yaml"].Data), string(project()["api/openapi.yaml"].Data)},
		{stack("c.yaml"), stack("t.yaml"), "{}"},
		{stack("c.yaml"), stack("sub/d.json"), `{"Resources": {"X": {"Type": "AWS::CloudFormation::Stack", "Properties": {"TemplateURL": "../c.yaml"}}}}`},
		{stack("../../etc/passwd"), stack("/etc/passwd"), "{}"},
		{"Resources:\n  Fn::Transform: {Name: AWS::Include, Parameters: {Location: c.yaml}}\n", "Q: {Type: AWS::SQS::Queue}\n", "{}"},
		{"Resources:\n  M:\n    Type: AWS::Serverless::StateMachine\n    Properties: {DefinitionUri: sub/d.json, DefinitionSubstitutions: {A: !Ref M}}\n", "", `{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "${A}", "End": true}}}`},
		{"Resources:\n  A:\n    Type: AWS::Serverless::Application\n    Properties: {Location: c.yaml, Parameters: {P: !Ref A}}\n", "Parameters: {P: {Type: String}}\nResources:\n  F: {Type: AWS::Serverless::Function, Properties: {Events: {E: {Type: Api}}}}\nOutputs: {O: {Value: !Ref P}}\n", "{}"},
	} {
		f.Add([]byte(seed[0]), []byte(seed[1]), []byte(seed[2]))
	}
	cat := design.Builtin()
	f.Fuzz(func(t *testing.T, main, child, other []byte) {
		fsys := fstest.MapFS{"t.yaml": {Data: main}, "c.yaml": {Data: child}, "sub/d.json": {Data: other}}
		imp, err := ImportFS(fsys, "t.yaml", cat)
		if err != nil {
			return
		}
		for _, p := range imp.Files {
			if _, ok := fsys[p]; !ok {
				t.Fatalf("read %q, which is no file of the folder", p)
			}
		}
		for id, loc := range imp.Locations {
			if loc.File != "" && !slices.Contains(imp.Files, loc.File) {
				t.Fatalf("%s is located in %q, a file not read", id, loc.File)
			}
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
	})
}

// FuzzCloudFormation feeds the CloudFormation export arbitrary templates,
// straight and through an import: it may refuse them, but must never
// panic, and what it writes must parse and have no SAM type left.
//
//	go test ./iac -run '^$' -fuzz FuzzCloudFormation -fuzzminimizetime 0
func FuzzCloudFormation(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.yaml")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		cfnQueueWorker,
		"Transform: AWS::Serverless-2016-10-31\nGlobals: {Function: {Timeout: 3, Layers: [a]}}\nResources: {F: {Type: AWS::Serverless::Function, Properties: {InlineCode: x, Handler: h, Runtime: r, Layers: [b], AutoPublishAlias: live}}}",
		"Transform: AWS::Serverless-2016-10-31\nResources: {F: {Type: AWS::Serverless::Function, Properties: {CodeUri: s3://b/k, Events: {A: {Type: Api, Properties: {Path: /x/{id}, Method: any}}, H: {Type: HttpApi}}}}, O: {Type: AWS::SNS::Topic}}\nOutputs: {U: {Value: !Sub '${ServerlessRestApi}.${F.Alias}'}}",
		"Transform: [AWS::Serverless-2016-10-31, AWS::LanguageExtensions]\nResources: {T: {Type: AWS::Serverless::SimpleTable}, L: {Type: AWS::Serverless::LayerVersion, Properties: {ContentUri: ./l}}}",
	} {
		f.Add([]byte(s))
	}
	cat := design.Builtin()
	check := func(t *testing.T, out []byte) {
		root, err := parse(out)
		if err != nil {
			t.Fatalf("the export does not parse: %v\n%s", err, out)
		}
		for i, def := range root.get("Resources").vals {
			if typ := textOr(def.get("Type"), ""); strings.HasPrefix(typ, "AWS::Serverless::") {
				t.Fatalf("%s is still %s:\n%s", root.get("Resources").keys[i], typ, out)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if out, _, err := samToCloudFormation(data); err == nil && samTemplate(mustParse(data)) {
			check(t, out)
		}
		imp, err := Import(data, "fuzz", cat)
		if err != nil {
			return
		}
		if out, _, err := CloudFormation(imp.Design, cat); err == nil {
			check(t, out)
		}
	})
}

func mustParse(data []byte) *node {
	n, _ := parse(data)
	return n
}
