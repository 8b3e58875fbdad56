package rules

import (
	"github.com/archlab/archlab/design"
)

// sfnExpressTooLong: an Express execution is stopped at 5 minutes, however
// far it got.
type sfnExpressTooLong struct{}

func newSfnExpressTooLong() Rule { return sfnExpressTooLong{} }

func (sfnExpressTooLong) Meta() Meta {
	return Meta{
		ID:       "sfn-express-too-long",
		Title:    "Express workflow may run longer than 5 minutes",
		Severity: Error,
		Scope:    "block:stepfunctions",
	}
}

// expressMaxSeconds is the longest an Express execution may run.
const expressMaxSeconds = 300

func (sfnExpressTooLong) Check(c *Context, report *Report) {
	for _, sm := range c.Kind("stepfunctions") {
		if !sfnIsExpress(c, sm) {
			continue
		}
		var why []string
		if d := c.Prop(sm, "ExpectedDurationSeconds"); d.Num() > expressMaxSeconds {
			why = append(why, "is expected to take "+d.Text())
		}
		for _, cn := range c.Out(sm) {
			if cn.Integration != design.IntTask {
				continue
			}
			if t := apiConnProp(c, cn, "TimeoutSeconds"); t.Num() > expressMaxSeconds {
				why = append(why, "lets its task on "+c.Label(c.To(cn))+" run for "+t.Text())
			}
		}
		if len(why) == 0 {
			continue
		}
		fix, advice := sfnToStandardFix(c, sm)
		report.Add(Finding{
			Subjects: []string{sm.ID},
			Message: c.Label(sm) + " is an Express workflow but " + joinIDs(why) + ": Express executions are stopped " +
				"after 5 minutes, wherever they are." + advice,
			Fix: fix,
		})
	}
}
