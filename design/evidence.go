package design

import (
	"slices"
	"strconv"
	"strings"
)

// Basis says what a connection rests on. A declared connection is wired by
// the design or template itself (an event source, a subscription, a rule's
// target); an inferred one is only evidence that a function may call
// something: its IAM permissions, a SAM policy template or connector, an
// environment variable that names the resource. A finding that rests only
// on inferred connections is at most a warning, and says so.
type Basis string

// The declared bases.
const (
	BasisDrawn              Basis = "drawn"                // drawn in the designer
	BasisEventSource        Basis = "event-source"         // a SAM event of a function or state machine, a rule's bus
	BasisEventSourceMapping Basis = "event-source-mapping" // an event source mapping or pipe source
	BasisSubscription       Basis = "subscription"         // an SNS subscription
	BasisTarget             Basis = "target"               // a rule's, schedule's, pipe's or subscriber's target
	BasisDestination        Basis = "destination"          // a destination, dead-letter queue or redrive policy
	BasisIntegration        Basis = "integration"          // an API integration, authorizer, origin, trigger, delivery
	BasisNotification       Basis = "notification"         // an S3 or SES notification
	BasisResolver           Basis = "resolver"             // an AppSync data source
	BasisTask               Basis = "task"                 // a state machine's task state
)

// The inferred bases.
const (
	BasisIAM            Basis = "iam"             // an IAM policy statement allows the actions
	BasisPolicyTemplate Basis = "policy-template" // a SAM policy template allows the actions
	BasisEnvironment    Basis = "environment"     // an environment variable names the resource
	BasisConnector      Basis = "connector"       // a SAM connector grants access
)

// Bases lists every basis, declared ones first.
var Bases = []Basis{BasisDrawn, BasisEventSource, BasisEventSourceMapping, BasisSubscription, BasisTarget,
	BasisDestination, BasisIntegration, BasisNotification, BasisResolver, BasisTask,
	BasisIAM, BasisPolicyTemplate, BasisEnvironment, BasisConnector}

// Inferred reports whether the basis is only evidence of a connection.
func (b Basis) Inferred() bool {
	switch b {
	case BasisIAM, BasisPolicyTemplate, BasisEnvironment, BasisConnector:
		return true
	}
	return false
}

// Evidence is one thing a connection rests on.
type Evidence struct {
	Basis Basis `json:"basis"`
	// Detail is what the template says: the IAM actions, the policy
	// template's name, the environment variable.
	Detail string `json:"detail,omitempty"`
}

// Limits on evidence: a connection rarely rests on more than a few things;
// a detail is at most MaxEvidenceDetail characters.
const (
	MaxEvidence       = 16
	MaxEvidenceDetail = 1024
)

// Inferred reports whether a connection rests only on inferred evidence.
// A connection without evidence was drawn, and drawing declares it.
func (c *Connection) Inferred() bool {
	if len(c.Evidence) == 0 {
		return false
	}
	for _, e := range c.Evidence {
		if !e.Basis.Inferred() {
			return false
		}
	}
	return true
}

// Because says in a phrase why an inferred connection was assumed, for
// findings that rest on it: "its role allows kinesis:PutRecord", "its
// environment names it (QUEUE_URL)". It is "" for a declared connection.
func (c *Connection) Because() string {
	if !c.Inferred() {
		return ""
	}
	var parts []string
	for _, e := range c.Evidence {
		var s string
		switch e.Basis {
		case BasisIAM:
			s = "its role allows " + orSomething(e.Detail, "access")
		case BasisPolicyTemplate:
			s = "the SAM policy template " + orSomething(e.Detail, "it uses") + " allows it"
		case BasisEnvironment:
			s = "its environment names it"
			if e.Detail != "" {
				s += " (" + e.Detail + ")"
			}
		case BasisConnector:
			s = "a SAM connector grants it " + orSomething(e.Detail, "access")
		}
		if s != "" && !slices.Contains(parts, s) {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "; ")
}

func orSomething(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// checkEvidence validates a connection's evidence.
func checkEvidence(ev []Evidence) error {
	if len(ev) > MaxEvidence {
		return Invalid("evidence", "holds %d entries; at most %d", len(ev), MaxEvidence)
	}
	for i, e := range ev {
		if err := e.Check(); err != nil {
			return within(fieldIndex("evidence", i), err)
		}
	}
	return nil
}

// Check validates one entry of evidence: a known basis and a detail of
// valid UTF-8 within MaxEvidenceDetail. Errors name the field (basis,
// detail).
func (e Evidence) Check() error {
	if !slices.Contains(Bases, e.Basis) {
		if e.Basis == "" {
			return Invalid("basis", "is required: one of %s", basisList())
		}
		return Invalid("basis", "%q is not a basis; use one of %s", e.Basis, basisList())
	}
	return checkMultiline("detail", e.Detail, MaxEvidenceDetail)
}

func basisList() string {
	names := make([]string, len(Bases))
	for i, b := range Bases {
		names[i] = string(b)
	}
	return strings.Join(names, ", ")
}

func fieldIndex(field string, i int) string {
	return field + "[" + strconv.Itoa(i) + "]"
}

// AddEvidence adds e to a connection's evidence unless it is there.
func (c *Connection) AddEvidence(e Evidence) {
	if !slices.Contains(c.Evidence, e) && len(c.Evidence) < MaxEvidence {
		c.Evidence = append(c.Evidence, e)
	}
}
