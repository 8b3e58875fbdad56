package rules

import (
	"strings"

	"github.com/archlab/archlab/design"
)

// lambdaEdgeUnsupported: Lambda@Edge replicates a function to CloudFront's
// locations and supports only part of Lambda: no environment variables,
// VPC, layers, reserved or provisioned concurrency, dead-letter queue,
// arm64, container images or more than 512 MB of /tmp, and only Node.js and
// Python runtimes. CloudFront refuses to associate a function that uses any
// of them.
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

func (lambdaEdgeUnsupported) Check(c *Context, report *Report) {
	for _, fn := range c.Kind("lambda") {
		edges := edgeConnections(c, fn)
		if len(edges) == 0 && !c.Prop(fn, "EdgeFunction").Bool() {
			continue
		}
		var problems []string
		patch := map[string]any{}
		var unfixable string // what no property change can remove
		if c.Prop(fn, "Environment.Variables").Set() {
			problems = append(problems, "environment variables")
			patch["Environment.Variables"] = nil
		}
		if c.Prop(fn, "VpcConfig").Set() {
			problems = append(problems, "a VPC configuration")
			patch["VpcConfig"] = nil
		}
		if layers := c.Prop(fn, "Layers"); len(layers.Items()) > 0 {
			problems = append(problems, "layers")
			patch["Layers"] = nil
		}
		if c.Prop(fn, "ReservedConcurrentExecutions").Set() {
			problems = append(problems, "reserved concurrency")
			patch["ReservedConcurrentExecutions"] = nil
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
		var dlqs []*design.Connection
		for _, cn := range c.Out(fn) {
			if cn.Integration == design.IntDeadLetter {
				dlqs = append(dlqs, cn)
			}
		}
		if len(dlqs) > 0 {
			problems = append(problems, "a dead-letter queue")
		}
		if c.Prop(fn, "PackageType").Str() == "Image" {
			unfixable = "a container image"
		} else if rt := c.Prop(fn, "Runtime").Str(); rt != "" && !strings.HasPrefix(rt, "nodejs") && !strings.HasPrefix(rt, "python") {
			unfixable = "runtime " + rt
		}
		rest := problems // the ones a fix removes
		if unfixable != "" {
			problems = append(problems, unfixable)
		}
		if len(problems) == 0 {
			continue
		}
		subjects := []string{fn.ID}
		for _, cn := range edges {
			subjects = append(subjects, cn.ID)
		}
		for _, cn := range dlqs {
			subjects = append(subjects, cn.ID)
		}
		f := Finding{
			Subjects: subjects,
			Message: c.Label(fn) + " runs as Lambda@Edge" + edgeWhere(c, edges) + ", which does not support " +
				joinOr(problems) + ": CloudFront refuses to associate the function.",
		}
		if unfixable == "" {
			if len(problems) == 1 {
				f.Message += " Remove it."
			} else {
				f.Message += " Remove them."
			}
			if _, env := patch["Environment.Variables"]; env {
				f.Message += " Keep settings in the code, or fetch them at run time."
			}
			var fix design.Ops
			if len(patch) > 0 {
				fix = append(fix, setProps(fn.ID, patch))
			}
			for _, cn := range dlqs {
				fix = append(fix, design.Op{Op: design.OpDisconnect, ID: cn.ID})
			}
			f.Fix = fix
		} else {
			f.Message += " Lambda@Edge runs only .zip packages on Node.js and Python runtimes: rebuild the function " +
				"on one of them"
			if len(rest) > 0 {
				f.Message += ", and remove " + joinIDs(rest)
			}
			f.Message += "."
		}
		report.Add(f)
	}
}

// edgeWhere says where a Lambda@Edge function runs: " (at viewer-request of
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
