package lint

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
)

// mustSARIFSchema compiles the SARIF 2.1.0 JSON schema vendored in
// testdata/sarif (see its LICENSE and scripts/vendor-sarif-schema.sh).
func mustSARIFSchema(tb testing.TB) *jsonschema.Schema {
	tb.Helper()
	f, err := os.Open("testdata/sarif/sarif-2.1.0-rtm.5.json")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		tb.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("sarif-2.1.0.json", doc); err != nil {
		tb.Fatal(err)
	}
	sch, err := c.Compile("sarif-2.1.0.json")
	if err != nil {
		tb.Fatal(err)
	}
	return sch
}

// sarifResults lints the test templates, one with the findings its team
// accepts in Metadata, and suppresses one finding by a baseline.
func sarifResults(tb testing.TB, reg *rules.Registry) []Result {
	tb.Helper()
	l := &Linter{Rules: reg}
	var all []Result
	for _, f := range []string{"testdata/suppressed.yaml", "testdata/template.yaml"} {
		rs, err := l.File(f)
		if err != nil {
			tb.Fatal(err)
		}
		all = append(all, rs...)
	}
	Sort(all)
	b := &Baseline{Version: BaselineVersion, Findings: []BaselineEntry{{File: "template.yaml", Rule: "lambda-tracing", Subjects: []string{"Worker"}, Count: 1}}}
	if gone := b.Apply(all, "testdata", ".archlab-baseline.json"); gone != 0 {
		tb.Fatalf("the baseline's finding was not found (%d gone)", gone)
	}
	return all
}

func TestSARIFIsValidAndCarriesSuppressions(t *testing.T) {
	reg := rules.Default(design.Builtin())
	var out bytes.Buffer
	if err := SARIF(&out, sarifResults(t, reg), reg, "https://archlab.example.com/"); err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(out.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := mustSARIFSchema(t).Validate(doc); err != nil {
		t.Fatalf("the SARIF log is not valid SARIF 2.1.0: %v", err)
	}

	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID            string `json:"id"`
						HelpURI       string `json:"helpUri"`
						Relationships []struct {
							Target struct {
								ID            string                `json:"id"`
								Index         int                   `json:"index"`
								ToolComponent struct{ Name string } `json:"toolComponent"`
							} `json:"target"`
						} `json:"relationships"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Taxonomies []struct {
				Name string                `json:"name"`
				Taxa []struct{ ID string } `json:"taxa"`
			} `json:"taxonomies"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string } `json:"artifactLocation"`
					} `json:"physicalLocation"`
				} `json:"locations"`
				Suppressions []struct {
					Kind, Status, Justification string
				} `json:"suppressions"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(out.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]

	// Every rule links to its page, and its equivalents resolve to taxa.
	taxonomy := map[string][]string{}
	for _, tx := range run.Taxonomies {
		for _, taxon := range tx.Taxa {
			taxonomy[tx.Name] = append(taxonomy[tx.Name], taxon.ID)
		}
	}
	related := 0
	for _, r := range run.Tool.Driver.Rules {
		if m, ok := reg.Rule(r.ID); ok && r.HelpURI != "https://archlab.example.com/kb/rules/"+m.ID {
			t.Errorf("%s: helpUri %q", r.ID, r.HelpURI)
		}
		m, _ := reg.Rule(r.ID)
		if len(r.Relationships) != len(m.Equivalents) {
			t.Errorf("%s: %d relationships for equivalents %v", r.ID, len(r.Relationships), m.Equivalents)
		}
		for i, rel := range r.Relationships {
			taxa := taxonomy[rel.Target.ToolComponent.Name]
			if rel.Target.Index >= len(taxa) || taxa[rel.Target.Index] != rel.Target.ID ||
				rel.Target.ToolComponent.Name+":"+rel.Target.ID != m.Equivalents[i] {
				t.Errorf("%s: relationship %+v does not resolve to %s", r.ID, rel.Target, m.Equivalents[i])
			}
			related++
		}
	}
	if related == 0 || len(taxonomy["cfn-lint"]) == 0 {
		t.Fatalf("no relationships to other tools' rules (taxonomies %v)", taxonomy)
	}

	// Suppressed results are there, as suppressed: in the source with the
	// team's reason, or by the baseline.
	type key struct{ file, rule string }
	got := map[key]string{}
	for _, r := range run.Results {
		k := key{r.Locations[0].PhysicalLocation.ArtifactLocation.URI, r.RuleID}
		for _, s := range r.Suppressions {
			if s.Status != "accepted" {
				t.Errorf("%v: suppression status %q", k, s.Status)
			}
			got[k] = s.Kind + " " + s.Justification
		}
	}
	want := map[key]string{
		{"testdata/suppressed.yaml", "sqs-no-redrive"}:               "inSource messages are replayed from the source",
		{"testdata/suppressed.yaml", "lambda-tracing"}:               "inSource ",
		{"testdata/suppressed.yaml", "sqs-visibility-below-timeout"}: "inSource ",
		{"testdata/suppressed.yaml", ImportNote}:                     "inSource alarms are reviewed by the platform team",
		{"testdata/template.yaml", "lambda-tracing"}:                 "external recorded in the baseline .archlab-baseline.json",
	}
	if len(got) != len(want) {
		t.Errorf("suppressed results: %v\nwant %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%v: suppression %q, want %q", k, got[k], v)
		}
	}
}

// The schema test can fail: a log with a suppression of an unknown kind is
// refused.
func TestSARIFSchemaRefusesABadSuppression(t *testing.T) {
	reg := rules.Default(design.Builtin())
	rs := []Result{{File: "t.yaml", Rule: "lambda-tracing", Severity: rules.Info, Subjects: []string{"F"}, Message: "m",
		Suppressed: &Suppression{Kind: "forgotten"}}}
	var out bytes.Buffer
	if err := SARIF(&out, rs, reg, "http://localhost:8080"); err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(out.String()))
	if err != nil {
		t.Fatal(err)
	}
	if err := mustSARIFSchema(t).Validate(doc); err == nil || !strings.Contains(err.Error(), "suppressions") {
		t.Fatalf("a suppression of kind %q validated: %v", "forgotten", err)
	}
}
