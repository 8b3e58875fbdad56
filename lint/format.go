package lint

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/archlab/archlab/rules"
)

// Text writes one line per finding, "file: severity rule subject: message",
// and a summary line.
func Text(w io.Writer, rs []Result) error {
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
	_, err := fmt.Fprintf(w, "%d errors, %d warnings, %d info\n", n[rules.Error], n[rules.Warning], n[rules.Info])
	return err
}

// JSON writes the findings as the JSON array of DESIGN.md's contract.
func JSON(w io.Writer, rs []Result) error {
	if rs == nil {
		rs = []Result{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rs)
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
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name"`
	ShortDescription     sarifText          `json:"shortDescription"`
	HelpURI              string             `json:"helpUri,omitempty"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	Properties           sarifProperties    `json:"properties"`
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

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations"`
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

// SARIF writes a SARIF 2.1.0 log. Every registered rule is described, with
// a help link to its page under baseURL, so that tools can explain findings.
func SARIF(w io.Writer, rs []Result, reg *rules.Registry, baseURL string) error {
	baseURL = strings.TrimRight(baseURL, "/")
	driver := sarifDriver{Name: "archlab", InformationURI: baseURL + "/"}
	index := map[string]int{}
	for i, m := range reg.Rules() {
		index[m.ID] = i
		driver.Rules = append(driver.Rules, sarifRule{
			ID: m.ID, Name: sarifName(m.ID), ShortDescription: sarifText{Text: m.Title},
			HelpURI:              baseURL + m.KB(),
			DefaultConfiguration: sarifConfiguration{Level: sarifLevel(m.Severity)},
			Properties:           sarifProperties{Tags: m.Equivalents},
		})
	}
	index[ImportNote] = len(driver.Rules)
	driver.Rules = append(driver.Rules, sarifRule{
		ID: ImportNote, Name: sarifName(ImportNote),
		ShortDescription:     sarifText{Text: "Part of the template is not modelled by archlab and was not checked"},
		DefaultConfiguration: sarifConfiguration{Level: "note"},
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
		results = append(results, sarifResult{RuleID: r.Rule, RuleIndex: index[r.Rule], Level: sarifLevel(r.Severity),
			Message: sarifText{Text: r.Message}, Locations: []sarifLocation{loc}})
	}
	log := sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{{Tool: sarifTool{Driver: driver}, Results: results}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
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
