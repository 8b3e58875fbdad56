package rules

// apigwThrottleAboveAccount: stage throttling above the account's Regional
// limit promises a rate the account never delivers; the account limit is
// also shared by every API in the Region.
type apigwThrottleAboveAccount struct{}

func newAPIGWThrottleAboveAccount() Rule { return apigwThrottleAboveAccount{} }

func (apigwThrottleAboveAccount) Meta() Meta {
	return Meta{
		ID:       "apigw-throttle-above-account",
		Title:    "API throttling above the account's Regional limit",
		Severity: Warning,
		Scope:    "block:apigateway",
	}
}

func (apigwThrottleAboveAccount) Check(c *Context, report *Report) {
	for _, kind := range apiGatewayKinds {
		for _, api := range c.Kind(kind) {
			rate, burst := c.Prop(api, "ThrottlingRateLimit"), c.Prop(api, "ThrottlingBurstLimit")
			var over []string
			patch := map[string]any{}
			if rate.Num() > apiAccountRate {
				over = append(over, "ThrottlingRateLimit "+rate.Text()+" is above "+num(apiAccountRate, "requests/s"))
				patch["ThrottlingRateLimit"] = float64(apiAccountRate)
			}
			if burst.Num() > apiAccountBurst {
				over = append(over, "ThrottlingBurstLimit "+burst.Text()+" is above "+num(apiAccountBurst, "requests"))
				patch["ThrottlingBurstLimit"] = float64(apiAccountBurst)
			}
			if len(over) == 0 {
				continue
			}
			report.Add(Finding{
				Subjects: []string{api.ID},
				Message: c.Label(api) + ": " + joinIDs(over) + ". The account's Regional limit (10,000 requests/s, burst " +
					"about 5,000, lower in some newer Regions) applies first and is shared by every API in the Region, " +
					"so callers see 429s well before this. Ask AWS to raise the account limit if you need more.",
				Fix: ops(setProps(api.ID, patch)),
			})
		}
	}
}
