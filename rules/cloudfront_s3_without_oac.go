package rules

import (
	"github.com/archlab/archlab/design"
)

// cloudfrontS3WithoutOAC: without origin access control the bucket must be
// readable by everyone for CloudFront to serve it, and people can bypass
// the distribution.
type cloudfrontS3WithoutOAC struct{}

func newCloudFrontS3WithoutOAC() Rule { return cloudfrontS3WithoutOAC{} }

// cloudfrontS3WithoutOACFix is the fix's patch, one map shared by every finding (see fix.go).
var cloudfrontS3WithoutOACFix = map[string]any{"OriginAccessControl": true}

func (cloudfrontS3WithoutOAC) Meta() Meta {
	return Meta{
		ID:       "cloudfront-s3-without-oac",
		Title:    "S3 origin without origin access control",
		Severity: Warning,
		Scope:    "connection:cloudfront→s3",
	}
}

func (cloudfrontS3WithoutOAC) Check(c *Context, report *Report) {
	for _, cn := range c.Links("cloudfront", "s3", design.IntOrigin) {
		oac := c.ConnProp(cn, "OriginAccessControl")
		if oac.Bool() {
			continue
		}
		bucket := c.To(cn)
		report.Add(Finding{
			Subjects: []string{cn.ID, bucket.ID},
			Message: c.Label(c.From(cn)) + " reads " + c.Label(bucket) + " with OriginAccessControl " + oac.Text() +
				": the bucket has to be public for CloudFront to serve it, so anyone can fetch objects directly, " +
				"bypassing the distribution's HTTPS, WAF and caching. Turn on origin access control and keep the bucket private.",
			Fix: ops(setConnProps(cn.ID, cloudfrontS3WithoutOACFix)),
		})
	}
}
