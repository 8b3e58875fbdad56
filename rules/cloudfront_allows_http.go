package rules

// cloudfrontAllowsHTTP: a distribution that serves plain HTTP lets anyone on
// the network read and change what viewers receive.
type cloudfrontAllowsHTTP struct{}

func newCloudFrontAllowsHTTP() Rule { return cloudfrontAllowsHTTP{} }

// cloudfrontAllowsHTTPFix is the fix's patch, one map shared by every finding (see fix.go).
var cloudfrontAllowsHTTPFix = map[string]any{"DefaultCacheBehavior.ViewerProtocolPolicy": "redirect-to-https"}

func (cloudfrontAllowsHTTP) Meta() Meta {
	return Meta{
		ID:       "cloudfront-allows-http",
		Title:    "CloudFront distribution serves plain HTTP",
		Severity: Warning,
		Scope:    "block:cloudfront",
	}
}

func (cloudfrontAllowsHTTP) Check(c *Context, report *Report) {
	for _, d := range c.Kind("cloudfront") {
		policy := c.Prop(d, "DefaultCacheBehavior.ViewerProtocolPolicy")
		if policy.Str() != "allow-all" {
			continue
		}
		report.Add(Finding{
			Subjects: []string{d.ID},
			Message: c.Label(d) + " has ViewerProtocolPolicy " + policy.Text() + ": viewers can use plain HTTP, so " +
				"anyone on the network path can read or alter pages, tokens and cookies. Redirect HTTP to HTTPS.",
			Fix: ops(setProps(d.ID, cloudfrontAllowsHTTPFix)),
		})
	}
}
