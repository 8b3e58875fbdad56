package rules

import (
	"github.com/archlab/archlab/design"
)

// cognitoTriggerTimeout: Cognito waits 5 s for a trigger function and calls
// it up to three times; a longer function timeout only means the sign-in
// fails while the function keeps running and billing. The custom sender
// triggers (CustomEmailSender, CustomSMSSender) are invoked asynchronously
// and have no such wait.
type cognitoTriggerTimeout struct{}

func newCognitoTriggerTimeout() Rule { return cognitoTriggerTimeout{} }

// cognitoTriggerTimeoutFix is the fix's patch, one map shared by every finding (see fix.go).
var cognitoTriggerTimeoutFix = map[string]any{"Timeout": 5}

func (cognitoTriggerTimeout) Meta() Meta {
	return Meta{
		ID:       "cognito-trigger-timeout",
		Title:    "Cognito trigger function may outlast Cognito's 5 s wait",
		Severity: Warning,
		Scope:    "connection:cognito→lambda",
	}
}

func (cognitoTriggerTimeout) Check(c *Context, report *Report) {
	for _, fn := range c.Kind("lambda") {
		timeout := c.Prop(fn, "Timeout")
		if timeout.Num() <= 5 {
			continue
		}
		subjects := []string{fn.ID}
		var triggers []string
		for _, cn := range c.In(fn) {
			if cn.Integration != design.IntTrigger {
				continue
			}
			source := c.ConnProp(cn, "TriggerSource").Str()
			if source == "CustomEmailSender" || source == "CustomSMSSender" {
				continue
			}
			subjects = append(subjects, cn.ID)
			triggers = append(triggers, "the "+source+" trigger of "+c.Label(c.From(cn)))
		}
		if len(triggers) == 0 {
			continue
		}
		report.Add(Finding{
			Subjects: subjects,
			Message: c.Label(fn) + " runs as " + joinIDs(triggers) + " and has Timeout " + timeout.Text() +
				", but Cognito waits only 5 s for it and then retries, up to three calls in all: past 5 s the user's " +
				"request fails while the function keeps running. Make the trigger answer within 5 s, and move slow work " +
				"to an asynchronous step.",
			Fix: ops(setProps(fn.ID, cognitoTriggerTimeoutFix)),
		})
	}
}
