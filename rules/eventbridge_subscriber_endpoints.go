package rules

import (
	"strings"

	"github.com/archlab/archlab/design"
)

// eventBridgeSubscriberEndpoints: a Custom Event Bus subscriber reads one bus
// (EventBusArn, required) and delivers to one target (InvokeConfiguration,
// required, with one TargetArn), with at most one dead-letter queue
// (OnFailureConfiguration). CloudFormation refuses a subscriber without its
// bus or target, and one subscriber cannot hold a second of either: fanning
// out takes one subscriber per target.
type eventBridgeSubscriberEndpoints struct{}

func newEventBridgeSubscriberEndpoints() Rule { return eventBridgeSubscriberEndpoints{} }

func (eventBridgeSubscriberEndpoints) Meta() Meta {
	return Meta{
		ID:       "eventbridge-subscriber-endpoints",
		Title:    "Subscriber without exactly one bus and one target",
		Severity: Error,
		Scope:    "block:eventbridge-subscriber",
	}
}

func (eventBridgeSubscriberEndpoints) Check(c *Context, report *Report) {
	for _, s := range c.Kind(kindSubscriber) {
		buses, targets, dlqs := subscriberBuses(c, s), targetsOf(c, s), subscriberDLQs(c, s)
		var problems []string
		switch {
		case len(buses) == 0:
			problems = append(problems, "no bus")
		case len(buses) > 1:
			problems = append(problems, busCount(len(buses))+" ("+c.joinLabels(connFroms(buses))+")")
		}
		switch {
		case len(targets) == 0:
			problems = append(problems, "no target")
		case len(targets) > 1:
			problems = append(problems, plural(len(targets), "target")+" ("+c.joinLabels(targetIDs(targets))+")")
		}
		if len(dlqs) > 1 {
			problems = append(problems, plural(len(dlqs), "dead-letter queue")+" ("+c.joinLabels(targetIDs(dlqs))+")")
		}
		if len(problems) == 0 {
			continue
		}
		f := Finding{
			Subjects: []string{s.ID},
			Message: c.Label(s) + " has " + strings.Join(problems, " and ") + ": a subscriber reads exactly one Custom " +
				"Event Bus (EventBusArn) and delivers to exactly one target (InvokeConfiguration.TargetArn), with at most " +
				"one dead-letter queue (OnFailureConfiguration), and CloudFormation requires the bus and the target.",
		}
		if len(targets) > 1 && len(buses) == 1 && len(dlqs) <= 1 {
			added, fix := subscriberSplitOps(c, s, targets)
			f.Message += " Create one subscriber per target on the same bus (" + plural(len(added), "more subscriber") +
				" with the same filters, retries and dead-letter queue)."
			f.Fix = fix
		} else if len(targets) > 1 {
			f.Message += " To fan out, create one subscriber per target on the same bus."
		}
		report.Add(f)
	}
}

// busCount is "2 buses".
func busCount(n int) string {
	if n == 1 {
		return "1 bus"
	}
	return design.FormatNumber(float64(n)) + " buses"
}

// subscriberSplitOps returns the fix that keeps a subscriber's first target
// and gives each other one a copy of the subscriber: the same properties
// (its name suffixed, since names are unique per bus), the same bus and the
// same dead-letter queue. It returns the new subscribers' ids.
func subscriberSplitOps(c *Context, s *design.Block, targets []*design.Connection) ([]string, design.Ops) {
	ids := newEBIDs(c)
	var fix design.Ops
	var added []string
	for k, cn := range targets[1:] {
		id := ids.next(s.ID + logicalPart(cn.To))
		added = append(added, id)
		props := s.Props.Clone()
		if n, ok := props.String("Name"); ok {
			props["Name"] = strings.ToLower(n + "-" + cn.To)
		}
		name := ""
		if s.Name != "" {
			name = s.Name + " (" + cn.To + ")"
		}
		op := addBlock(s, id, s.Kind, name, map[string]any(props))
		op.Block.X = float64(k+1) * 200
		fix = append(fix, op)
		for _, in := range subscriberBuses(c, s) {
			fix = append(fix, connect(ids.next(in.From+"-"+id), in.From, id, design.IntSubscription, map[string]any(in.Props.Clone())))
		}
		for _, d := range subscriberDLQs(c, s) {
			fix = append(fix, connect(ids.next(id+"-"+d.To), id, d.To, design.IntDeadLetter, map[string]any(d.Props.Clone())))
		}
		fix = append(fix, ebDisconnect(cn.ID), connect(cn.ID, id, cn.To, cn.Integration, map[string]any(cn.Props.Clone())))
	}
	return added, fix
}

// logicalPart keeps the letters and digits of an id, for ids built from it.
func logicalPart(id string) string {
	var b strings.Builder
	for _, r := range id {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}
