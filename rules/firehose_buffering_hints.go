package rules

// firehoseBufferingHints: Firehose takes the two buffering hints together or
// not at all; a delivery configuration that sets one without the other is
// refused.
type firehoseBufferingHints struct{}

func newFirehoseBufferingHints() Rule { return firehoseBufferingHints{} }

func (firehoseBufferingHints) Meta() Meta {
	return Meta{
		ID:       "firehose-buffering-hints",
		Title:    "Firehose buffering hint set without the other",
		Severity: Error,
		Scope:    "block:firehose",
	}
}

func (firehoseBufferingHints) Check(c *Context, report *Report) {
	const size, interval = "BufferingHints.SizeInMBs", "BufferingHints.IntervalInSeconds"
	for _, fh := range c.Kind("firehose") {
		s, i := c.Prop(fh, size), c.Prop(fh, interval)
		if s.Set() == i.Set() {
			continue
		}
		set, missing, def := "SizeInMBs "+s.Text(), "IntervalInSeconds", i
		if i.Set() {
			set, missing, def = "IntervalInSeconds "+i.Text(), "SizeInMBs", s
		}
		name := "BufferingHints." + missing
		report.Add(Finding{
			Subjects: []string{fh.ID},
			Message: c.Label(fh) + " sets the buffering hint " + set + " but not " + missing + ": Firehose takes both " +
				"buffering hints or neither, and refuses one alone. Set " + missing + " too; its default is " +
				Value{V: def.V, Unit: def.Unit}.Text() + ". Firehose delivers when either the size or the interval is reached, whichever comes first.",
			Fix: ops(setProps(fh.ID, map[string]any{name: def.V})),
		})
	}
}
