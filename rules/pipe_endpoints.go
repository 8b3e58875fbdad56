package rules

import (
	"strings"

	"github.com/archlab/archlab/design"
)

// pipeEndpoints: an EventBridge pipe connects exactly one source to exactly
// one target, with at most one enrichment in between; anything else cannot
// be created.
type pipeEndpoints struct{}

func newPipeEndpoints() Rule { return pipeEndpoints{} }

func (pipeEndpoints) Meta() Meta {
	return Meta{
		ID:       "pipe-endpoints",
		Title:    "Pipe without exactly one source and one target",
		Severity: Error,
		Scope:    "block:eventbridge-pipe",
	}
}

func (pipeEndpoints) Check(c *Context, report *Report) {
	for _, p := range c.Kind("eventbridge-pipe") {
		var sources, targets, enrichments []*design.Connection
		for _, cn := range c.In(p) {
			if cn.Integration == design.IntSource {
				sources = append(sources, cn)
			}
		}
		for _, cn := range c.Out(p) {
			switch cn.Integration {
			case design.IntTarget:
				targets = append(targets, cn)
			case design.IntEnrichment:
				enrichments = append(enrichments, cn)
			}
		}
		var problems []string
		switch {
		case len(sources) == 0:
			problems = append(problems, "no source")
		case len(sources) > 1:
			problems = append(problems, plural(len(sources), "source")+" ("+c.joinLabels(connFroms(sources))+")")
		}
		switch {
		case len(targets) == 0:
			problems = append(problems, "no target")
		case len(targets) > 1:
			problems = append(problems, plural(len(targets), "target")+" ("+c.joinLabels(targetIDs(targets))+")")
		}
		if len(enrichments) > 1 {
			problems = append(problems, plural(len(enrichments), "enrichment")+" ("+c.joinLabels(targetIDs(enrichments))+")")
		}
		if len(problems) == 0 {
			continue
		}
		report.Add(Finding{
			Subjects: []string{p.ID},
			Message: c.Label(p) + " has " + strings.Join(problems, " and ") + ": a pipe reads exactly one source and " +
				"delivers to exactly one target, with at most one enrichment in between, and EventBridge Pipes refuses " +
				"anything else. Use one pipe per source and target, or fan out after the pipe (to an SNS topic or an " +
				"event bus).",
		})
	}
}
