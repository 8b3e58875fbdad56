package rules

import (
	"github.com/archlab/archlab/design"
)

// edgePreferCloudFrontFunctions: at viewer events a Lambda@Edge function runs
// on every request; header, URL and redirect work is cheaper and faster in
// CloudFront Functions, which also run there.
type edgePreferCloudFrontFunctions struct{}

func newEdgePreferCloudFrontFunctions() Rule { return edgePreferCloudFrontFunctions{} }

func (edgePreferCloudFrontFunctions) Meta() Meta {
	return Meta{
		ID:       "edge-prefer-cloudfront-functions",
		Title:    "Lambda@Edge at a viewer event where CloudFront Functions may do",
		Severity: Info,
		Scope:    "connection:cloudfront→lambda",
	}
}

func (edgePreferCloudFrontFunctions) Check(c *Context, report *Report) {
	for _, cn := range c.Links("cloudfront", "lambda", design.IntEdge) {
		if !isViewerEvent(c, cn) || c.ConnProp(cn, "IncludeBody").Bool() {
			continue
		}
		cdn, fn := c.From(cn), c.To(cn)
		report.Add(Finding{
			Subjects: []string{cn.ID, fn.ID},
			Message: c.Label(cdn) + " runs " + c.Label(fn) + " at " + c.ConnProp(cn, "EventType").Str() + ", on every " +
				"request, without the body. If it only reads or rewrites headers and URLs, redirects or checks a " +
				"token, a CloudFront Function does the same for a fraction of the price, in under a millisecond and " +
				"without cold starts; keep Lambda@Edge for network calls and heavier work.",
		})
	}
}
