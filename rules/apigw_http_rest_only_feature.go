package rules

import (
	"slices"
)

// apigwHTTPRestOnlyFeature: HTTP APIs are cheaper but lack many REST API
// features; a design that needs one of them needs a REST API.
type apigwHTTPRestOnlyFeature struct{}

func newAPIGWHTTPRestOnlyFeature() Rule { return apigwHTTPRestOnlyFeature{} }

func (apigwHTTPRestOnlyFeature) Meta() Meta {
	return Meta{
		ID:       "apigw-http-rest-only-feature",
		Title:    "HTTP API asked for a feature only REST APIs have",
		Severity: Error,
		Scope:    "block:apigateway-http",
	}
}

func (apigwHTTPRestOnlyFeature) Check(c *Context, report *Report) {
	kind := c.Cat.Kind("apigateway-http")
	if kind == nil {
		return
	}
	p := kind.Prop("RequiredFeatures")
	if p == nil {
		return
	}
	for _, api := range c.Kind("apigateway-http") {
		var missing []string
		for _, f := range c.Prop(api, "RequiredFeatures").List() {
			if slices.Contains(p.Values, f) && !slices.Contains(missing, f) {
				missing = append(missing, f)
			}
		}
		if len(missing) == 0 {
			continue
		}
		report.Add(Finding{
			Subjects: []string{api.ID},
			Message: c.Label(api) + " is an HTTP API but the design needs " + joinIDs(missing) + " (RequiredFeatures), " +
				"which only REST APIs offer. Use a REST API for it, or drop " + apiItOrThem(len(missing)) + ".",
		})
	}
}

// apiItOrThem is "it" or "them".
func apiItOrThem(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}
