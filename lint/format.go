package lint

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/archlab/archlab/rules"
)

// Text writes one line per finding, "file: severity rule subject: message",
// and a summary line; suppressed findings are left out, and counted on a
// line of their own when there are any.
func Text(w io.Writer, all []Result) error {
	rs := Reported(all)
	for _, r := range rs {
		loc := r.File
		if r.Line > 0 {
			loc = fmt.Sprintf("%s:%d:%d", r.File, r.Line, r.Column)
		}
		subject := ""
		if len(r.Subjects) > 0 {
			subject = " " + strings.Join(r.Subjects, ",")
		}
		if _, err := fmt.Fprintf(w, "%s: %s %s%s: %s\n", loc, r.Severity, r.Rule, subject, r.Message); err != nil {
			return err
		}
	}
	n := map[rules.Severity]int{}
	for _, r := range rs {
		n[r.Severity]++
	}
	if _, err := fmt.Fprintf(w, "%d errors, %d warnings, %d info\n", n[rules.Error], n[rules.Warning], n[rules.Info]); err != nil {
		return err
	}
	if line := suppressedLine(all); line != "" {
		_, err := fmt.Fprintln(w, line)
		return err
	}
	return nil
}

// suppressedLine counts the suppressed findings by where they are
// suppressed: "3 findings suppressed: 2 accepted in the files, 1 by the
// baseline".
func suppressedLine(rs []Result) string {
	n := map[string]int{}
	for _, r := range rs {
		if r.Suppressed != nil {
			n[r.Suppressed.Kind]++
		}
	}
	total := n[SuppressedInSource] + n[SuppressedExternal]
	if total == 0 {
		return ""
	}
	var parts []string
	if n[SuppressedInSource] > 0 {
		parts = append(parts, fmt.Sprintf("%d accepted in the files", n[SuppressedInSource]))
	}
	if n[SuppressedExternal] > 0 {
		parts = append(parts, fmt.Sprintf("%d by the baseline", n[SuppressedExternal]))
	}
	noun := "findings"
	if total == 1 {
		noun = "finding"
	}
	return fmt.Sprintf("%d %s suppressed: %s", total, noun, strings.Join(parts, ", "))
}

// JSON writes the findings as the JSON array of DESIGN.md's contract,
// leaving suppressed ones out.
func JSON(w io.Writer, all []Result) error {
	rs := Reported(all)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rs)
}

// JSONCapacity writes the findings and each file's capacity and cost
// figures as one object, {"findings": [...], "capacity": [...]}. Only
// --capacity asks for it: without it the output stays the array that
// DESIGN.md's contract describes, for the scripts that read it.
func JSONCapacity(w io.Writer, all []Result, figures []FileCapacity) error {
	if figures == nil {
		figures = []FileCapacity{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Findings []Result       `json:"findings"`
		Capacity []FileCapacity `json:"capacity"`
	}{Reported(all), figures})
}

// SARIF 2.1.0, the format code-scanning tools (GitHub, GitLab, Azure DevOps)
// read. Only the parts archlab fills in are modelled.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
	// Taxonomies are the other tools whose rules archlab's rules are
	// equivalent to, each listing the rule ids named (its "taxa").
	Taxonomies []sarifComponent `json:"taxonomies,omitempty"`
}

type sarifTool struct {
	Driver sarifComponent `json:"driver"`
}

// sarifComponent is a toolComponent: archlab as the driver, or another
// tool as a taxonomy.
type sarifComponent struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri,omitempty"`
	Rules          []sarifRule `json:"rules,omitempty"`
	Taxa           []sarifRule `json:"taxa,omitempty"`
}

type sarifRule struct {
	ID                   string              `json:"id"`
	Name                 string              `json:"name,omitempty"`
	ShortDescription     *sarifText          `json:"shortDescription,omitempty"`
	HelpURI              string              `json:"helpUri,omitempty"`
	DefaultConfiguration *sarifConfiguration `json:"defaultConfiguration,omitempty"`
	Relationships        []sarifRelationship `json:"relationships,omitempty"`
	Properties           *sarifProperties    `json:"properties,omitempty"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifProperties struct {
	Tags []string `json:"tags,omitempty"`
}

// sarifRelationship relates a rule to another tool's rule (a taxon).
type sarifRelationship struct {
	Target sarifReference `json:"target"`
	Kinds  []string       `json:"kinds"`
}

type sarifReference struct {
	ID            string             `json:"id"`
	Index         int                `json:"index"`
	ToolComponent sarifComponentName `json:"toolComponent"`
}

type sarifComponentName struct {
	Name string `json:"name"`
}

type sarifResult struct {
	RuleID       string             `json:"ruleId"`
	RuleIndex    int                `json:"ruleIndex"`
	Level        string             `json:"level"`
	Message      sarifText          `json:"message"`
	Locations    []sarifLocation    `json:"locations"`
	Suppressions []sarifSuppression `json:"suppressions,omitempty"`
}

// sarifSuppression marks a result the team suppressed; code scanning
// shows it as dismissed.
type sarifSuppression struct {
	Kind          string `json:"kind"`
	Status        string `json:"status"`
	Justification string `json:"justification,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical  `json:"physicalLocation"`
	LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

type sarifLogical struct {
	Name string `json:"name"`
	Kind string `json:"kind"`
}

// sarifLevel maps severities to SARIF levels.
func sarifLevel(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "error"
	case rules.Warning:
		return "warning"
	}
	return "note"
}

// toolURIs are the home pages of the tools whose rules equivalents name.
var toolURIs = map[string]string{
	"cfn-lint":         "https://github.com/aws-cloudformation/cfn-lint",
	"serverless-rules": "https://awslabs.github.io/serverless-rules/",
	"cdk-nag":          "https://github.com/cdklabs/cdk-nag",
}

// SARIF writes a SARIF 2.1.0 log. Every registered rule is described, with
// a help link to its page under baseURL, so that tools can explain
// findings, and with its equivalents as relationships to the rules of the
// other tools, which the run lists as taxonomies. Suppressed results are
// written with their suppression: inSource for what the file accepts,
// external for a baseline, with the team's reason as the justification.
func SARIF(w io.Writer, rs []Result, reg *rules.Registry, baseURL string) error {
	baseURL = strings.TrimRight(baseURL, "/")
	driver := sarifComponent{Name: "archlab", InformationURI: baseURL + "/"}
	taxonomies := newSARIFTaxonomies(reg.Rules())
	index := map[string]int{}
	for i, m := range reg.Rules() {
		index[m.ID] = i
		rule := sarifRule{
			ID: m.ID, Name: sarifName(m.ID), ShortDescription: &sarifText{Text: m.Title},
			HelpURI:              baseURL + m.KB(),
			DefaultConfiguration: &sarifConfiguration{Level: sarifLevel(m.Severity)},
			Relationships:        taxonomies.relationships(m.Equivalents),
		}
		if len(m.Equivalents) > 0 {
			rule.Properties = &sarifProperties{Tags: m.Equivalents}
		}
		driver.Rules = append(driver.Rules, rule)
	}
	index[ImportNote] = len(driver.Rules)
	driver.Rules = append(driver.Rules, sarifRule{
		ID: ImportNote, Name: sarifName(ImportNote),
		ShortDescription:     &sarifText{Text: "Part of the template is not modelled by archlab and was not checked"},
		DefaultConfiguration: &sarifConfiguration{Level: "note"},
	})
	results := []sarifResult{}
	for _, r := range rs {
		loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: sarifURI(r.File)}}}
		if r.Line > 0 {
			loc.PhysicalLocation.Region = &sarifRegion{StartLine: r.Line, StartColumn: r.Column}
		}
		for _, s := range r.Subjects {
			loc.LogicalLocations = append(loc.LogicalLocations, sarifLogical{Name: s, Kind: "resource"})
		}
		res := sarifResult{RuleID: r.Rule, RuleIndex: index[r.Rule], Level: sarifLevel(r.Severity),
			Message: sarifText{Text: r.Message}, Locations: []sarifLocation{loc}}
		if s := r.Suppressed; s != nil {
			res.Suppressions = []sarifSuppression{{Kind: s.Kind, Status: "accepted", Justification: s.Justification}}
		}
		results = append(results, res)
	}
	log := sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{{Tool: sarifTool{Driver: driver}, Results: results, Taxonomies: taxonomies.components}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}

// sarifTaxonomies are the other tools equivalents name ("cfn-lint:E3505"),
// one toolComponent each, with their rule ids as taxa in sorted order.
type sarifTaxonomies struct {
	components []sarifComponent
	// at maps "tool:id" to its tool's and its taxon's positions.
	at map[string][2]int
}

func newSARIFTaxonomies(metas []rules.Meta) *sarifTaxonomies {
	ids := map[string][]string{}
	for _, m := range metas {
		for _, e := range m.Equivalents {
			if tool, id, ok := strings.Cut(e, ":"); ok && !slices.Contains(ids[tool], id) {
				ids[tool] = append(ids[tool], id)
			}
		}
	}
	t := &sarifTaxonomies{at: map[string][2]int{}}
	for _, tool := range slices.Sorted(maps.Keys(ids)) {
		c := sarifComponent{Name: tool, InformationURI: toolURIs[tool]}
		slices.Sort(ids[tool])
		for i, id := range ids[tool] {
			c.Taxa = append(c.Taxa, sarifRule{ID: id})
			t.at[tool+":"+id] = [2]int{len(t.components), i}
		}
		t.components = append(t.components, c)
	}
	return t
}

// relationships relates a rule to its equivalents' taxa.
func (t *sarifTaxonomies) relationships(equivalents []string) []sarifRelationship {
	var out []sarifRelationship
	for _, e := range equivalents {
		at, ok := t.at[e]
		if !ok {
			continue
		}
		c := t.components[at[0]]
		out = append(out, sarifRelationship{
			Target: sarifReference{ID: c.Taxa[at[1]].ID, Index: at[1], ToolComponent: sarifComponentName{Name: c.Name}},
			Kinds:  []string{"relevant"},
		})
	}
	return out
}

// sarifName turns "sqs-visibility-6x" into "SqsVisibility6x", the
// PascalCase SARIF suggests for rule names.
func sarifName(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

// sarifURI makes a file path a relative URI with forward slashes.
func sarifURI(path string) string {
	return strings.ReplaceAll(strings.TrimPrefix(path, "./"), "\\", "/")
}
