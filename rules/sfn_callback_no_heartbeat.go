package rules

import (
	"github.com/archlab/archlab/design"
)

// sfnCallbackNoHeartbeat: a callback task without heartbeats cannot tell a
// worker that died from one that is slow, so a lost callback is noticed
// only when the task times out.
type sfnCallbackNoHeartbeat struct{}

func newSfnCallbackNoHeartbeat() Rule { return sfnCallbackNoHeartbeat{} }

func (sfnCallbackNoHeartbeat) Meta() Meta {
	return Meta{
		ID:       "sfn-callback-no-heartbeat",
		Title:    "Callback task without a heartbeat",
		Severity: Warning,
		Scope:    "connection:stepfunctions→*",
	}
}

func (sfnCallbackNoHeartbeat) Check(c *Context, report *Report) {
	for _, cn := range c.Links("stepfunctions", "", design.IntTask) {
		if c.ConnProp(cn, "IntegrationPattern").Str() != "wait-for-task-token" || c.ConnProp(cn, "HeartbeatSeconds").Present() {
			continue
		}
		sm := c.From(cn)
		var until string
		if t := c.ConnProp(cn, "TimeoutSeconds"); t.Present() {
			until = "the task's TimeoutSeconds of " + t.Text() + " runs out"
		} else if sfnIsExpress(c, sm) {
			until = "the Express execution is stopped at " + humanSeconds(expressMaxSeconds)
		} else {
			until = "the execution itself times out, up to a year later"
		}
		report.Add(Finding{
			Subjects: []string{cn.ID, sm.ID},
			Message: c.Label(sm) + " → " + c.Label(c.To(cn)) + ": the callback task has no HeartbeatSeconds, so if the " +
				"worker holding the task token dies, the execution waits until " + until + ". Have the worker send " +
				"heartbeats and set HeartbeatSeconds, so a lost callback fails the task early.",
		})
	}
}
