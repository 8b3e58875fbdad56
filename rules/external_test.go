package rules

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/archlab/archlab/design"
)

// everyTestDesign yields every design of the fixtures and golden files, with
// a name for messages.
func everyTestDesign(t *testing.T) map[string]*design.Design {
	t.Helper()
	cat := design.Builtin()
	out := map[string]*design.Design{}
	fixtures, _ := filepath.Glob(filepath.Join("testdata", "fixtures", "*.txtar"))
	for _, p := range fixtures {
		ar, err := txtar.ParseFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			if !strings.HasSuffix(f.Name, ".json") {
				continue
			}
			d, err := design.Decode(f.Data, cat)
			if err != nil {
				t.Fatalf("%s %s: %v", p, f.Name, err)
			}
			out[filepath.Base(p)+"/"+f.Name] = d
		}
	}
	return out
}

// findingKeys are the rule and subjects of each finding.
func findingKeys(fs []Finding) map[string]Finding {
	keys := make(map[string]Finding, len(fs))
	for _, f := range fs {
		keys[f.Rule+" "+strings.Join(f.Subjects, ",")] = f
	}
	return keys
}

// A block outside the design is present and unknown: knowing less about a
// design never makes a rule find more. For every test design and each of
// its blocks, the design with that block made external (its properties
// forgotten) reports no finding the design did not report.
func TestOutsideBlocksAddNoFindings(t *testing.T) {
	reg := testRegistry()
	cat := reg.Catalogue()
	for name, d := range everyTestDesign(t) {
		before := findingKeys(reg.Check(d))
		for i := range d.Blocks {
			outside := d.Clone()
			b := &outside.Blocks[i]
			b.Props = nil
			b.External = &design.External{Ref: "arn:aws:" + cat.ServiceOf(b) + ":eu-west-1:123456789012:" + b.ID}
			if err := outside.Validate(cat); err != nil {
				continue // a connection property named the block's forgotten props
			}
			for key, f := range findingKeys(reg.Check(outside)) {
				if _, ok := before[key]; !ok && !handedOver(f, b.ID, before) {
					t.Errorf("%s with %s outside the design: new finding %s %s: %s", name, b.ID, f.Severity, key, f.Message)
				}
			}
		}
	}
}

// handedOver reports whether a new finding is one another finding covered
// while the block made external was known.
func handedOver(f Finding, external string, before map[string]Finding) bool {
	for _, g := range before {
		// The same problem, now reported by a milder rule (a loop whose
		// filter became unknown), or the same rule's finding about fewer
		// of the same subjects (the external function dropped out).
		if slices.Equal(g.Subjects, f.Subjects) && g.Severity.Rank() <= f.Severity.Rank() {
			return true
		}
		if g.Rule == f.Rule && subset(f.Subjects, g.Subjects) {
			return true
		}
	}
	switch f.Rule {
	case "lambda-rds-no-proxy":
		// rds-connections-exhausted does the arithmetic instead of giving
		// this advice, while the database's MaxConnections is known.
		return slices.Contains(f.Subjects, external)
	case "sqs-visibility-6x":
		// sqs-visibility-below-timeout reported the queue while its slower
		// consumer was known.
		for _, g := range before {
			if g.Rule == "sqs-visibility-below-timeout" && g.Subjects[0] == f.Subjects[0] {
				return true
			}
		}
	}
	return false
}

func subset(a, b []string) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

// A finding that rests only on inferred connections is at most a warning,
// and says why the connection was assumed. For every test design whose
// connections from functions are SDK calls, the design with every such
// call inferred from IAM reports no error that names one of them, unless
// the error also stands without them.
func TestInferredCallsGiveNoErrors(t *testing.T) {
	reg := testRegistry()
	for name, d := range everyTestDesign(t) {
		inferred := d.Clone()
		var calls []string
		for i := range inferred.Connections {
			cn := &inferred.Connections[i]
			switch cn.Integration {
			case design.IntSDK, design.IntSQL, design.IntDataAPI:
				cn.Evidence = []design.Evidence{{Basis: design.BasisIAM, Detail: "a test grant"}}
				calls = append(calls, cn.ID)
			}
		}
		if len(calls) == 0 {
			continue
		}
		// The same design without those calls: errors found there do not
		// rest on them.
		without := d.Clone()
		without.Connections = slices.DeleteFunc(without.Connections, func(cn design.Connection) bool { return slices.Contains(calls, cn.ID) })
		stand := map[string]bool{}
		for _, f := range reg.Check(without) {
			if f.Severity == Error {
				stand[f.Rule+" "+f.Message] = true
				stand[f.Rule] = stand[f.Rule] || len(f.Subjects) == 0
			}
		}
		for _, f := range reg.Check(inferred) {
			if f.Severity != Error || stand[f.Rule+" "+f.Message] {
				continue
			}
			blocks := map[string]bool{}
			for _, id := range calls {
				cn := inferred.Connection(id)
				blocks[cn.From], blocks[cn.To] = true, true
			}
			rests := false
			for _, s := range f.Subjects {
				if slices.Contains(calls, s) {
					rests = true
				}
			}
			if !rests {
				// Whole-graph findings name blocks: they rest on the calls when
				// the same design without them does not report the rule.
				_, withoutToo := findingKeys(reg.Check(without))[f.Rule+" "+strings.Join(f.Subjects, ",")]
				rests = !withoutToo
			}
			if rests {
				t.Errorf("%s with its SDK calls inferred: %s is an error resting on them: %s", name, f.Rule, f.Message)
			}
		}
	}
}

// A SAM connector between two resources only grants permissions: the event
// source mapping, subscription or target it supports must be declared
// elsewhere. A connection only a connector shows is inferred, and nothing
// of its own configuration is known. For every test design and each of its
// connections (but calls from code), the design with that connection
// inferred from a connector, its properties unknown, reports no error that
// rests on it alone (every connection it names inferred) and no error the
// design did not report.
func TestConnectorOnlyConnectionsGiveNoErrors(t *testing.T) {
	reg := testRegistry()
	cat := reg.Catalogue()
	for name, d := range everyTestDesign(t) {
		before := findingKeys(reg.Check(d))
		for i := range d.Connections {
			if codeCall(&d.Connections[i]) {
				continue
			}
			inferred := d.Clone()
			cn := &inferred.Connections[i]
			cn.Props = nil
			cn.Evidence = []design.Evidence{{Basis: design.BasisConnector, Detail: "Write"}}
			if err := inferred.Validate(cat); err != nil {
				continue
			}
			for key, f := range findingKeys(reg.Check(inferred)) {
				if f.Severity != Error {
					continue
				}
				_, had := before[key]
				declared := false
				for _, s := range f.Subjects {
					if c := inferred.Connection(s); c != nil && !c.Inferred() {
						declared = true
					}
				}
				if slices.Contains(f.Subjects, cn.ID) && !declared || !had {
					t.Errorf("%s with %s only from a connector: error %s: %s", name, cn.ID, key, f.Message)
				}
			}
		}
	}
}
