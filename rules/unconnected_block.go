package rules

// unconnectedBlock: a block that nothing connects to does nothing in the
// design; it is often a forgotten piece or a connection not yet drawn.
type unconnectedBlock struct{}

func newUnconnectedBlock() Rule { return unconnectedBlock{} }

func (unconnectedBlock) Meta() Meta {
	return Meta{
		ID:       "unconnected-block",
		Title:    "Block with no connections",
		Severity: Info,
		Scope:    "design",
	}
}

func (unconnectedBlock) Check(c *Context, report *Report) {
	if len(c.Design.Blocks) < 2 {
		return
	}
	for i := range c.Design.Blocks {
		b := &c.Design.Blocks[i]
		if len(c.In(b)) > 0 || len(c.Out(b)) > 0 || len(c.RefsTo(b.ID)) > 0 {
			continue // a dead-letter queue named by a property is in use
		}
		report.Add(Finding{
			Subjects: []string{b.ID},
			Message: c.Label(b) + " (" + c.KindName(b) + ") has no connections: nothing calls it and it calls nothing, " +
				"so the design does not show what it is for. Connect it, or remove it.",
		})
	}
}
