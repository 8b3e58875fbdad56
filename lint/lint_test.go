package lint

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
)

func mustWrite(tb testing.TB, dir string, files map[string]string) {
	tb.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

func mustTemplate(tb testing.TB) string {
	tb.Helper()
	data, err := os.ReadFile("testdata/template.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	return string(data)
}

const designDoc = `{"format":"archlab/v1","title":"Orders","blocks":[
	{"id":"OrderQueue","kind":"sqs","props":{"VisibilityTimeout":10}},
	{"id":"Worker","kind":"lambda","props":{"Timeout":30}}],
	"connections":[{"id":"c1","from":"OrderQueue","to":"Worker"}]}`

func TestFilesFindsTemplatesAndDesigns(t *testing.T) {
	dir := t.TempDir()
	tmpl := mustTemplate(t)
	mustWrite(t, dir, map[string]string{
		"orders/template.yaml":             tmpl,
		"billing/template.yml":             tmpl,
		"legacy/template.json":             `{"Resources": {}}`,
		"designs/orders.archlab.json":      designDoc,
		"orders/samconfig.toml":            "",
		"orders/other.yaml":                tmpl,
		"node_modules/pkg/template.yaml":   tmpl,
		".aws-sam/build/template.yaml":     tmpl,
		"explicit/infra.yaml":              tmpl,
		"explicit/notes.json":              `{}`,
		"designs/orders.archlab.json.orig": designDoc,
	})
	got, err := Files([]string{dir, filepath.Join(dir, "explicit", "infra.yaml")})
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		got[i], _ = filepath.Rel(dir, got[i])
	}
	// orders/other.yaml is a template by its content; explicit/notes.json,
	// named by no pattern and holding no template, is checked only because
	// it was named.
	want := []string{"billing/template.yml", "designs/orders.archlab.json", "explicit/infra.yaml", "legacy/template.json", "orders/other.yaml", "orders/template.yaml"}
	if !slices.Equal(got, want) {
		t.Fatalf("Files = %v, want %v", got, want)
	}
}

func TestFileTemplate(t *testing.T) {
	l := &Linter{Rules: rules.Default(design.Builtin())}
	rs, err := l.File("testdata/template.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var visibility, note *Result
	for i, r := range rs {
		switch r.Rule {
		case "sqs-visibility-below-timeout":
			visibility = &rs[i]
		case ImportNote:
			note = &rs[i]
		}
	}
	if visibility == nil {
		t.Fatalf("no sqs-visibility-below-timeout finding in %+v", rs)
	}
	if visibility.Subjects[0] != "OrderQueue" || visibility.Line != 6 || visibility.Column != 3 || visibility.Severity != rules.Error {
		t.Errorf("finding = %+v, want OrderQueue at line 6, column 3", *visibility)
	}
	if note == nil || note.Severity != rules.Info || note.Line != 25 || !slices.Equal(note.Subjects, []string{"Alarms"}) ||
		!strings.Contains(note.Message, "AWS::CloudWatch::Alarm is not modelled") {
		t.Errorf("note = %+v, want an info import-note on Alarms at line 25", note)
	}
}

func TestFileTemplateInJSONAndAnyName(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, dir, map[string]string{
		"stack.json": `{"Resources": {
  "Jobs": {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": 5}},
  "Worker": {"Type": "AWS::Lambda::Function", "Properties": {"Timeout": 60, "Runtime": "nodejs22.x", "Handler": "i.h"}},
  "Mapping": {"Type": "AWS::Lambda::EventSourceMapping", "Properties": {"EventSourceArn": {"Fn::GetAtt": ["Jobs", "Arn"]}, "FunctionName": {"Ref": "Worker"}}}}}`,
		"design.json": designDoc,
	})
	l := &Linter{Rules: rules.Default(design.Builtin())}
	rs, err := l.File(filepath.Join(dir, "stack.json"))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rs {
		if r.Rule == "sqs-visibility-below-timeout" {
			found = true
			if !slices.Contains(r.Subjects, "Mapping") || r.Line != 2 {
				t.Errorf("finding = %+v, want subjects with the mapping's logical id, at line 2", r)
			}
		}
	}
	if !found {
		t.Fatalf("no finding in %+v", rs)
	}
	// A design document under any name is still read as one.
	rs, err = l.File(filepath.Join(dir, "design.json"))
	if err != nil || len(rs) == 0 || rs[0].Line != 0 {
		t.Fatalf("design.json: %v %+v", err, rs)
	}
}

func TestFileErrors(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, dir, map[string]string{
		"broken.archlab.json": `{"format":"archlab/v1",`,
		"template.json":       `{"NotATemplate": true}`,
	})
	l := &Linter{Rules: rules.Default(design.Builtin())}
	for name, want := range map[string]string{
		"broken.archlab.json": "line 1",
		"template.json":       "no Resources",
	} {
		_, err := l.File(filepath.Join(dir, name))
		var fe *FileError
		if err == nil || !strings.Contains(err.Error(), want) || !errors.As(err, &fe) {
			t.Errorf("%s: error %v, want a FileError containing %q", name, err, want)
		}
	}
}

func TestTextAndSARIFCarryLocations(t *testing.T) {
	reg := rules.Default(design.Builtin())
	l := &Linter{Rules: reg}
	rs, err := l.File("testdata/template.yaml")
	if err != nil {
		t.Fatal(err)
	}
	Sort(rs)
	var text bytes.Buffer
	if err := Text(&text, rs); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "testdata/template.yaml:6:3: error sqs-visibility-below-timeout OrderQueue,WorkerOrders: ") ||
		!strings.Contains(text.String(), "testdata/template.yaml:25:3: info import-note Alarms: AWS::CloudWatch::Alarm") {
		t.Errorf("text output:\n%s", text.String())
	}
	var out bytes.Buffer
	if err := SARIF(&out, rs, reg, "https://archlab.example.com"); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID      string `json:"id"`
						HelpURI string `json:"helpUri"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string } `json:"artifactLocation"`
						Region           *struct {
							StartLine   int `json:"startLine"`
							StartColumn int `json:"startColumn"`
						} `json:"region"`
					} `json:"physicalLocation"`
					LogicalLocations []struct{ Name, Kind string } `json:"logicalLocations"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(out.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || !strings.Contains(log.Schema, "sarif-2.1.0") || len(log.Runs) != 1 {
		t.Fatalf("SARIF header: %s %s", log.Schema, log.Version)
	}
	run := log.Runs[0]
	for _, r := range run.Results {
		if rule := run.Tool.Driver.Rules[r.RuleIndex]; rule.ID != r.RuleID {
			t.Errorf("result %s points at rule %s", r.RuleID, rule.ID)
		}
		loc := r.Locations[0]
		if loc.PhysicalLocation.Region == nil || loc.PhysicalLocation.Region.StartLine == 0 {
			t.Errorf("result %s has no region", r.RuleID)
		}
		if loc.PhysicalLocation.ArtifactLocation.URI != "testdata/template.yaml" || len(loc.LogicalLocations) == 0 {
			t.Errorf("result %s locations: %+v", r.RuleID, loc)
		}
		if r.RuleID == ImportNote && (r.Level != "note" || loc.PhysicalLocation.Region.StartLine != 25) {
			t.Errorf("import note: %+v", r)
		}
	}
}

// templates100 writes 100 templates, the importer's test templates over
// and over, each in a directory of its own as in a monorepo.
func templates100(tb testing.TB) string {
	tb.Helper()
	sources, _ := filepath.Glob("../iac/testdata/*.yaml")
	if len(sources) == 0 {
		tb.Fatal("no templates in ../iac/testdata")
	}
	dir := tb.TempDir()
	files := map[string]string{}
	for i := 0; i < 100; i++ {
		data, err := os.ReadFile(sources[i%len(sources)])
		if err != nil {
			tb.Fatal(err)
		}
		files[filepath.Join("services", "svc"+strconv.Itoa(i), "template.yaml")] = string(data)
	}
	mustWrite(tb, dir, files)
	return dir
}

// BenchmarkLint100Templates is archlab lint's work over 100 templates:
// finding them, importing and checking each, and writing SARIF.
func BenchmarkLint100Templates(b *testing.B) {
	dir := templates100(b)
	reg := rules.Default(design.Builtin())
	l := &Linter{Rules: reg}
	for b.Loop() {
		files, err := Files([]string{dir})
		if err != nil || len(files) != 100 {
			b.Fatalf("%d files: %v", len(files), err)
		}
		var all []Result
		for _, f := range files {
			rs, err := l.File(f)
			if err != nil {
				b.Fatal(err)
			}
			all = append(all, rs...)
		}
		Sort(all)
		if err := SARIF(io.Discard, all, reg, "http://localhost:8080"); err != nil {
			b.Fatal(err)
		}
	}
}

// A resource CloudFormation refuses is an error at its line, and the rest of
// the template is still checked.
func TestFileTemplateProblemsAreErrors(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, dir, map[string]string{"template.yaml": "Resources:\n  Orphan:\n    Properties: {StageName: prod}\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: jobs, FifoQueue: true}\n"})
	l := &Linter{Rules: rules.Default(design.Builtin())}
	rs, err := l.File(filepath.Join(dir, "template.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var problem, fifoName bool
	for _, r := range rs {
		switch r.Rule {
		case rules.TemplateInvalid.ID:
			problem = r.Severity == rules.Error && r.Line == 2 && slices.Equal(r.Subjects, []string{"Orphan"}) && slices.Contains(r.Equivalents, "cfn-lint:E3001")
		case "sqs-fifo-name":
			fifoName = true
		}
	}
	if !problem || !fifoName {
		t.Fatalf("want a template-invalid error at line 2 and the queue's own finding; got %+v", rs)
	}
}
