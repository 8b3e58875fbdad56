package rules

// schedulerTargetNoDLQ: EventBridge Scheduler retries a failed invocation for
// up to 24 hours and 185 attempts by default, then drops it, unless the
// schedule has a dead-letter queue.
type schedulerTargetNoDLQ struct{}

func newSchedulerTargetNoDLQ() Rule { return schedulerTargetNoDLQ{} }

func (schedulerTargetNoDLQ) Meta() Meta {
	return Meta{
		ID:       "scheduler-target-no-dlq",
		Title:    "Schedule target without a dead-letter queue",
		Severity: Warning,
		Scope:    "connection:scheduler→*",
	}
}

func (schedulerTargetNoDLQ) Check(c *Context, report *Report) {
	for _, s := range c.Kind("scheduler") {
		for _, cn := range targetsOf(c, s) {
			if f, ok := targetNoDLQFinding(c, cn, "an invocation EventBridge Scheduler"); ok {
				report.Add(f)
			}
		}
	}
}
