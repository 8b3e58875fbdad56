package rules

import (
	"encoding/json"
	"slices"
	"strings"
)

// eventBridgeSubscriberFilter: a Custom Event Bus subscriber filters with
// Classic's event pattern syntax, with two differences the user guide
// names: at most one filter per scope (DATA, METADATA, SYSTEM_METADATA),
// all of which an event must match, and no wildcard matching. A pattern
// carried over from a Classic rule that uses wildcards, or two filters on
// one scope, does not do on a subscriber what it did on the rule.
type eventBridgeSubscriberFilter struct{}

func newEventBridgeSubscriberFilter() Rule { return eventBridgeSubscriberFilter{} }

func (eventBridgeSubscriberFilter) Meta() Meta {
	return Meta{
		ID:       "eventbridge-subscriber-filter",
		Title:    "Subscriber filter the Custom Event Bus does not support",
		Severity: Warning,
		Scope:    "block:eventbridge-subscriber",
	}
}

// filterScopes are the scopes a subscriber's filter may have.
var filterScopes = []string{"DATA", "METADATA", "SYSTEM_METADATA"}

func (eventBridgeSubscriberFilter) Check(c *Context, report *Report) {
	for _, s := range c.Kind(kindSubscriber) {
		cfg, _ := c.Prop(s, "FilterConfiguration").V.(map[string]any)
		filters, _ := cfg["Filters"].([]any)
		var problems []string
		var dup, wildcard bool
		seen := map[string]bool{}
		for _, it := range filters {
			f, _ := it.(map[string]any)
			scope, _ := f["Scope"].(string)
			switch {
			case scope == "":
			case !slices.Contains(filterScopes, scope):
				problems = append(problems, "a filter has the scope "+scope+", which is none of "+joinIDs(filterScopes))
			case seen[scope]:
				dup = true
				problems = append(problems, "two filters have the scope "+scope+", and a subscriber takes at most one filter per scope")
			}
			seen[scope] = true
			if usesWildcard(f["Pattern"]) {
				wildcard = true
				problems = append(problems, "the "+scopeOr(scope)+" filter uses wildcard matching, "+
					"which Classic rule patterns allow and subscriber filters do not")
			}
		}
		if len(problems) == 0 {
			continue
		}
		msg := c.Label(s) + ": " + strings.Join(problems, "; ") + "."
		if dup {
			msg += " Merge the filters of one scope into one pattern: an event must match every filter anyway."
		}
		if wildcard {
			msg += " Write the wildcard as a prefix, suffix or anything-but match, which subscriber filters keep from " +
				"Classic's syntax."
		}
		report.Add(Finding{Subjects: []string{s.ID}, Message: msg})
	}
}

// scopeOr names a filter's scope for messages, or "unscoped".
func scopeOr(scope string) string {
	if scope == "" {
		return "unscoped"
	}
	return scope
}

// usesWildcard reports whether an event pattern (a JSON string, as
// CloudFormation writes it, or an object) uses the wildcard operator.
func usesWildcard(p any) bool {
	if s, ok := p.(string); ok {
		var v any
		if json.Unmarshal([]byte(s), &v) != nil {
			return false
		}
		p = v
	}
	switch v := p.(type) {
	case map[string]any:
		for k, x := range v {
			if k == "wildcard" || usesWildcard(x) {
				return true
			}
		}
	case []any:
		for _, x := range v {
			if usesWildcard(x) {
				return true
			}
		}
	}
	return false
}
