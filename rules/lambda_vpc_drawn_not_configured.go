package rules

import "github.com/archlab/archlab/design"

// lambdaVPCDrawnNotConfigured: a function drawn inside a VPC group has no
// VpcConfig, so deployed from this design it runs outside the VPC. The
// rules about private endpoints count it as in the VPC (the drawing says
// so); this finding says the drawing and the configuration disagree.
type lambdaVPCDrawnNotConfigured struct{}

func newLambdaVPCDrawnNotConfigured() Rule { return lambdaVPCDrawnNotConfigured{} }

func (lambdaVPCDrawnNotConfigured) Meta() Meta {
	return Meta{
		ID:       "lambda-vpc-drawn-not-configured",
		Title:    "Function drawn in a VPC has no VpcConfig",
		Severity: Warning,
		Scope:    "block:lambda",
	}
}

func (lambdaVPCDrawnNotConfigured) Check(c *Context, report *Report) {
	if len(c.Design.Groups) == 0 {
		return
	}
	for _, fn := range c.Kind("lambda") {
		vpc := c.Design.GroupOf(fn.ID, design.GroupVPC)
		if vpc == nil || c.Prop(fn, "VpcConfig").Set() {
			continue
		}
		report.Add(Finding{
			Subjects: []string{fn.ID},
			Message: c.Label(fn) + " is drawn inside the VPC " + vpc.Label() + " but has no VpcConfig: that it runs in the VPC " +
				"is inferred from the drawing only, and deployed as configured it runs outside it, unable to reach " +
				"private endpoints there. Give it VpcConfig with the VPC's subnets and a security group.",
		})
	}
}
