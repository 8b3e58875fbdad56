package rules

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
	for _, m := range sfnMachines(c) {
		var problems []string
		if m.def == nil {
			problems = []string{"it is not a JSON object"}
		} else {
			problems = sfnCheckMachine(m.def)
		}
		if len(problems) == 0 {
			continue
		}
		report.Add(Finding{
			Subjects: []string{m.sm.ID},
			Message:  c.Label(m.sm) + "'s Definition is invalid: " + sfnProblems(problems) + ". Step Functions refuses to create the state machine.",
		})
	}
}

// sfnStateTypes are the state types of the Amazon States Language.
var sfnStateTypes = map[string]bool{"Task": true, "Pass": true, "Choice": true, "Wait": true, "Succeed": true,
	"Fail": true, "Parallel": true, "Map": true}

// sfnCheckMachine checks the structure of a definition and of the machines
// nested in it (Parallel branches, Map processors). A name or type given by
// a ${name} placeholder is known only once deployed, and not judged.
func sfnCheckMachine(def map[string]any) []string {
	var problems []string
	sfnWalk(def, func(l *sfnLevel) {
		if len(l.states) == 0 {
			problems = append(problems, l.where+"it has no States")
		}
		start, isString := l.def["StartAt"].(string)
		switch {
		case !isString:
			problems = append(problems, l.where+"it has no StartAt")
		case l.states != nil && l.states[start] == nil && !isPlaceholder(start):
			problems = append(problems, l.where+"StartAt names "+sfnQuote(start)+", which is not one of its states")
		}
	}, func(l *sfnLevel, name string, st map[string]any) {
		where := l.where
		if st == nil {
			problems = append(problems, where+"state "+sfnQuote(name)+" is not an object")
			return
		}
		typ, _ := st["Type"].(string)
		if isPlaceholder(typ) {
			return
		}
		if !sfnStateTypes[typ] {
			if typ == "" {
				problems = append(problems, where+"state "+sfnQuote(name)+" has no Type")
			} else {
				problems = append(problems, where+"state "+sfnQuote(name)+" has the unknown Type "+sfnQuote(typ))
			}
			return
		}
		target := func(field string, v any) {
			s, isStr := v.(string)
			switch {
			case !isStr:
				problems = append(problems, where+"state "+sfnQuote(name)+"'s "+field+" is not a state name")
			case l.states[s] == nil && !isPlaceholder(s):
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
	})
	return problems
}
