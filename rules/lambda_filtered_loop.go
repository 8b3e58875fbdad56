package rules

import (
	"encoding/json"

	"github.com/archlab/archlab/design"
)

// lambdaFilteredLoop: a loop Lambda does not stop, whose only brake is an
// event filter.
//
// The common case is choreography on one EventBridge bus: a service reacts
// to OrderPlaced and publishes PaymentTaken back to the same bus. When the
// rule picks events by source or detail-type, fields the publisher names
// on every event it puts, the arrows close a circle nothing goes round:
// the loop turns only if the code publishes the very name it listens for,
// which no template shows. That is reported only when something in the
// design says the function does (its environment holds the names the
// pattern matches). A filter on anything else (a stream's FilterCriteria,
// a pattern on the event's detail, a rule outside the design) may well
// match what the function writes, so archlab asks instead of refusing; a
// rule or pipe outside the design has a filter nobody here can read, and
// is left alone.
type lambdaFilteredLoop struct{}

func newLambdaFilteredLoop() Rule { return lambdaFilteredLoop{} }

func (lambdaFilteredLoop) Meta() Meta {
	return Meta{
		ID:       "lambda-filtered-loop",
		Title:    "Loop that only an event filter keeps from turning",
		Severity: Warning,
		Scope:    "design",
	}
}

func (lambdaFilteredLoop) Check(c *Context, report *Report) {
	unbraked := memo(c, "lambda-unbraked-loops", func() [][]*design.Block { return unbrakedCycles(c) })
	for i, lp := range memo(c, "lambda-loops", func() []lambdaLoop { return lambdaLoops(c) }) {
		if len(lp.uncovered) == 0 {
			continue // Lambda stops it: lambda-recursive-loop
		}
		if unbraked[i] != nil {
			continue // nothing stops it: lambda-undetected-loop
		}
		if outsideFilter(c, lp.cycle) {
			continue // a brake whose filter is unknown: nothing to say of it
		}
		filters := loopFilters(c, lp.cycle)
		inferred := loopInferred(c, lp.cycle)
		if rule, named := publisherSelectingRule(c, lp.cycle); rule != nil {
			// Choreography: the rule selects by the names publishers
			// give their events. Only a function seen to carry those
			// very names is worth a word.
			fn, values := publishesWhatRuleMatches(c, lp.cycle, named)
			if fn == nil {
				continue
			}
			report.Add(Finding{
				Subjects: blockIDs(lp.blocks),
				Message: loopText(c, lp.cycle) + " closes a loop that Lambda's recursion detection does not follow, " +
					"and only the EventPattern of " + c.Label(rule) + " keeps it from turning. That pattern picks events by " +
					joinIDs(fieldNames(named)) + ", and " + c.Label(fn) + "'s environment holds " + joinIDs(quoteAll(values)) +
					", which the pattern matches: if the function publishes with " + itThem(len(values)) + ", every event " +
					"it puts comes back to invoke it, and every turn bills invocations until someone notices. Publish " +
					"under a name of the function's own (its service as source, what happened as detail-type), one the " +
					"rule does not listen for." + loopInferredText(c, inferred),
				Inferred: len(inferred) > 0,
			})
			continue
		}
		how := "for example by marking the changes the function makes itself and filtering them out"
		for _, b := range lp.cycle {
			if b.Kind == "eventbridge-rule" && c.Prop(b, "EventPattern").Set() {
				how = "for example by listing the sources or detail-types the rule listens for, and publishing " +
					"what the function sends under names not on that list"
			}
		}
		report.Add(Finding{
			Subjects: blockIDs(lp.blocks),
			Message: loopText(c, lp.cycle) + " closes a loop that Lambda's recursion detection does not follow. Only " +
				joinIDs(filters) + " keeps it from turning forever: make sure nothing the functions on it send can " +
				"match, " + how + ". If it ever matches, every turn bills invocations until someone notices." +
				loopInferredText(c, inferred),
			Inferred: len(inferred) > 0,
		})
	}
}

// outsideFilter reports whether a cycle passes a rule or pipe outside the
// design: its filter is unknown, and most likely there.
func outsideFilter(c *Context, cycle []*design.Block) bool {
	for _, b := range cycle {
		if (b.Kind == "eventbridge-rule" || b.Kind == "eventbridge-pipe") && c.External(b) {
			return true
		}
	}
	return false
}

// publisherFields are the fields of an event its publisher names in every
// PutEvents entry (Source and DetailType), as event patterns spell them.
var publisherFields = []string{"source", "detail-type"}

// publisherSelectingRule returns the first EventBridge rule of a cycle,
// inside the design, whose EventPattern lists the sources or detail-types
// it matches, with those names by field. A field matched otherwise (a
// prefix, anything-but, a wildcard) matches a family of names that may
// hold the function's own, and does not count.
func publisherSelectingRule(c *Context, cycle []*design.Block) (*design.Block, map[string][]string) {
	for _, b := range cycle {
		if b.Kind != "eventbridge-rule" || c.External(b) {
			continue
		}
		pattern := eventPattern(c.Prop(b, "EventPattern").V)
		if pattern == nil {
			continue
		}
		var named map[string][]string
		for _, field := range publisherFields {
			matchers, ok := pattern[field].([]any)
			if !ok || len(matchers) == 0 {
				continue
			}
			exact := make([]string, 0, len(matchers))
			for _, m := range matchers {
				if s, ok := m.(string); ok {
					exact = append(exact, s)
				}
			}
			if len(exact) < len(matchers) {
				continue // a prefix, anything-but, wildcard: not a list of names
			}
			if named == nil {
				named = map[string][]string{}
			}
			named[field] = exact
		}
		if named != nil {
			return b, named
		}
	}
	return nil, nil
}

// eventPattern reads an EventPattern given as an object or as its JSON
// text; nil when it is neither.
func eventPattern(v any) map[string]any {
	switch x := v.(type) {
	case map[string]any:
		return x
	case string:
		var m map[string]any
		if json.Unmarshal([]byte(x), &m) == nil {
			return m
		}
	}
	return nil
}

// publishesWhatRuleMatches looks for a function on a cycle whose
// environment holds, for every field a pattern selects by, a value the
// pattern lists: the names it would publish its events with, if it reads
// them from there. It returns the function and those values.
func publishesWhatRuleMatches(c *Context, cycle []*design.Block, named map[string][]string) (*design.Block, []string) {
	for _, fn := range cycle {
		if fn.Kind != "lambda" {
			continue
		}
		vars, ok := lambdaEnvVars(c, fn)
		if !ok {
			continue
		}
		var found []string
		for _, field := range publisherFields {
			values, selects := named[field]
			if !selects {
				continue
			}
			hit := ""
			for _, want := range values {
				for _, v := range vars {
					if s, ok := v.(string); ok && s == want {
						hit = want
						break
					}
				}
				if hit != "" {
					break
				}
			}
			if hit == "" {
				found = nil
				break
			}
			found = append(found, hit)
		}
		if len(found) > 0 {
			return fn, found
		}
	}
	return nil, nil
}

// fieldNames lists the fields a pattern selects by, in their usual order.
func fieldNames(named map[string][]string) []string {
	var out []string
	for _, f := range publisherFields {
		if _, ok := named[f]; ok {
			out = append(out, f)
		}
	}
	return out
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = `"` + s + `"`
	}
	return out
}

func itThem(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}
