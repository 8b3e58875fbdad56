package rules

import "github.com/archlab/archlab/design"

// capacitySyncTimeout: the synchronous chain behind an API (its
// integration, and every synchronous call that makes in turn) takes longer
// on average than the API waits: most requests time out.
type capacitySyncTimeout struct{}

func newCapacitySyncTimeout() Rule { return capacitySyncTimeout{} }

func (capacitySyncTimeout) Meta() Meta {
	return Meta{
		ID:       "capacity-sync-timeout",
		Title:    "A synchronous chain takes longer than its API waits",
		Severity: Warning,
		Scope:    "block:apigateway-rest, block:apigateway-http",
	}
}

func (capacitySyncTimeout) Check(c *Context, report *Report) {
	r := capacityOf(c)
	if r == nil {
		return
	}
	for _, kind := range []string{"apigateway-rest", "apigateway-http"} {
		for _, api := range c.Kind(kind) {
			if b := r.Block(api.ID); b == nil || !b.Loaded {
				continue
			}
			for _, cn := range c.Out(api) {
				if c.Model(cn) != design.ModelSync {
					continue
				}
				in := c.Integration(cn)
				if in == nil || in.Prop("TimeoutInMillis") == nil {
					continue
				}
				limit := c.ConnProp(cn, "TimeoutInMillis")
				to := r.Block(cn.To)
				if to == nil || limit.Num() <= 0 || to.DurationMs <= limit.Num() {
					continue
				}
				report.Add(Finding{
					Subjects: []string{api.ID, cn.ID},
					Message: c.Label(api) + " waits up to " + num(limit.Num()/1000, "s") + defaultNote(limit) + " for " + c.Label(c.To(cn)) +
						", whose synchronous chain takes " + num(round2(to.DurationMs/1000), "s") + " on average (its own time and the " +
						"synchronous calls it makes in turn): most requests time out and clients get 504 errors while the work goes on. " +
						"Make the chain shorter or faster, or answer at once and finish the work asynchronously." + restsOnTraffic(c, r, cn.To, "durationMs"),
				})
			}
		}
	}
}
