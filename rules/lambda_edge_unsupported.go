package rules

import (
	"strings"

	"github.com/archlab/archlab/design"
)

// lambdaEdgeUnsupported: Lambda@Edge replicates a function to CloudFront's
// locations and supports only part of Lambda: no environment variables,
// VPC, layers, provisioned concurrency, arm64, container images or more
// than 512 MB of /tmp, and only Node.js and Python runtimes. CloudFront
// refuses to associate a function that uses any of them.
type lambdaEdgeUnsupported struct{}

func newLambdaEdgeUnsupported() Rule { return lambdaEdgeUnsupported{} }

func (lambdaEdgeUnsupported) Meta() Meta {
	return Meta{
		ID:       "lambda-edge-unsupported",
		Title:    "Lambda@Edge function uses features the edge does not support",
		Severity: Error,
		Scope:    "block:lambda",
	}
}

func (lambdaEdgeUnsupported) Check(c *Context) []Finding {
	var out []Finding
	for _, fn := range c.Kind("lambda") {
		edges := edgeConnections(c, fn)
		if len(edges) == 0 && !c.Prop(fn, "EdgeFunction").Bool() {
			continue
		}
		var problems []string
		patch := map[string]any{}
		fixable := true
		if c.Prop(fn, "Environment.Variables").Set() {
			problems = append(problems, "environment variables")
			patch["Environment.Variables"] = nil
		}
		if c.Prop(fn, "VpcConfig").Set() {
			problems = append(problems, "a VPC configuration")
			patch["VpcConfig"] = nil
		}
		if layers := c.Prop(fn, "Layers"); len(layers.List()) > 0 {
			problems = append(problems, "layers")
			patch["Layers"] = nil
		}
		if prov := c.Prop(fn, "ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions"); prov.Set() {
			problems = append(problems, "provisioned concurrency")
			patch["ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions"] = nil
		}
		if c.Prop(fn, "Architectures").Str() == "arm64" {
			problems = append(problems, "the arm64 architecture")
			patch["Architectures"] = "x86_64"
		}
		if storage := c.Prop(fn, "EphemeralStorage.Size"); storage.Num() > 512 {
			problems = append(problems, "ephemeral storage of "+storage.Text()+" (512 MB at most)")
			patch["EphemeralStorage.Size"] = 512
		}
		if c.Prop(fn, "PackageType").Str() == "Image" {
			problems = append(problems, "a container image")
			fixable = false
		} else if rt := c.Prop(fn, "Runtime").Str(); rt != "" && !strings.HasPrefix(rt, "nodejs") && !strings.HasPrefix(rt, "python") {
			problems = append(problems, "runtime "+rt+" (only Node.js and Python run at the edge)")
			fixable = false
		}
		if len(problems) == 0 {
			continue
		}
		subjects := []string{fn.ID}
		for _, cn := range edges {
			subjects = append(subjects, cn.ID)
		}
		f := Finding{
			Subjects: subjects,
			Message: c.Label(fn) + " runs as Lambda@Edge" + edgeWhere(c, edges) + ", which does not support " +
				joinIDs(problems) + ": CloudFront refuses to associate the function. Remove them, and keep " +
				"configuration in the code or fetch it at run time.",
		}
		if fixable {
			f.Fix = ops(setProps(fn.ID, patch))
		}
		out = append(out, f)
	}
	return out
}

// edgeWhere says where a Lambda@Edge function runs: " (viewer-request of
// Cdn)", or "" when it is only marked as an edge function.
func edgeWhere(c *Context, edges []*design.Connection) string {
	if len(edges) == 0 {
		return ""
	}
	var at []string
	for _, cn := range edges {
		at = append(at, c.ConnProp(cn, "EventType").Str()+" of "+c.Label(c.From(cn)))
	}
	return " (at " + joinIDs(at) + ")"
}
