package rules

import (
	"math"
	"time"

	"github.com/archlab/archlab/design"
)

// eventBridgeRetentionReplay: a Custom Event Bus keeps its events for its
// retention period (1 day unless set, 365 at most), and that is all a
// subscriber can read of the past: a subscriber that starts at a point in
// time, replays a backfill, or stays stopped while events pile up gets only
// what the bus still holds. It compares what the design relies on with the
// retention: the subscriber's ExpectedReplayDays estimate, a TIMESTAMP
// starting point (which must lie inside the retention and not in the
// future), and a stopped subscriber on a bus that keeps events one day.
type eventBridgeRetentionReplay struct{}

func newEventBridgeRetentionReplay() Rule { return eventBridgeRetentionReplay{} }

func (eventBridgeRetentionReplay) Meta() Meta {
	return Meta{
		ID:       "eventbridge-retention-replay",
		Title:    "Bus retention shorter than the replay a subscriber relies on",
		Severity: Warning,
		Scope:    "block:eventbridge-subscriber",
	}
}

func (eventBridgeRetentionReplay) Check(c *Context, report *Report) {
	for _, s := range c.Kind(kindSubscriber) {
		for _, in := range subscriberBuses(c, s) {
			bus := c.From(in)
			retention := c.Prop(bus, "StorageConfiguration.RetentionPeriodInDays")
			if retention.Unknown || !retention.Present() {
				continue // a bus outside the design: its retention is its owner's
			}
			keeps := c.Label(bus) + " keeps events " + days(retention.Num()) + defaultNote(retention)
			subjects := []string{s.ID, bus.ID}
			replay := c.Prop(s, "ExpectedReplayDays")
			start := c.Prop(s, "PointInTimeConfiguration.StartingPoint")
			switch {
			case replay.Set() && replay.Num() > retention.Num():
				f := Finding{Subjects: subjects, Message: c.Label(s) + " may have to read " + days(replay.Num()) + " back " +
					"(ExpectedReplayDays), but " + keeps + ": events older than that are gone when it starts or resumes."}
				if need := math.Ceil(replay.Num()); need <= customBusMaxRetention {
					f.Message += " Raise the bus's RetentionPeriodInDays to " + design.FormatNumber(need) + "."
					f.Fix = ops(setProps(bus.ID, map[string]any{"StorageConfiguration.RetentionPeriodInDays": need}))
				} else {
					f.Message += " A bus keeps events " + days(customBusMaxRetention) + " at most: keep older history elsewhere " +
						"(an archive in S3 through Firehose, say) for backfills."
				}
				report.Add(f)
			case c.Prop(s, "StartingPosition").Str() == "POINT_IN_TIME" && c.Prop(s, "PointInTimeConfiguration.PointType").Str() == "TIMESTAMP" && start.Set():
				at := time.Unix(int64(start.Num()), 0).UTC()
				age := c.Now.Sub(at).Hours() / 24
				switch {
				case at.After(c.Now):
					report.Add(Finding{Subjects: subjects, Message: c.Label(s) + " starts at " + at.Format(time.RFC3339) +
						", which is in the future: a starting point must lie inside the retention of " + c.Label(bus) +
						", between the oldest event it keeps and now. Use LATEST to start from now on."})
				case age > retention.Num():
					report.Add(Finding{Subjects: subjects, Message: c.Label(s) + " starts at " + at.Format(time.RFC3339) +
						", " + days(math.Floor(age)) + " ago, but " + keeps + ": a starting point must lie inside the " +
						"retention, so creating (or replacing) the subscriber now cannot start there, and the events before " +
						"the retention are gone. Start at the HORIZON (the oldest event kept), or at a later TIMESTAMP."})
				}
			case c.Prop(s, "State").Str() == "STOPPED" && retention.Default:
				report.Add(Finding{Subjects: subjects, Message: c.Label(s) + " is STOPPED: events pile up for it on the " +
					"bus only as long as the bus keeps them, and " + keeps + ", so a pause longer than that loses the " +
					"oldest. Set the bus's RetentionPeriodInDays for the longest pause (and ExpectedReplayDays on the " +
					"subscriber to say so)."})
			}
		}
	}
}
