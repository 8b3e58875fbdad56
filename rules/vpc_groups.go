package rules

import "github.com/archlab/archlab/design"

// InVPC reports whether a function runs in a VPC: it has a VpcConfig, or
// the drawing puts it in a VPC group. The rules that ask whether a
// function can reach a private endpoint take the drawing's word; the
// missing configuration is lambda-vpc-drawn-not-configured's finding.
func (c *Context) InVPC(fn *design.Block) bool {
	return c.Prop(fn, "VpcConfig").Set() || c.Design.GroupOf(fn.ID, design.GroupVPC) != nil
}
