package rules

import (
	"github.com/archlab/archlab/design"
)

// apigwEdgeBehindCloudfront: an edge-optimized API already sits behind a
// CloudFront distribution that AWS manages; putting it behind your own
// distribution sends each request through two.
type apigwEdgeBehindCloudfront struct{}

func newAPIGWEdgeBehindCloudfront() Rule { return apigwEdgeBehindCloudfront{} }

// apigwEdgeBehindCloudfrontFix is the fix's patch, one map shared by every finding (see fix.go).
var apigwEdgeBehindCloudfrontFix = map[string]any{"EndpointConfiguration": "REGIONAL"}

func (apigwEdgeBehindCloudfront) Meta() Meta {
	return Meta{
		ID:       "apigw-edge-behind-cloudfront",
		Title:    "Edge-optimized API behind a CloudFront distribution",
		Severity: Info,
		Scope:    "connection:cloudfront→apigateway-rest",
	}
}

func (apigwEdgeBehindCloudfront) Check(c *Context, report *Report) {
	for _, api := range c.Kind("apigateway-rest") {
		endpoint := c.Prop(api, "EndpointConfiguration")
		if endpoint.Str() != "EDGE" {
			continue
		}
		var dists []string
		for _, cn := range c.In(api) {
			if cn.Integration == design.IntOrigin {
				dists = append(dists, c.Label(c.From(cn)))
			}
		}
		if len(dists) == 0 {
			continue
		}
		report.Add(Finding{
			Subjects: []string{api.ID},
			Message: c.Label(api) + "'s EndpointConfiguration is " + endpoint.Text() + ", so it is edge-optimized, and it is " +
				"also an origin of " + joinIDs(dists) + ": each request passes through two CloudFront distributions, adding " +
				"latency, and your distribution's caching and headers apply on top of AWS's. Make the API REGIONAL.",
			Fix: ops(setProps(api.ID, apigwEdgeBehindCloudfrontFix)),
		})
	}
}
