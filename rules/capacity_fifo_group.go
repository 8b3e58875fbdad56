package rules

import "github.com/archlab/archlab/capacity"

// capacityFifoGroup: a FIFO message group lives in one partition, which
// takes 300 calls a second however the queue is set; and its consumer
// handles one batch of a group at a time. Traffic spread over too few
// groups cannot pass.
type capacityFifoGroup struct{}

func newCapacityFifoGroup() Rule { return capacityFifoGroup{} }

func (capacityFifoGroup) Meta() Meta {
	return Meta{
		ID:       "capacity-fifo-group",
		Title:    "FIFO message groups cannot keep up with the stated traffic",
		Severity: Warning,
		Scope:    "block:sqs",
	}
}

func (capacityFifoGroup) Check(c *Context, report *Report) {
	r := capacityOf(c)
	if r == nil {
		return
	}
	for _, q := range c.Kind("sqs") {
		b := r.Block(q.ID)
		if b == nil || b.Limit == nil || b.Limit.Source != "sqs.fifo-message-group-calls-per-second" || b.Utilisation <= 1 {
			continue
		}
		groups := 1.0
		for _, a := range r.AssumptionsOf(q.ID) {
			if a.Name == "messageGroups" {
				groups = a.Value
			}
		}
		report.Add(Finding{
			Subjects: []string{q.ID},
			Message: c.Label(q) + " gets " + num(round2(b.PerSecond.Peak), "messages/s") + " at peak over " + plural(int(groups), "message group") +
				": " + num(round2(b.GroupRate), "send calls/s") + " for each group, " + capacity.Percent(b.Utilisation) + " of the " +
				num(b.Limit.Value, b.Limit.Unit) + " one group takes (a group lives in one partition, even in high-throughput mode). " +
				"Spread the messages over more message groups, or send them in batches of up to 10." + restsOnTraffic(c, r, q.ID, "messageGroups", "messagesPerCall"),
		})
	}
}
