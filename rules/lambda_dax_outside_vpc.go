package rules

import (
	"github.com/archlab/archlab/design"
)

// lambdaDAXOutsideVPC: a DAX cluster lives in a VPC and has no public
// endpoint; a function outside the VPC cannot reach it.
type lambdaDAXOutsideVPC struct{}

func newLambdaDAXOutsideVPC() Rule { return lambdaDAXOutsideVPC{} }

func (lambdaDAXOutsideVPC) Meta() Meta {
	return Meta{
		ID:       "lambda-dax-outside-vpc",
		Title:    "Function calls DAX from outside the VPC",
		Severity: Error,
		Scope:    "connection:lambda→dax",
	}
}

func (lambdaDAXOutsideVPC) Check(c *Context, report *Report) {
	for _, cn := range c.Links("lambda", "dax", design.IntSDK) {
		fn, dax := c.From(cn), c.To(cn)
		if c.InVPC(fn) || c.External(fn) {
			continue
		}
		f := Finding{
			Subjects: []string{cn.ID, fn.ID, dax.ID},
			Message: c.Label(fn) + " calls " + c.Label(dax) + " but has no VpcConfig: a DAX cluster runs inside a VPC " +
				"with no public endpoint, so every call times out. Give the function subnets and a security group " +
				"in the cluster's VPC.",
		}
		if cn.Inferred() {
			f.Inferred = true
			f.Message = c.Label(fn) + " may call " + c.Label(dax) + " (inferred: " + inferredWhy(c, cn) + ") but has no " +
				"VpcConfig: a DAX cluster runs inside a VPC with no public endpoint, so a call from outside times out. " +
				"If it calls the cluster, give it subnets and a security group in the cluster's VPC."
		}
		report.Add(f)
	}
}
