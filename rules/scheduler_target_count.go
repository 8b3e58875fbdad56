package rules

// schedulerTargetCount: an EventBridge Scheduler schedule invokes exactly one
// target; Scheduler refuses a schedule without one, and a second target
// needs a schedule of its own.
type schedulerTargetCount struct{}

func newSchedulerTargetCount() Rule { return schedulerTargetCount{} }

func (schedulerTargetCount) Meta() Meta {
	return Meta{
		ID:       "scheduler-target-count",
		Title:    "Schedule without exactly one target",
		Severity: Error,
		Scope:    "block:scheduler",
	}
}

func (schedulerTargetCount) Check(c *Context, report *Report) {
	for _, s := range c.Kind("scheduler") {
		targets := targetsOf(c, s)
		switch {
		case len(targets) == 0:
			report.Add(Finding{
				Subjects: []string{s.ID},
				Message: c.Label(s) + " has no target: a schedule invokes exactly one target, and EventBridge Scheduler " +
					"refuses a schedule without one. Connect the schedule to what it should invoke.",
			})
		case len(targets) > 1:
			added, fix := ebSplitOps(c, s, targets, 1)
			report.Add(Finding{
				Subjects: []string{s.ID},
				Message: c.Label(s) + " has " + plural(len(targets), "target") + " (" + c.joinLabels(targetIDs(targets)) + "), " +
					"but a schedule invokes exactly one. Create one schedule per target (" + plural(len(added), "more schedule") +
					" with the same expression), or let the schedule invoke one target that fans out, such as an SNS topic.",
				Fix: fix,
			})
		}
	}
}
