package rules

import (
	"github.com/archlab/archlab/design"
)

// guardFindings reports the connections that break a catalogue guard owned
// by the rule: the connection was allowed when it was drawn, and a property
// changed since (a topic made FIFO after a function subscribed). The guard's
// message is the one people saw, or would have seen, when connecting.
func guardFindings(c *Context, rule string) []Finding {
	// One walk of the connections serves every rule that owns guards.
	byRule := memo(c, "guards", func() map[string][]Finding {
		m := map[string][]Finding{}
		for i := range c.Design.Connections {
			cn := &c.Design.Connections[i]
			in := c.Integration(cn)
			if in == nil || len(in.Guards) == 0 {
				continue // most integrations have none
			}
			from, to := c.From(cn), c.To(cn)
			g := c.Cat.BrokenGuardOf(in, from, to)
			if g == nil {
				continue
			}
			m[g.Rule] = append(m[g.Rule], Finding{
				Subjects: []string{cn.ID, cn.From, cn.To},
				Message:  c.Label(from) + " → " + c.Label(to) + ": " + g.Message + ".",
			})
		}
		return m
	})
	return byRule[rule]
}

// guardRuleIDs lists the rules that own catalogue guards; a test checks that
// each is registered, so no guard goes unreported.
func guardRuleIDs(cat *design.Catalogue) []string {
	seen := map[string]bool{}
	var ids []string
	for _, l := range cat.Links() {
		for _, in := range l.Integrations {
			for _, g := range in.Guards {
				if !seen[g.Rule] {
					seen[g.Rule] = true
					ids = append(ids, g.Rule)
				}
			}
		}
	}
	return ids
}
