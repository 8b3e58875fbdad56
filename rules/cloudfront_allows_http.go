package rules

// cloudfrontAllowsHTTP: a distribution that serves plain HTTP lets anyone on
// the network read and change what viewers receive.
type cloudfrontAllowsHTTP struct{}

func newCloudFrontAllowsHTTP() Rule { return cloudfrontAllowsHTTP{} }

func (cloudfrontAllowsHTTP) Meta() Meta {
	return Meta{
		ID:       "cloudfront-allows-http",
		Title:    "CloudFront distribution serves plain HTTP",
		Severity: Warning,
		Scope:    "block:cloudfront",
	}
}

func (cloudfrontAllowsHTTP) Check(c *Context) []Finding {
	var out []Finding
	for _, d := range c.Kind("cloudfront") {
		policy := c.Prop(d, "DefaultCacheBehavior.ViewerProtocolPolicy")
		if policy.Str() != "allow-all" {
			continue
		}
		out = append(out, Finding{
			Subjects: []string{d.ID},
			Message: c.Label(d) + " has ViewerProtocolPolicy " + policy.Text() + ": viewers can use plain HTTP, so " +
				"anyone on the network path can read or alter pages, tokens and cookies. Redirect HTTP to HTTPS.",
			Fix: ops(setProps(d.ID, map[string]any{"DefaultCacheBehavior.ViewerProtocolPolicy": "redirect-to-https"})),
		})
	}
	return out
}
