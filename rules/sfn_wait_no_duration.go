package rules

import "strings"

// sfnWaitNoDuration: a Wait state says how long it waits with exactly one
// of Seconds, Timestamp, SecondsPath or TimestampPath; JSONata states take
// only Seconds or Timestamp (either may be an expression). Step Functions
// refuses a Wait state with none of them, or with more than one.
type sfnWaitNoDuration struct{}

func newSfnWaitNoDuration() Rule { return sfnWaitNoDuration{} }

func (sfnWaitNoDuration) Meta() Meta {
	return Meta{
		ID:       "sfn-wait-no-duration",
		Title:    "Wait state without a duration",
		Severity: Error,
		Scope:    "block:stepfunctions",
	}
}

// sfnWaitFields are the fields that give a Wait state its duration; the
// paths are JSONPath only.
var sfnWaitFields = []string{"Seconds", "Timestamp", "SecondsPath", "TimestampPath"}

func (sfnWaitNoDuration) Check(c *Context, report *Report) {
	for _, m := range sfnMachines(c) {
		if m.def == nil {
			continue // sfn-definition-invalid says it is not an object
		}
		var problems []string
		sfnWalk(m.def, nil, func(l *sfnLevel, name string, st map[string]any) {
			if typ, ok := sfnType(st); !ok || typ != "Wait" {
				return
			}
			var given []string
			for _, f := range sfnWaitFields {
				if _, has := st[f]; has {
					given = append(given, f)
				}
			}
			state := l.where + "Wait state " + sfnQuote(name)
			jsonata := l.jsonata(st)
			switch {
			case len(given) == 0:
				problems = append(problems, state+" has no duration")
			case len(given) > 1:
				problems = append(problems, state+" gives "+strings.Join(given, " and ")+", where it takes exactly one")
			case jsonata && strings.HasSuffix(given[0], "Path"):
				problems = append(problems, state+" is a JSONata state, which takes no "+given[0]+
					" (use "+strings.TrimSuffix(given[0], "Path")+" with a JSONata expression)")
			}
		})
		if len(problems) == 0 {
			continue
		}
		report.Add(Finding{
			Subjects: []string{m.sm.ID},
			Message: c.Label(m.sm) + "'s Definition: " + sfnProblems(problems) + ". A Wait state needs exactly one of " +
				"Seconds, Timestamp, SecondsPath or TimestampPath (Seconds or Timestamp in JSONata states), and Step " +
				"Functions refuses the definition otherwise. Say how long the state waits, or until when.",
		})
	}
}
