package lint

import (
	"strings"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
)

// The kinds of suppression, named as SARIF names them: what the file
// itself says (a template's Metadata, a design's accepted list), and what
// a baseline beside it says.
const (
	SuppressedInSource = "inSource"
	SuppressedExternal = "external"
)

// Suppression says why a result is not reported.
type Suppression struct {
	// Kind is SuppressedInSource or SuppressedExternal.
	Kind string
	// Justification is the team's reason, when it gave one.
	Justification string
}

// Reported returns the results that are not suppressed: what text and JSON
// output show, and what decides the exit code.
func Reported(rs []Result) []Result {
	out := make([]Result, 0, len(rs))
	for _, r := range rs {
		if r.Suppressed == nil {
			out = append(out, r)
		}
	}
	return out
}

// everyFinding checks a design and returns all its findings, the ones it
// accepts too: lint reports them as suppressed, and SARIF carries them.
func everyFinding(reg *rules.Registry, d *design.Design) []rules.Finding {
	open, accepted := reg.Review(d)
	return append(open, accepted...)
}

// accept marks the results of d that an accepted list accepts
// (design.AcceptedIn): the design's own list, or what a template's
// Metadata accepts, which also covers the import's notes about resources
// archlab does not model.
func accept(rs []Result, list []design.Accepted, d *design.Design) []Result {
	if len(list) == 0 {
		return rs
	}
	accepts := design.AcceptedIn(list, d, design.Today())
	for i := range rs {
		r := &rs[i]
		if r.Suppressed != nil {
			continue
		}
		if a := accepts(r.Rule, r.Equivalents, r.Subjects, r.Message); a != nil {
			r.Suppressed = &Suppression{Kind: SuppressedInSource, Justification: justification(a)}
		}
	}
	return rs
}

// justification is why an entry accepts a finding, as SARIF carries it:
// the reason, and who accepted it and until when, when the entry says.
func justification(a *design.Accepted) string {
	var who []string
	if a.By != "" {
		who = append(who, "accepted by "+a.By)
	}
	if a.Until != "" {
		who = append(who, "until "+a.Until)
	}
	if len(who) == 0 {
		return a.Reason
	}
	if a.Reason == "" {
		return strings.Join(who, ", ")
	}
	return a.Reason + " (" + strings.Join(who, ", ") + ")"
}
