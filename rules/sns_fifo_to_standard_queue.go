package rules

// snsFifoToStandardQueue: a FIFO topic may deliver to a standard queue
// (since September 2023), but the queue neither keeps the order nor
// deduplicates, so the topic's guarantees end there.
type snsFifoToStandardQueue struct{}

func newSNSFifoToStandardQueue() Rule { return snsFifoToStandardQueue{} }

func (snsFifoToStandardQueue) Meta() Meta {
	return Meta{
		ID:       "sns-fifo-to-standard-queue",
		Title:    "FIFO topic delivering to a standard queue",
		Severity: Warning,
		Scope:    "connection:sns→sqs",
	}
}

func (snsFifoToStandardQueue) Check(c *Context, report *Report) {
	for _, cn := range c.Links("sns", "sqs", "") {
		topic, q := c.From(cn), c.To(cn)
		if !c.IsFifo(topic) || c.IsFifo(q) || !c.FifoKnown(q) {
			continue
		}
		f := Finding{
			Subjects: []string{cn.ID, q.ID, topic.ID},
			Message: c.Label(topic) + " is a FIFO topic but " + c.Label(q) + " is a standard queue: the messages arrive, " +
				"but out of order and possibly more than once, so what the FIFO topic guarantees is lost at this " +
				"subscription. Make the queue FIFO, unless its consumer needs neither ordering nor deduplication.",
		}
		if fix, ok := queueTypeOps(c, q, true); ok {
			f.Fix = fix
		}
		report.Add(f)
	}
}
