package rules

import (
	"github.com/archlab/archlab/design"
)

// sfnExpressTooLong: an Express execution is stopped at 5 minutes, however
// far it got. What counts is how long a run takes: the expected duration
// the design gives, or the Wait states on one path through the definition,
// whose seconds every run down that path spends. A task's timeout is only
// a ceiling, not a run time, and says nothing of it.
type sfnExpressTooLong struct{}

func newSfnExpressTooLong() Rule { return sfnExpressTooLong{} }

func (sfnExpressTooLong) Meta() Meta {
	return Meta{
		ID:       "sfn-express-too-long",
		Title:    "Express workflow may run longer than Express allows",
		Severity: Error,
		Scope:    "block:stepfunctions",
	}
}

// expressMaxSeconds is the longest an Express execution may run.
var expressMaxSeconds = design.FactValue("stepfunctions.express-max-duration")

func (sfnExpressTooLong) Check(c *Context, report *Report) {
	for _, sm := range c.Kind("stepfunctions") {
		if !sfnIsExpress(c, sm) {
			continue
		}
		var why []string
		if d := c.Prop(sm, "ExpectedDurationSeconds"); d.Num() > expressMaxSeconds {
			why = append(why, "is expected to take "+d.Text())
		}
		if def, ok := sfnDefinition(sm); ok && def != nil {
			if w := sfnLongestWaits(def, 0); w.seconds > expressMaxSeconds {
				states := make([]string, len(w.states))
				for i, s := range w.states {
					states[i] = sfnQuote(s)
				}
				why = append(why, "its definition waits "+Value{V: w.seconds, Unit: "s"}.Text()+" on one path, in the Wait states "+
					joinIDs(states))
			}
		}
		if len(why) == 0 {
			continue
		}
		fix, advice := sfnToStandardFix(c, sm)
		report.Add(Finding{
			Subjects: []string{sm.ID},
			Message: c.Label(sm) + " is an Express workflow but " + joinIDs(why) + ": Express executions are stopped " +
				"after " + design.FactOf("stepfunctions.express-max-duration").Text() + " (" + humanSeconds(expressMaxSeconds) + "), wherever they are." + advice,
			Fix: fix,
		})
	}
}

// sfnWaits is the time a path through a definition surely spends in Wait
// states, and those states.
type sfnWaits struct {
	seconds float64
	states  []string
}

// sfnMaxDepth bounds how deeply nested Parallel and Map states are
// followed.
const sfnMaxDepth = 8

// sfnLongestWaits finds the path from a definition's start whose Wait
// states with a fixed Seconds add up to the most. Only what every run down
// the path spends is counted: a wait given by a path or a timestamp, a
// task, a retry count nothing. A Parallel state spends its longest branch;
// a Map state nothing, since it may get no items. A transition back to a
// state already on the path is not followed, so each path is one a run can
// take, and the sum is a floor of that run's time.
func sfnLongestWaits(def map[string]any, depth int) sfnWaits {
	states, _ := def["States"].(map[string]any)
	start, _ := def["StartAt"].(string)
	if states == nil || depth > sfnMaxDepth {
		return sfnWaits{}
	}
	memo := map[string]sfnWaits{}
	onPath := map[string]bool{}
	var from func(name string) sfnWaits
	from = func(name string) sfnWaits {
		if w, ok := memo[name]; ok {
			return w
		}
		st, ok := states[name].(map[string]any)
		if !ok || onPath[name] {
			return sfnWaits{}
		}
		onPath[name] = true
		var here sfnWaits
		switch st["Type"] {
		case "Wait":
			if s, ok := st["Seconds"].(float64); ok && s > 0 {
				here = sfnWaits{seconds: s, states: []string{name}}
			}
		case "Parallel":
			for _, sub := range sfnSubMachines(st) {
				if w := sfnLongestWaits(sub.def, depth+1); w.seconds > here.seconds {
					here = w
				}
			}
		}
		var best sfnWaits
		for _, next := range sfnNextStates(st) {
			if w := from(next); w.seconds > best.seconds {
				best = w
			}
		}
		onPath[name] = false
		out := sfnWaits{seconds: here.seconds + best.seconds}
		if out.seconds > 0 {
			out.states = append(append(make([]string, 0, len(here.states)+len(best.states)), here.states...), best.states...)
		}
		memo[name] = out
		return out
	}
	return from(start)
}

// sfnNextStates lists the states a state may go on to when it succeeds:
// Next, a Choice's rules and Default. Catchers are left out: they run only
// when something failed.
func sfnNextStates(st map[string]any) []string {
	var out []string
	if n, ok := st["Next"].(string); ok {
		out = append(out, n)
	}
	if st["Type"] == "Choice" {
		choices, _ := st["Choices"].([]any)
		for _, ch := range choices {
			if m, ok := ch.(map[string]any); ok {
				if n, ok := m["Next"].(string); ok {
					out = append(out, n)
				}
			}
		}
		if n, ok := st["Default"].(string); ok {
			out = append(out, n)
		}
	}
	return out
}
