package rules

import (
	"slices"
	"strings"

	"github.com/archlab/archlab/design"
)

// eventBridgeEventsV2IAMAction: the Custom Event Bus's API, CLI and
// endpoints are called eventsv2, but its IAM actions keep the events:
// prefix (events:PutEvents, events:PutRawEvents, events:CreateSubscriber).
// IAM accepts a policy naming eventsv2: actions, which match nothing: the
// grant is silently empty, and the calls it was written for are denied.
type eventBridgeEventsV2IAMAction struct{}

func newEventBridgeEventsV2IAMAction() Rule { return eventBridgeEventsV2IAMAction{} }

func (eventBridgeEventsV2IAMAction) Meta() Meta {
	return Meta{
		ID:       "eventbridge-eventsv2-iam-action",
		Title:    "IAM policy grants eventsv2: actions, which do not exist",
		Severity: Warning,
		Scope:    "block:lambda",
		OfGrants: true,
	}
}

// eventsV2Prefix is the prefix that names no IAM action.
const eventsV2Prefix = "eventsv2:"

func (eventBridgeEventsV2IAMAction) Check(c *Context, report *Report) {
	for _, k := range c.Cat.Kinds() {
		if k.Prop("Policies") == nil {
			continue
		}
		for _, b := range c.Kind(k.ID) {
			v := c.Prop(b, "Policies")
			found := sortedUnique(eventsV2Actions(v.V, nil))
			if len(found) == 0 {
				continue
			}
			report.Add(Finding{
				Subjects: []string{b.ID},
				Message:  c.Label(b) + "'s policies grant " + joinIDs(found) + eventsV2Why(found),
				Fix:      ops(setProps(b.ID, map[string]any{"Policies": renameEventsV2(v.V)})),
			})
		}
		for _, b := range c.Kind(k.ID) {
			for _, cn := range c.Out(b) {
				if cn.Integration != design.IntSDK {
					continue
				}
				v := c.ConnProp(cn, "Actions")
				found := sortedUnique(eventsV2Actions(v.V, nil))
				if len(found) == 0 {
					continue
				}
				report.Add(Finding{
					Subjects: []string{cn.ID, cn.From, cn.To},
					Message:  c.Label(b) + " → " + c.Label(c.To(cn)) + ": the role grants " + joinIDs(found) + eventsV2Why(found),
					Fix:      ops(setConnProps(cn.ID, map[string]any{"Actions": renameEventsV2(v.V)})),
				})
			}
		}
	}
}

// sortedUnique orders actions for messages and drops repeats.
func sortedUnique(list []string) []string {
	slices.Sort(list)
	return slices.Compact(list)
}

// eventsV2Why finishes the message after the actions found.
func eventsV2Why(found []string) string {
	return ", but no IAM action starts with eventsv2: the Custom Event Bus keeps EventBridge's events: prefix " +
		"(eventsv2 names only its endpoint, CLI and SDK client). IAM accepts the statement and it grants nothing, so " +
		"the calls it was written for fail with AccessDeniedException. Write " + joinIDs(renamedList(found)) + " instead."
}

// eventsV2Actions collects the eventsv2: actions a policy value names,
// under Action or NotAction keys at any depth, or in a list of actions.
func eventsV2Actions(v any, out []string) []string {
	switch v := v.(type) {
	case string:
		if isEventsV2Action(v) {
			out = append(out, v)
		}
	case []any:
		for _, it := range v {
			out = eventsV2Actions(it, out)
		}
	case map[string]any:
		for key, it := range v {
			switch key {
			case "Action", "NotAction":
				out = eventsV2Actions(it, out)
			case "Statement":
				out = eventsV2Actions(it, out)
			default:
				if m, ok := it.(map[string]any); ok {
					out = eventsV2Actions(m, out)
				} else if l, ok := it.([]any); ok {
					for _, x := range l {
						if _, isMap := x.(map[string]any); isMap {
							out = eventsV2Actions(x, out)
						}
					}
				}
			}
		}
	}
	return out
}

// isEventsV2Action reports whether an action starts with eventsv2:, in
// any case, as IAM compares prefixes.
func isEventsV2Action(s string) bool {
	return len(s) >= len(eventsV2Prefix) && strings.EqualFold(s[:len(eventsV2Prefix)], eventsV2Prefix)
}

// renameEventsV2 returns a copy of a policy value with every eventsv2:
// action renamed to its events: equivalent.
func renameEventsV2(v any) any {
	switch v := v.(type) {
	case string:
		if isEventsV2Action(v) {
			return "events:" + v[len(eventsV2Prefix):]
		}
		return v
	case []any:
		out := make([]any, len(v))
		for i, it := range v {
			out[i] = renameEventsV2(it)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for key, it := range v {
			switch key {
			case "Action", "NotAction", "Statement":
				out[key] = renameEventsV2(it)
			default:
				if _, ok := it.(string); ok {
					out[key] = it // a resource or a condition value keeps its text
				} else {
					out[key] = renameEventsV2(it)
				}
			}
		}
		return out
	}
	return v
}

// renamedList renames actions for the message.
func renamedList(found []string) []string {
	out := make([]string, len(found))
	for i, a := range found {
		out[i] = renameEventsV2(a).(string)
	}
	return out
}
