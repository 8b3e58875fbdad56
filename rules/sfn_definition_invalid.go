package rules

import (
	"strings"
)

// sfnDefinitionInvalid: Step Functions refuses a definition whose start
// state or transitions name states that do not exist, whose states do not
// say where to go next, or whose state types are unknown.
type sfnDefinitionInvalid struct{}

func newSfnDefinitionInvalid() Rule { return sfnDefinitionInvalid{} }

func (sfnDefinitionInvalid) Meta() Meta {
	return Meta{
		ID:          "sfn-definition-invalid",
		Title:       "Invalid state machine definition",
		Severity:    Error,
		Scope:       "block:stepfunctions",
		Equivalents: []string{"cfn-lint:E3601"},
	}
}

// sfnMaxProblems bounds how many problems one finding lists.
const sfnMaxProblems = 4

func (sfnDefinitionInvalid) Check(c *Context, report *Report) {
	for _, sm := range c.Kind("stepfunctions") {
		def, ok := sfnDefinition(sm)
		if !ok {
			continue
		}
		var problems []string
		if def == nil {
			problems = []string{"it is not a JSON object"}
		} else {
			problems = sfnCheckMachine(def, "", nil)
		}
		if len(problems) == 0 {
			continue
		}
		msg := c.Label(sm) + "'s Definition is invalid: " + strings.Join(problems[:min(len(problems), sfnMaxProblems)], "; ")
		if extra := len(problems) - sfnMaxProblems; extra > 0 {
			msg += "; and " + plural(extra, "more problem")
		}
		report.Add(Finding{
			Subjects: []string{sm.ID},
			Message:  msg + ". Step Functions refuses to create the state machine.",
		})
	}
}

// sfnStateTypes are the state types of the Amazon States Language.
var sfnStateTypes = map[string]bool{"Task": true, "Pass": true, "Choice": true, "Wait": true, "Succeed": true,
	"Fail": true, "Parallel": true, "Map": true}

// sfnCheckMachine checks a state machine or a nested one (a Parallel branch,
// a Map's iterator); where prefixes its problems.
func sfnCheckMachine(def map[string]any, where string, problems []string) []string {
	states, ok := def["States"].(map[string]any)
	if !ok || len(states) == 0 {
		problems = append(problems, where+"it has no States")
	}
	start, isString := def["StartAt"].(string)
	switch {
	case !isString:
		problems = append(problems, where+"it has no StartAt")
	case ok && states[start] == nil:
		problems = append(problems, where+"StartAt names "+sfnQuote(start)+", which is not one of its states")
	}
	for _, name := range sfnSortedKeys(states) {
		st, isObject := states[name].(map[string]any)
		if !isObject {
			problems = append(problems, where+"state "+sfnQuote(name)+" is not an object")
			continue
		}
		typ, _ := st["Type"].(string)
		if !sfnStateTypes[typ] {
			if typ == "" {
				problems = append(problems, where+"state "+sfnQuote(name)+" has no Type")
			} else {
				problems = append(problems, where+"state "+sfnQuote(name)+" has the unknown Type "+sfnQuote(typ))
			}
			continue
		}
		target := func(field string, v any) {
			s, isStr := v.(string)
			switch {
			case !isStr:
				problems = append(problems, where+"state "+sfnQuote(name)+"'s "+field+" is not a state name")
			case states[s] == nil:
				problems = append(problems, where+"state "+sfnQuote(name)+"'s "+field+" names "+sfnQuote(s)+", which is not a state")
			}
		}
		next, hasNext := st["Next"]
		if hasNext {
			target("Next", next)
		}
		switch typ {
		case "Choice":
			choices, _ := st["Choices"].([]any)
			for _, ch := range choices {
				if m, isMap := ch.(map[string]any); isMap {
					if n, has := m["Next"]; has {
						target("choice Next", n)
					}
				}
			}
			if d, has := st["Default"]; has {
				target("Default", d)
			}
		case "Succeed", "Fail":
		default:
			if !hasNext && st["End"] != true {
				problems = append(problems, where+"state "+sfnQuote(name)+" has neither Next nor End true")
			}
		}
		catches, _ := st["Catch"].([]any)
		for _, ca := range catches {
			if m, isMap := ca.(map[string]any); isMap {
				target("Catch Next", m["Next"])
			}
		}
		for _, sub := range sfnSubMachines(st) {
			problems = sfnCheckMachine(sub.def, where+"in state "+sfnQuote(name)+" "+sub.where+", ", problems)
		}
	}
	return problems
}
