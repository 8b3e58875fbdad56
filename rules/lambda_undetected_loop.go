package rules

import "github.com/archlab/archlab/design"

// lambdaUndetectedLoop: Lambda's recursion detection follows events only
// through functions, SQS, SNS and S3. A loop that also passes through
// another service (a DynamoDB stream, Kinesis, EventBridge, Step Functions,
// an API) is never stopped, and its cost runs away.
type lambdaUndetectedLoop struct{}

func newLambdaUndetectedLoop() Rule { return lambdaUndetectedLoop{} }

func (lambdaUndetectedLoop) Meta() Meta {
	return Meta{
		ID:       "lambda-undetected-loop",
		Title:    "Loop through a function that nothing stops",
		Severity: Error,
		Scope:    "design",
	}
}

func (lambdaUndetectedLoop) Check(c *Context, report *Report) {
	unbraked := memo(c, "lambda-unbraked-loops", func() [][]*design.Block { return unbrakedCycles(c) })
	for i, lp := range memo(c, "lambda-loops", func() []lambdaLoop { return lambdaLoops(c) }) {
		cycle := unbraked[i]
		if cycle == nil {
			continue // lambda-recursive-loop, or lambda-filtered-loop
		}
		var through []string
		seen := map[*design.Block]bool{}
		for _, b := range cycle {
			if !recursionCovered(b.Kind) && !seen[b] {
				seen[b] = true
				through = append(through, "the "+c.KindName(b)+" "+c.Label(b))
			}
		}
		inferred := loopInferred(c, cycle)
		report.Add(Finding{
			Subjects: blockIDs(lp.blocks),
			Message: loopText(c, cycle) + " is a loop through " + joinIDs(through) + ", which Lambda's recursion " +
				"detection does not follow: nothing stops it, and every turn bills invocations and requests until someone " +
				"notices. Break the cycle, or make the function ignore the changes it causes itself (a marker " +
				"attribute, a filter on the event source)." + loopInferredText(c, inferred),
			Inferred: len(inferred) > 0,
		})
	}
}

// unbrakedCycles finds, for each loop of lambdaLoops, a cycle through a
// function and a block Lambda's recursion detection does not follow that
// passes no event filter, or nil when there is none. A loop's own cycle
// serves when it has no filter; otherwise the loop's other paths are
// searched, so that one filtered service on a bus does not hide another
// with no filter at all.
func unbrakedCycles(c *Context) [][]*design.Block {
	loops := memo(c, "lambda-loops", func() []lambdaLoop { return lambdaLoops(c) })
	out := make([][]*design.Block, len(loops))
	for i, lp := range loops {
		if len(lp.uncovered) == 0 {
			continue
		}
		if len(loopFilters(c, lp.cycle)) == 0 {
			out[i] = lp.cycle
			continue
		}
		out[i] = unfilteredCycle(c, lp)
	}
	return out
}

// unfilteredCycle searches a loop for a cycle through a function and an
// uncovered block that crosses no filtering block (a rule with a pattern, a
// pipe with filter criteria, a rule or pipe outside the design) and no
// filtering connection (filter criteria, a filter policy). It is a
// breadth-first search from each function, so the cycle is a short one.
func unfilteredCycle(c *Context, lp lambdaLoop) []*design.Block {
	in := make(map[*design.Block]bool, len(lp.blocks))
	for _, b := range lp.blocks {
		in[b] = !filtersEvents(c, b)
	}
	next := func(b *design.Block, yield func(*design.Block)) {
		for _, cn := range c.Out(b) {
			to := c.To(cn)
			if to == nil || !in[to] || !loopEdge(c, cn) {
				continue
			}
			if mayFilter(c.ConnProp(cn, "FilterCriteria")) || mayFilter(c.ConnProp(cn, "FilterPolicy")) {
				continue
			}
			yield(to)
		}
	}
	path := func(from *design.Block, stop func(*design.Block) bool) []*design.Block {
		prev := map[*design.Block]*design.Block{from: nil}
		queue := []*design.Block{from}
		for len(queue) > 0 {
			u := queue[0]
			queue = queue[1:]
			var found *design.Block
			next(u, func(w *design.Block) {
				if found != nil {
					return
				}
				if stop(w) {
					found = w
					return
				}
				if _, seen := prev[w]; !seen {
					prev[w] = u
					queue = append(queue, w)
				}
			})
			if found != nil {
				p := []*design.Block{found}
				for x := u; x != nil; x = prev[x] {
					p = append(p, x)
				}
				for i, j := 0, len(p)-1; i < j; i, j = i+1, j-1 {
					p[i], p[j] = p[j], p[i]
				}
				return p
			}
		}
		return nil
	}
	for _, fn := range lp.blocks {
		if fn.Kind != "lambda" || !in[fn] {
			continue
		}
		there := path(fn, func(w *design.Block) bool { return !recursionCovered(w.Kind) })
		if there == nil {
			continue
		}
		back := path(there[len(there)-1], func(w *design.Block) bool { return w == fn })
		if back == nil {
			continue
		}
		return append(there, back[1:len(back)-1]...)
	}
	return nil
}

// filtersEvents reports whether a block filters the events passing through it,
// as loopFilters counts them.
func filtersEvents(c *Context, b *design.Block) bool {
	switch b.Kind {
	case "eventbridge-rule":
		return c.External(b) || c.Prop(b, "EventPattern").Set()
	case "eventbridge-pipe":
		return c.External(b) || c.Prop(b, "FilterCriteria").Set()
	}
	return false
}

// mayFilter reports whether a filter property may hold a filter: it is set,
// or unknown (a connection only a connector shows).
func mayFilter(v Value) bool { return v.Set() || v.Unknown }
