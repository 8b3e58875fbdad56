package rules

import (
	"github.com/archlab/archlab/design"
)

// lambdaEdgeLimits: Lambda@Edge functions at viewer events may use at most
// 128 MB and 5 s, and at origin events at most 30 s; CloudFront refuses to
// associate a function configured above them.
type lambdaEdgeLimits struct{}

func newLambdaEdgeLimits() Rule { return lambdaEdgeLimits{} }

func (lambdaEdgeLimits) Meta() Meta {
	return Meta{
		ID:       "lambda-edge-limits",
		Title:    "Lambda@Edge function above the memory or timeout of its event",
		Severity: Error,
		Scope:    "connection:cloudfront→lambda",
	}
}

func (lambdaEdgeLimits) Check(c *Context, report *Report) {
	for _, fn := range c.Kind("lambda") {
		edges := edgeConnections(c, fn)
		if len(edges) == 0 {
			continue
		}
		// The strictest event the function is attached to sets the limits.
		var strictest *design.Connection
		for _, cn := range edges {
			if strictest == nil || isViewerEvent(c, cn) && !isViewerEvent(c, strictest) {
				strictest = cn
			}
		}
		viewer := isViewerEvent(c, strictest)
		maxTimeout, maxMemory := 30.0, 0.0
		if viewer {
			maxTimeout, maxMemory = 5, 128
		}
		timeout, memory := c.Prop(fn, "Timeout"), c.Prop(fn, "MemorySize")
		var over []string
		patch := map[string]any{}
		if maxMemory > 0 && memory.Num() > maxMemory {
			over = append(over, "MemorySize "+memory.Text())
			patch["MemorySize"] = maxMemory
		}
		if timeout.Num() > maxTimeout {
			over = append(over, "Timeout "+timeout.Text())
			patch["Timeout"] = maxTimeout
		}
		if len(over) == 0 {
			continue
		}
		limits := "at most " + num(maxTimeout, "s")
		if viewer {
			limits = "at most 128 MB and 5 s"
		}
		report.Add(Finding{
			Subjects: []string{fn.ID, strictest.ID},
			Message: c.Label(fn) + " runs at the " + c.ConnProp(strictest, "EventType").Str() + " event of " + c.Label(c.From(strictest)) +
				", where Lambda@Edge allows " + limits + ", but it has " + joinIDs(over) + ": CloudFront refuses to " +
				"associate it. Bring it within the limits, or move the slow work behind the origin.",
			Fix: ops(setProps(fn.ID, patch)),
		})
	}
}
