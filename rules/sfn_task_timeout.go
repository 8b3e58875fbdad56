package rules

import (
	"math"

	"github.com/archlab/archlab/design"
)

// sfnTaskTimeout: a task without TimeoutSeconds has no timeout of its own,
// so a lost response leaves the execution stuck until the execution itself
// times out; a task timeout shorter than the function's lets the workflow
// move on (or retry) while the function still runs.
type sfnTaskTimeout struct{}

func newSfnTaskTimeout() Rule { return sfnTaskTimeout{} }

func (sfnTaskTimeout) Meta() Meta {
	return Meta{
		ID:       "sfn-task-timeout",
		Title:    "Lambda task without a fitting timeout",
		Severity: Warning,
		Scope:    "connection:stepfunctions→lambda",
	}
}

// sfnTaskMargin is what a task timeout adds to the function's timeout for
// the invocation itself.
const sfnTaskMargin = 10

func (sfnTaskTimeout) Check(c *Context, report *Report) {
	for _, cn := range c.Links("stepfunctions", "lambda", design.IntTask) {
		sm, fn := c.From(cn), c.To(cn)
		task := c.ConnProp(cn, "TimeoutSeconds")
		fnTimeout := c.Prop(fn, "Timeout")
		callback := c.ConnProp(cn, "IntegrationPattern").Str() == "wait-for-task-token"
		head := c.Label(sm) + " → " + c.Label(fn) + ": "
		var msg string
		switch {
		case !task.Present():
			limit := "a year, the longest a Standard execution runs"
			if sfnIsExpress(c, sm) {
				limit = humanSeconds(expressMaxSeconds) + ", when the Express execution is stopped"
			}
			msg = head + "the task has no TimeoutSeconds, so it has no timeout of its own: if "
			if callback {
				msg += "the callback never comes"
			} else {
				msg += "the function's response is lost"
			}
			msg += ", the execution waits for up to " + limit + "."
		case !callback && task.Num() < fnTimeout.Num():
			msg = head + "TimeoutSeconds " + task.Text() + " is shorter than the function's Timeout " + fnTimeout.Text() +
				": the task fails with States.Timeout while the function still runs, and a retry runs the work twice."
		default:
			continue
		}
		f := Finding{Subjects: []string{cn.ID, sm.ID, fn.ID}, Message: msg}
		if callback {
			f.Message += " Set TimeoutSeconds to the longest the callback may take."
		} else if fnTimeout.Unknown {
			f.Message += " Set TimeoutSeconds a little above the function's Timeout, which is set outside this design."
		} else {
			want := fnTimeout.Num() + sfnTaskMargin
			if sfnIsExpress(c, sm) {
				want = math.Min(want, expressMaxSeconds)
			}
			if want >= fnTimeout.Num() {
				f.Message += " Set TimeoutSeconds a little above the function's Timeout."
				f.Fix = ops(setConnProps(cn.ID, map[string]any{"TimeoutSeconds": want}))
			}
		}
		report.Add(f)
	}
}
