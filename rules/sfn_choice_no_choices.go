package rules

// sfnChoiceNoChoices: a Choice state must hold at least one choice rule;
// Step Functions refuses a definition whose Choice state has no Choices, or
// an empty list of them, in JSONPath and JSONata states alike.
type sfnChoiceNoChoices struct{}

func newSfnChoiceNoChoices() Rule { return sfnChoiceNoChoices{} }

func (sfnChoiceNoChoices) Meta() Meta {
	return Meta{
		ID:          "sfn-choice-no-choices",
		Title:       "Choice state without choice rules",
		Severity:    Error,
		Scope:       "block:stepfunctions",
		Equivalents: []string{"cfn-lint:E3601"},
	}
}

func (sfnChoiceNoChoices) Check(c *Context, report *Report) {
	for _, m := range sfnMachines(c) {
		if m.def == nil {
			continue // sfn-definition-invalid says it is not an object
		}
		var problems []string
		sfnWalk(m.def, nil, func(l *sfnLevel, name string, st map[string]any) {
			if typ, ok := sfnType(st); !ok || typ != "Choice" {
				return
			}
			state := l.where + "Choice state " + sfnQuote(name)
			switch choices, has := st["Choices"]; {
			case !has:
				problems = append(problems, state+" has no Choices")
			case isPlaceholderString(choices):
			default:
				list, isList := choices.([]any)
				switch {
				case !isList:
					problems = append(problems, state+"'s Choices is not a list of rules")
				case len(list) == 0:
					problems = append(problems, state+" has an empty Choices list")
				}
			}
		})
		if len(problems) == 0 {
			continue
		}
		report.Add(Finding{
			Subjects: []string{m.sm.ID},
			Message: c.Label(m.sm) + "'s Definition: " + sfnProblems(problems) + ". A Choice state needs at least one " +
				"choice rule (a condition and the state to go to), and Step Functions refuses the definition without one. " +
				"Add the rules the state branches on; a state that always goes to the same place is a Pass state with a Next.",
		})
	}
}
