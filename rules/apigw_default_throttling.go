package rules

import (
	"math"
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

// The same limits are facts the capacity model reads; a test keeps the
// two equal.

func (apigwDefaultThrottling) Check(c *Context, report *Report) {
	for _, kind := range []string{"apigateway-rest", "apigateway-http"} {
		for _, api := range c.Kind(kind) {
			rate, burst := c.Prop(api, "ThrottlingRateLimit"), c.Prop(api, "ThrottlingBurstLimit")
			var missing string
			switch {
			case !rate.Present() && !burst.Present():
				missing = "ThrottlingRateLimit or ThrottlingBurstLimit"
			case !rate.Present():
				missing = "ThrottlingRateLimit"
			case !burst.Present():
				missing = "ThrottlingBurstLimit"
			default:
				continue
			}
			f := Finding{Subjects: []string{api.ID}}
			advice := ""
			expected := c.Prop(api, "ExpectedRequestsPerSecond")
			what := "expected"
			if r := capacityOf(c); expected.Num() <= 0 && r != nil {
				// Without the API's own estimate, the stated traffic's peak.
				if b := r.Block(api.ID); b != nil && b.Loaded {
					expected, what = Value{V: round2(b.PerSecond.Peak), Unit: "requests/s"}, "stated peak of"
				}
			}
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
				advice = " Allow about twice the " + what + " " + expected.Text() + "."
			}
			f.Message = c.Label(api) + " sets no " + missing + ": a single busy caller can use up the account's " +
				"Regional request rate, which every API shares, and push its backend as hard as it likes." + advice
			report.Add(f)
		}
	}
}
