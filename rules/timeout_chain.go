package rules

import (
	"math"

	"github.com/archlab/archlab/design"
)

// timeoutChain: along a synchronous path each caller must wait at least as
// long as its callee may take, or it gives up on an answer that is still
// coming (and the work is done, and billed, for nobody). It checks clients
// against the APIs, distributions and function URLs they call, and
// CloudFront's origin timeout against APIs and function URLs; API →
// Lambda is apigw-lambda-timeout's.
type timeoutChain struct{}

func newTimeoutChain() Rule { return timeoutChain{} }

func (timeoutChain) Meta() Meta {
	return Meta{
		ID:       "timeout-chain",
		Title:    "Caller gives up before its callee may answer",
		Severity: Warning,
		Scope:    "design",
	}
}

// originReadMax is the longest OriginReadTimeout CloudFront allows (with a
// quota increase above 60 s).
const originReadMax = 180

// originWait is how long a CloudFront origin may take to answer and the
// chain that says why, or false when nothing bounds it.
func originWait(c *Context, origin *design.Block) (float64, string, bool) {
	switch origin.Kind {
	case "apigateway-rest", "apigateway-http":
		if w, ok := apiSlowestIntegration(c, origin); ok {
			return w.seconds, w.chain, true
		}
	case "lambda":
		t := c.Prop(origin, "Timeout")
		return t.Num(), c.Label(origin) + " may run for " + t.Text(), true
	}
	return 0, "", false
}

func (timeoutChain) Check(c *Context, report *Report) {
	// CloudFront waiting for its origins.
	for _, cn := range c.Links("cloudfront", "", design.IntOrigin) {
		origin := c.To(cn)
		wait, chain, ok := originWait(c, origin)
		read := c.ConnProp(cn, "OriginReadTimeout")
		if !ok || read.Num() >= wait {
			continue
		}
		f := Finding{
			Subjects: []string{cn.ID, cn.From, origin.ID},
			Message: c.Label(c.From(cn)) + " waits up to " + read.Text() + " → " + chain + ". CloudFront gives up " +
				"and answers 504 while " + c.Label(origin) + " may still be working on the answer.",
		}
		if want := math.Ceil(wait); want <= originReadMax {
			f.Message += " Raise OriginReadTimeout to " + num(want, "s")
			if want > 60 {
				f.Message += " (above 60 s needs a quota increase)"
			}
			f.Message += ", or make the origin answer sooner."
			f.Fix = ops(setConnProps(cn.ID, map[string]any{"OriginReadTimeout": want}))
		} else {
			f.Message += " OriginReadTimeout cannot exceed " + num(originReadMax, "s") + ": make the origin answer sooner."
		}
		report.Add(f)
	}
	// Clients waiting for what they call.
	for _, client := range c.Kind("client") {
		limit := c.Prop(client, "TimeoutSeconds")
		if !limit.Present() {
			continue
		}
		for _, cn := range c.Out(client) {
			if cn.Integration != design.IntRequest {
				continue
			}
			to := c.To(cn)
			var wait float64
			var chain string
			switch to.Kind {
			case "apigateway-rest", "apigateway-http", "apigateway-websocket":
				w, ok := apiSlowestIntegration(c, to)
				if !ok {
					continue
				}
				wait, chain = w.seconds, w.chain
			case "lambda":
				t := c.Prop(to, "Timeout")
				wait, chain = t.Num(), c.Label(to)+" (function URL) may run for "+t.Text()
			case "cloudfront":
				wait, chain = slowestOrigin(c, to)
			}
			if limit.Num() >= wait {
				continue
			}
			report.Add(Finding{
				Subjects: []string{client.ID, cn.ID, to.ID},
				Message: c.Label(client) + " gives up after " + limit.Text() + " → " + chain + ". The request may take " +
					"up to " + num(wait, "s") + ", so the client can give up on an answer that is still coming, and " +
					"retry work that is already done. Let the client wait longer, or answer at once and finish the work " +
					"asynchronously.",
			})
		}
	}
}

// slowestOrigin returns how long a distribution may take to answer: for
// each origin it knows, the shorter of its origin timeout and what the
// origin may take; and the chain that says why.
func slowestOrigin(c *Context, d *design.Block) (float64, string) {
	var best float64
	var chain string
	for _, cn := range c.Out(d) {
		if cn.Integration != design.IntOrigin {
			continue
		}
		wait, originChain, ok := originWait(c, c.To(cn))
		if !ok {
			continue
		}
		read := c.ConnProp(cn, "OriginReadTimeout")
		if w := math.Min(wait, read.Num()); w > best {
			best = w
			chain = c.Label(d) + " waits up to " + read.Text() + " → " + originChain
		}
	}
	return best, chain
}
