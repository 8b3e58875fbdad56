package rules

import (
	"math"
	"strings"
)

// apigwDefaultThrottling: without stage throttling, one caller can take the
// whole account's request rate, shared by every API in the Region, and
// drive the backend as hard as it likes.
type apigwDefaultThrottling struct{}

func newAPIGWDefaultThrottling() Rule { return apigwDefaultThrottling{} }

func (apigwDefaultThrottling) Meta() Meta {
	return Meta{
		ID:          "apigw-default-throttling",
		Title:       "API without stage throttling",
		Severity:    Info,
		Scope:       "block:apigateway-rest, block:apigateway-http",
		Equivalents: []string{"serverless-rules:ES2003", "cdk-nag:Serverless-APIGWDefaultThrottling"},
	}
}

// The account's Regional API Gateway limits, shared by every API.
const (
	apiAccountRate  = 10000
	apiAccountBurst = 5000
)

func (apigwDefaultThrottling) Check(c *Context, report *Report) {
	for _, kind := range []string{"apigateway-rest", "apigateway-http"} {
		for _, api := range c.Kind(kind) {
			rate, burst := c.Prop(api, "ThrottlingRateLimit"), c.Prop(api, "ThrottlingBurstLimit")
			var missing []string
			if !rate.Present() {
				missing = append(missing, "ThrottlingRateLimit")
			}
			if !burst.Present() {
				missing = append(missing, "ThrottlingBurstLimit")
			}
			if len(missing) == 0 {
				continue
			}
			f := Finding{
				Subjects: []string{api.ID},
				Message: c.Label(api) + " sets no " + strings.Join(missing, " or ") + ": a single busy caller can use " +
					"up the account's Regional request rate, which every API shares, and push its backend as hard as it likes.",
			}
			expected := c.Prop(api, "ExpectedRequestsPerSecond")
			if expected.Num() > 0 {
				// Twice the expected peak, within the account's limits.
				r := math.Min(math.Ceil(2*expected.Num()), apiAccountRate)
				patch := map[string]any{}
				if !rate.Present() {
					patch["ThrottlingRateLimit"] = r
				}
				if !burst.Present() {
					patch["ThrottlingBurstLimit"] = math.Min(r, apiAccountBurst)
				}
				f.Fix = ops(setProps(api.ID, patch))
				f.Message += " Allow about twice the expected " + expected.Text() + "."
			}
			report.Add(f)
		}
	}
}
