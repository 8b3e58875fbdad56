package rules

import (
	"strings"
)

// snsFifoName: SNS requires FIFO topic names to end in .fifo, and refuses
// the suffix on standard topics.
type snsFifoName struct{}

func newSNSFifoName() Rule { return snsFifoName{} }

func (snsFifoName) Meta() Meta {
	return Meta{
		ID:       "sns-fifo-name",
		Title:    "Topic name suffix does not match the topic type",
		Severity: Error,
		Scope:    "block:sns",
	}
}

func (snsFifoName) Check(c *Context, report *Report) {
	for _, t := range c.Kind("sns") {
		name, ok := t.Props.String("TopicName")
		fifo := c.IsFifo(t)
		if !ok || strings.HasSuffix(name, fifoSuffix) == fifo {
			continue
		}
		fixed := withFifoSuffix(name, fifo)
		msg := c.Label(t) + " is a FIFO topic, so its TopicName must end in .fifo; " + name + " does not."
		if !fifo {
			msg = c.Label(t) + " is a standard topic, but its TopicName " + name + " ends in .fifo, which SNS keeps for FIFO topics."
		}
		report.Add(Finding{
			Subjects: []string{t.ID},
			Message:  msg + " The topic cannot be created; name it " + fixed + ".",
			Fix:      ops(setProps(t.ID, map[string]any{"TopicName": fixed})),
		})
	}
}
