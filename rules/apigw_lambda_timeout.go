package rules

import (
	"math"

	"github.com/archlab/archlab/design"
)

// apigwLambdaTimeout: API Gateway stops waiting at its integration timeout
// (29 s for REST and WebSocket APIs, 30 s for HTTP APIs) and answers 504,
// while the function runs on, and is billed, to its own timeout.
type apigwLambdaTimeout struct{}

func newAPIGWLambdaTimeout() Rule { return apigwLambdaTimeout{} }

func (apigwLambdaTimeout) Meta() Meta {
	return Meta{
		ID:       "apigw-lambda-timeout",
		Title:    "Function outlives the API's integration timeout",
		Severity: Warning,
		Scope:    "connection:apigateway→lambda",
	}
}

func (apigwLambdaTimeout) Check(c *Context, report *Report) {
	for _, api := range []string{"apigateway-rest", "apigateway-http", "apigateway-websocket"} {
		for _, cn := range c.Links(api, "lambda", design.IntInvoke) {
			fn := c.To(cn)
			timeout := c.Prop(fn, "Timeout")
			limit := c.ConnProp(cn, "TimeoutInMillis")
			if timeout.Num()*1000 <= limit.Num() {
				continue
			}
			fixed := math.Max(1, math.Floor(limit.Num()/1000))
			report.Add(Finding{
				Subjects: []string{cn.ID, fn.ID},
				Message: c.Label(fn) + "'s Timeout " + timeout.Text() + " is longer than " + c.Label(c.From(cn)) +
					"'s integration timeout of " + num(limit.Num()/1000, "s") + defaultNote(limit) + ". " +
					"Callers get a 504 while the function keeps running and billing; keep the function within the " +
					"integration timeout, or answer at once and finish the work asynchronously.",
				Fix: ops(setProps(fn.ID, map[string]any{"Timeout": fixed})),
			})
		}
	}
}
