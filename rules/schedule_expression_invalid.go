package rules

import (
	"github.com/archlab/archlab/design"
)

// scheduleExpressionInvalid: a scheduled rule takes rate(...) or cron(...),
// and a schedule also at(...); EventBridge refuses anything else, and a
// schedule without an expression.
type scheduleExpressionInvalid struct{}

func newScheduleExpressionInvalid() Rule { return scheduleExpressionInvalid{} }

func (scheduleExpressionInvalid) Meta() Meta {
	return Meta{
		ID:          "schedule-expression-invalid",
		Title:       "Schedule expression EventBridge refuses",
		Severity:    Error,
		Scope:       "block:eventbridge-rule|scheduler",
		Equivalents: []string{"cfn-lint:E3027"},
	}
}

func (scheduleExpressionInvalid) Check(c *Context, report *Report) {
	for _, kind := range []string{"eventbridge-rule", "scheduler"} {
		scheduler := kind == "scheduler"
		for _, b := range c.Kind(kind) {
			expr := c.Prop(b, "ScheduleExpression")
			if !expr.Present() {
				if scheduler {
					report.Add(Finding{
						Subjects: []string{b.ID},
						Message: c.Label(b) + " has no ScheduleExpression: a schedule needs one (at(...) for once, rate(...) " +
							"or cron(...) to repeat), and EventBridge Scheduler refuses it without.",
					})
				}
				continue
			}
			problem, fixed := scheduleExpressionProblem(expr.Str(), scheduler)
			if problem == "" {
				continue
			}
			service, what := "EventBridge", "rule"
			if scheduler {
				service, what = "EventBridge Scheduler", "schedule"
			}
			f := Finding{
				Subjects: []string{b.ID},
				Message: c.Label(b) + ": ScheduleExpression " + evQuote(expr.Str()) + " " + problem + ". " + service +
					" refuses it, so the " + what + " cannot be created.",
			}
			if fixed != "" {
				f.Fix = design.Ops{setProps(b.ID, map[string]any{"ScheduleExpression": fixed})}
			}
			report.Add(f)
		}
	}
}
