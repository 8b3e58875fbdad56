package rules

// apigwAccessLogs: without access logs there is no record of who called
// the API, when, and what it answered.
type apigwAccessLogs struct{}

func newAPIGWAccessLogs() Rule { return apigwAccessLogs{} }

func (apigwAccessLogs) Meta() Meta {
	return Meta{
		ID:          "apigw-access-logs",
		Title:       "API without access logs",
		Severity:    Info,
		Scope:       "block:apigateway-rest, block:apigateway-http",
		Equivalents: []string{"serverless-rules:ES2000", "cdk-nag:Serverless-APIGWAccessLogging"},
	}
}

func (apigwAccessLogs) Check(c *Context, report *Report) {
	for _, kind := range []string{"apigateway-rest", "apigateway-http"} {
		prop := accessLogProp(kind, "DestinationArn")
		for _, api := range c.Kind(kind) {
			if s := c.Prop(api, prop).Str(); s != "" {
				continue
			}
			report.Add(Finding{
				Subjects: []string{api.ID},
				Message: c.Label(api) + " has no access log destination (" + prop + "): there is no record of who called " +
					"it and what it answered, for debugging or for an audit. Send access logs to a CloudWatch Logs group.",
			})
		}
	}
}

// accessLogProp names an access log setting: REST APIs call the group
// AccessLogSetting, HTTP APIs AccessLogSettings.
func accessLogProp(kind, field string) string {
	if kind == "apigateway-http" {
		return "AccessLogSettings." + field
	}
	return "AccessLogSetting." + field
}
