// Package rules is archlab's rules engine: a registry of small rules that
// check a design's integration choices and properties, each finding carrying
// the numbers, its subjects, a knowledge-base page and, where possible, a fix.
//
// A rule is one file: a constructor returning a value whose Meta says what it
// is, and whose Check reports findings. registry.go lists every rule.
package rules

import (
	"sync"

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
	// OfGrants marks a rule about permissions themselves: the connections a
	// grant implies are what it checks, so its findings rest on the grant,
	// not on an inference.
	OfGrants bool `json:"-"`
}

// KB is the knowledge-base page of the rule.
func (m Meta) KB() string { return KBPath(m.ID) }

// Rule checks one thing about a design.
type Rule interface {
	Meta() Meta
	// Check reports the findings of this rule. Rules fill in Subjects,
	// Message and, when they can, Fix; the report adds what Meta says.
	Check(c *Context, report *Report)
}

// Report collects findings as rules make them. The rules of one check add
// to one list, rather than each returning its own to be copied into the
// whole: a large design has a thousand findings, and building lists twice
// was a fifth of what a check allocated.
type Report struct {
	meta     Meta
	kb       string
	findings []Finding
	keys     []sortKey // room for sorting the findings
	// context is the check's, for telling what findings rest on.
	context *Context
}

// Add reports findings of the rule being run, completing them with its id,
// severity, page and equivalents. A finding that rests only on inferred
// connections is at most a warning, whatever the rule's severity: an IAM
// grant or an environment variable is evidence of a call, not proof.
func (r *Report) Add(fs ...Finding) {
	for _, f := range fs {
		f.Rule, f.Severity, f.KB, f.Equivalents = r.meta.ID, r.meta.Severity, r.kb, r.meta.Equivalents
		if !f.Inferred && r.context != nil && !r.meta.OfGrants {
			r.restsOnInferred(&f)
		}
		if f.Inferred && f.Severity == Error {
			f.Severity = Warning
		}
		if f.Subjects == nil {
			f.Subjects = []string{}
		}
		r.findings = append(r.findings, f)
	}
}

// restsOnInferred marks a finding that names connections, all of them only
// inferred, and says so when the rule's message does not: whatever the
// rule, it then rests on evidence, not on what the design declares.
func (r *Report) restsOnInferred(f *Finding) {
	var inferred []*design.Connection
	for _, s := range f.Subjects {
		cn := r.context.inferredConnection(s)
		if cn == nil {
			continue
		}
		if !cn.Inferred() {
			return
		}
		inferred = append(inferred, cn)
	}
	if len(inferred) == 0 {
		return
	}
	f.Inferred = true
	f.Message += " This rests on what is only inferred: " + inferredWhy(r.context, inferred...) + "."
}

// reports keeps the lists of finished checks' reports for the next ones.
var reports = sync.Pool{New: func() any { return &Report{} }}

func pooledReport() *Report { return reports.Get().(*Report) }

// release empties the report, dropping what its findings refer to, and
// returns it to the pool.
func (r *Report) release() {
	clear(r.findings)
	r.findings = r.findings[:0]
	clear(r.keys)
	r.meta, r.kb, r.context = Meta{}, "", nil
	reports.Put(r)
}

// run runs a rule whose Meta is meta and page kb, its findings added to the
// report.
func (r *Report) run(rule Rule, meta Meta, kb string, c *Context) {
	r.meta, r.kb, r.context = meta, kb, c
	rule.Check(c, r)
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
	// Inferred marks a finding that rests only on connections inferred from
	// permissions or the environment; its message says so, and it is at
	// most a warning.
	Inferred bool `json:"inferred,omitempty"`
	// Accepted is the design's entry that accepts the finding, on the
	// findings Review returns as accepted.
	Accepted *design.Accepted `json:"accepted,omitempty"`
}

// KBPath is the knowledge-base page of a rule.
func KBPath(id string) string { return "/kb/rules/" + id }
