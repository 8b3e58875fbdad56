package rules

import (
	"slices"
	"strings"
)

// sfnRetryCatchUnsupported: only Task, Parallel and Map states retry or
// catch errors. Step Functions refuses Retry or Catch on any other state: a
// Fail state, say, which ends the execution on purpose.
type sfnRetryCatchUnsupported struct{}

func newSfnRetryCatchUnsupported() Rule { return sfnRetryCatchUnsupported{} }

func (sfnRetryCatchUnsupported) Meta() Meta {
	return Meta{
		ID:          "sfn-retry-catch-unsupported",
		Title:       "Retry or Catch on a state that takes neither",
		Severity:    Error,
		Scope:       "block:stepfunctions",
		Equivalents: []string{"cfn-lint:E3601"},
	}
}

// sfnErrorHandlers are the state types that take Retry and Catch.
var sfnErrorHandlers = map[string]bool{"Task": true, "Parallel": true, "Map": true}

func (sfnRetryCatchUnsupported) Check(c *Context, report *Report) {
	for _, m := range sfnMachines(c) {
		if m.def == nil {
			continue // sfn-definition-invalid says it is not an object
		}
		type offender struct{ where, name string }
		var problems []string
		var offenders []offender
		catches, fails := false, false
		sfnWalk(m.def, nil, func(l *sfnLevel, name string, st map[string]any) {
			typ, ok := sfnType(st)
			if !ok || sfnErrorHandlers[typ] || !sfnStateTypes[typ] {
				return // an unknown type is sfn-definition-invalid's
			}
			var fields []string
			for _, f := range []string{"Retry", "Catch"} {
				if _, has := st[f]; has {
					fields = append(fields, f)
				}
			}
			if len(fields) == 0 {
				return
			}
			catches = catches || slices.Contains(fields, "Catch")
			fails = fails || typ == "Fail"
			offenders = append(offenders, offender{l.where, name})
			problems = append(problems, l.where+typ+" state "+sfnQuote(name)+" has "+strings.Join(fields, " and "))
		})
		if len(problems) == 0 {
			continue
		}
		msg := c.Label(m.sm) + "'s Definition: " + sfnProblems(problems) + ". Only Task, Parallel and Map states retry " +
			"or catch errors, and Step Functions refuses these fields on any other state."
		// Removing a Retry changes nothing an execution does. A Catch
		// names a state to go to, which may be reached no other way, so
		// its removal is left to the author.
		f := Finding{Subjects: []string{m.sm.ID}}
		if fails {
			msg += " A Fail state ends the execution on purpose: retry the state that fails before it instead."
		}
		if catches {
			msg += " Move each field to the state whose errors it means to handle."
		} else {
			msg += " Remove them, or move each to the state whose errors it means to handle."
			f.Fix = sfnRewrite(m.sm, m.def, func(def map[string]any) {
				sfnWalk(def, nil, func(l *sfnLevel, name string, st map[string]any) {
					if slices.Contains(offenders, offender{l.where, name}) {
						delete(st, "Retry")
					}
				})
			})
		}
		f.Message = msg
		report.Add(f)
	}
}
