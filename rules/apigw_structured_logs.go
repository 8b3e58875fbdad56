package rules

import (
	"strings"
)

// apigwStructuredLogs: access logs in JSON can be queried field by field
// (CloudWatch Logs Insights finds the fields itself); other formats must be
// parsed first.
type apigwStructuredLogs struct{}

func newAPIGWStructuredLogs() Rule { return apigwStructuredLogs{} }

func (apigwStructuredLogs) Meta() Meta {
	return Meta{
		ID:          "apigw-structured-logs",
		Title:       "API access logs not in JSON",
		Severity:    Info,
		Scope:       "block:apigateway-rest, block:apigateway-http",
		Equivalents: []string{"serverless-rules:WS2001", "cdk-nag:Serverless-APIGWStructuredLogging"},
	}
}

// jsonAccessLogFormat is the access log format the fix sets: the fields
// needed to trace a request, as JSON. route names the route variable.
func jsonAccessLogFormat(route string) string {
	return `{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime",` +
		`"httpMethod":"$context.httpMethod","` + route + `":"$context.` + route + `","status":"$context.status",` +
		`"responseLength":"$context.responseLength","integrationLatency":"$context.integrationLatency"}`
}

func (apigwStructuredLogs) Check(c *Context, report *Report) {
	for _, kind := range []string{"apigateway-rest", "apigateway-http"} {
		prop := accessLogProp(kind, "Format")
		route := "resourcePath"
		if kind == "apigateway-http" {
			route = "routeKey"
		}
		for _, api := range c.Kind(kind) {
			format := strings.TrimSpace(c.Prop(api, prop).Str())
			if format == "" || (strings.HasPrefix(format, "{") && strings.HasSuffix(format, "}")) {
				continue
			}
			report.Add(Finding{
				Subjects: []string{api.ID},
				Message: c.Label(api) + "'s access log format (" + prop + ") is not JSON: each line has to be parsed " +
					"before it can be searched or counted by field. Log JSON with the request id, caller IP, time, method, " +
					"route, status, response length and integration latency.",
				Fix: ops(setProps(api.ID, map[string]any{prop: jsonAccessLogFormat(route)})),
			})
		}
	}
}
