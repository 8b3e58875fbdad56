// Package rules is archlab's rules engine: a registry of small rules that
// check a design's integration choices and properties, each finding carrying
// the numbers, its subjects, a knowledge-base page and, where possible, a fix.
//
// A rule is one file: a constructor returning a value whose Meta says what it
// is, and whose Check reports findings. registry.go lists every rule.
package rules

import (
	"github.com/archlab/archlab/design"
)

// Severity says how bad a finding is.
type Severity string

// The severities, from worst to mildest.
const (
	// Error: AWS rejects it, or it cannot work.
	Error Severity = "error"
	// Warning: likely a bug or data loss.
	Warning Severity = "warning"
	// Info: a best practice.
	Info Severity = "info"
)

// Severities lists the severities from worst to mildest.
var Severities = []Severity{Error, Warning, Info}

// Rank orders severities: 0 for error, 1 for warning, 2 for info.
func (s Severity) Rank() int {
	switch s {
	case Error:
		return 0
	case Warning:
		return 1
	}
	return 2
}

// AtLeast reports whether s is as bad as min or worse.
func (s Severity) AtLeast(min Severity) bool { return s.Rank() <= min.Rank() }

// ParseSeverity reads a severity name.
func ParseSeverity(s string) (Severity, bool) {
	switch Severity(s) {
	case Error, Warning, Info:
		return Severity(s), true
	}
	return "", false
}

// Meta describes a rule.
type Meta struct {
	// ID is stable and kebab-case; it names the rule's page and fixtures.
	ID    string `json:"id"`
	Title string `json:"title"`
	// Severity of the rule's findings.
	Severity Severity `json:"severity"`
	// Scope says what the rule looks at: "block:lambda",
	// "connection:sqs→lambda", or "design" for whole-graph rules.
	Scope string `json:"scope"`
	// Equivalents name the rules of serverless-rules, cfn-lint and cdk-nag
	// that check the same thing ("cfn-lint:E3505").
	Equivalents []string `json:"equivalents,omitempty"`
}

// KB is the knowledge-base page of the rule.
func (m Meta) KB() string { return KBPath(m.ID) }

// Rule checks one thing about a design.
type Rule interface {
	Meta() Meta
	// Check reports the findings of this rule. Rules fill in Subjects,
	// Message and, when they can, Fix; the registry adds the rest.
	Check(c *Context) []Finding
}

// Finding is one problem found in a design.
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	// Subjects are the ids of the blocks and connections concerned.
	Subjects []string `json:"subjects"`
	Message  string   `json:"message"`
	// KB is the knowledge-base page that explains the rule.
	KB string `json:"kb"`
	// Equivalents name the matching rules of serverless-rules, cfn-lint and
	// cdk-nag ("cfn-lint:E3505").
	Equivalents []string `json:"equivalents,omitempty"`
	// Fix, when set, is the operations that resolve the finding.
	Fix design.Ops `json:"fix,omitempty"`
}

// KBPath is the knowledge-base page of a rule.
func KBPath(id string) string { return "/kb/rules/" + id }
