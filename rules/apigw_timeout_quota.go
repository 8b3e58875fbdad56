package rules

// apigwTimeoutQuota: a REST API's integration timeout may exceed 29 s only
// on Regional and private APIs whose account quota was raised; API Gateway
// refuses anything above what the API may have.
type apigwTimeoutQuota struct{}

func newAPIGWTimeoutQuota() Rule { return apigwTimeoutQuota{} }

func (apigwTimeoutQuota) Meta() Meta {
	return Meta{
		ID:       "apigw-timeout-quota",
		Title:    "REST integration timeout above what the API may have",
		Severity: Error,
		Scope:    "connection:apigateway-rest→*",
	}
}

func (apigwTimeoutQuota) Check(c *Context, report *Report) {
	for _, api := range c.Kind("apigateway-rest") {
		endpoint := c.Prop(api, "EndpointConfiguration")
		quota := c.Prop(api, "MaxIntegrationTimeoutInMillis")
		for _, cn := range c.Out(api) {
			in := c.Integration(cn)
			if in == nil {
				continue
			}
			p := in.Prop("TimeoutInMillis")
			t := c.ConnProp(cn, "TimeoutInMillis")
			if p == nil || !t.Set() || !p.InRange(t.Num()) {
				continue // out of the catalogue's range is property-range's finding
			}
			head := c.Label(api) + " → " + c.Label(c.To(cn)) + ": TimeoutInMillis " + t.Text()
			var limit float64
			var msg string
			switch {
			case endpoint.Str() == "EDGE" && t.Num() > 29000:
				limit = 29000
				msg = head + " is above 29,000 ms, which edge-optimized APIs cannot exceed, and " + c.Label(api) +
					"'s EndpointConfiguration is " + endpoint.Text() + ". API Gateway refuses the integration. For a " +
					"longer wait, make the API REGIONAL and ask AWS to raise the integration timeout quota."
			case endpoint.Str() != "EDGE" && t.Num() > quota.Num():
				limit = quota.Num()
				msg = head + " is above the API's integration timeout quota, MaxIntegrationTimeoutInMillis " + quota.Text() +
					". API Gateway refuses it unless the account's quota was raised: request the increase and record it " +
					"in MaxIntegrationTimeoutInMillis, or lower the timeout."
			default:
				continue
			}
			report.Add(Finding{
				Subjects: []string{cn.ID, api.ID},
				Message:  msg,
				Fix:      ops(setConnProps(cn.ID, map[string]any{"TimeoutInMillis": limit})),
			})
		}
	}
}
