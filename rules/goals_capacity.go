package rules

import (
	"encoding/json"
	"fmt"
	"maps"
	"strings"

	"github.com/archlab/archlab/capacity"
	"github.com/archlab/archlab/design"
)

// noTraffic is why a capacity or cost goal is not met by a design that
// states no traffic: without it every load and cost is zero, and a trainee
// who deletes the traffic has sized nothing.
const noTraffic = "the design states no traffic: give its entry blocks a peak under Traffic and assumptions"

// capacity checks the stated peak against each limit the model knows, for
// the blocks the goal selects (every block without a selector). A queue or
// stream whose consumers take less than the average arrival fails too: it
// is over what it can carry, only more slowly. Blocks that stand for
// something outside the design are not the trainee's to size.
func (g *grader) capacity(goal *Goal) string {
	d, r, held := g.model(goal)
	if r == nil {
		return noTraffic
	}
	if why := statedTraffic(d, goal); why != "" {
		return why
	}
	most := 1.0
	if goal.AtMost != nil {
		most = *goal.AtMost
	}
	var over, backlog []string
	measured := 0
	for _, blk := range g.blocks(goal.Block) {
		b := r.Block(blk.ID)
		if b == nil || !b.Loaded || blk.External != nil {
			continue
		}
		if b.Limit != nil || b.ServiceRate > 0 {
			measured++
		}
		if b.Limit != nil && b.Utilisation > most {
			over = append(over, fmt.Sprintf("%s is at %s of its %s (%s %s)", blk.Label(), capacity.Percent(b.Utilisation),
				b.Limit.What, capacity.Rate(b.Limit.Value), b.Limit.Unit))
		}
		if b.Backlog {
			backlog = append(backlog, fmt.Sprintf("%s grows a backlog: its consumers take at most %s %s, fewer than arrive", blk.Label(), capacity.Rate(b.ServiceRate), b.Unit))
		}
	}
	switch {
	case goal.Block != nil && measured == 0:
		return "no " + g.describe(goal.Block) + " carries traffic against a limit"
	case len(over) == 0 && len(backlog) == 0:
		return ""
	}
	var why []string
	if len(over) > 0 {
		want := "over its limit"
		if most < 1 {
			want = "above " + capacity.Percent(most) + " of its limit"
		}
		why = append(why, "at the stated peak, "+want+": "+strings.Join(over, "; "))
	}
	if len(backlog) > 0 {
		why = append(why, "at the stated average, "+strings.Join(backlog, "; "))
	}
	return strings.Join(why, "; ") + held
}

// monthlyCost compares the model's estimate, from the average traffic,
// with the goal's budget: the whole design's, or the selected blocks'.
func (g *grader) monthlyCost(goal *Goal) string {
	d, r, held := g.model(goal)
	if r == nil {
		return noTraffic
	}
	if why := statedTraffic(d, goal); why != "" {
		return why
	}
	total := r.MonthlyCost
	if goal.Block != nil {
		total = 0
		bs := g.blocks(goal.Block)
		if len(bs) == 0 {
			return "nothing to price: no " + g.describe(goal.Block)
		}
		for _, blk := range bs {
			if b := r.Block(blk.ID); b != nil {
				total += b.MonthlyCost
			}
		}
	}
	if total <= *goal.AtMost {
		return ""
	}
	return fmt.Sprintf("estimated %s a month, above the budget of %s (prices of %s, %s)",
		capacity.Money(total), capacity.Money(*goal.AtMost), r.Prices.Region, r.Prices.Date) + held
}

// statedTraffic checks the design's traffic, added over its entries,
// against the least the goal measures at.
func statedTraffic(d *design.Design, goal *Goal) string {
	var peak, avg float64
	for _, t := range d.Traffic {
		peak += t.Peak()
		avg += t.Average()
	}
	switch {
	case goal.MinPeak != nil && peak < *goal.MinPeak:
		return fmt.Sprintf("the design states a peak of %s/s, below the %s/s to size for: keep the stated traffic", capacity.Rate(peak), capacity.Rate(*goal.MinPeak))
	case goal.MinAverage != nil && avg < *goal.MinAverage:
		return fmt.Sprintf("the design states an average of %s/s, below the %s/s to size for: keep the stated traffic", capacity.Rate(avg), capacity.Rate(*goal.MinAverage))
	}
	return ""
}

// HoldToStated makes the capacity and cost goals of a lab measure a
// trainee's design at the traffic and assumptions its start states, for
// the blocks of the start still there: the lab sets the figures (a peak, a
// function's duration) and the trainee sizes the design, so that editing
// the figures passes nothing. What the start leaves unstated stays the
// trainee's, such as the assumptions of a block they add.
func HoldToStated(goals []Goal, start *design.Design) {
	for i := range goals {
		if goals[i].Check == CheckCapacity || goals[i].Check == CheckMonthlyCost {
			goals[i].stated = start
		}
	}
}

// heldNote is added to why a held goal is not met, when the design's own
// figures differ from those it is measured at.
const heldNote = " (measured at the traffic and assumptions the lab states)"

// model returns the design a capacity or cost goal measures, its capacity
// model, and heldNote when the lab's figures replaced some of the design's.
func (g *grader) model(goal *Goal) (*design.Design, *capacity.Result, string) {
	if goal.stated == nil {
		return g.c.Design, capacityOf(g.c), ""
	}
	type held struct {
		d       *design.Design
		r       *capacity.Result
		changed bool
	}
	h := memo(g.c, fmt.Sprintf("capacity-held-%p", goal.stated), func() held {
		d, changed := atStated(g.c.Design, goal.stated)
		if len(d.Traffic) == 0 {
			return held{d, nil, changed}
		}
		return held{d, capacity.Compute(d, g.c.Cat, nil), changed}
	})
	if h.changed {
		return h.d, h.r, heldNote
	}
	return h.d, h.r, ""
}

// atStated is d with the traffic and assumptions start states put over
// its own, for the blocks both have; changed reports whether that changed
// anything. d itself is left as it is.
func atStated(d, start *design.Design) (*design.Design, bool) {
	out := *d
	out.Traffic, out.Assumptions = maps.Clone(d.Traffic), maps.Clone(d.Assumptions)
	changed := false
	for id, t := range start.Traffic {
		if d.Block(id) == nil {
			continue
		}
		if out.Traffic == nil {
			out.Traffic = map[string]design.Traffic{}
		}
		before, _ := json.Marshal(out.Traffic[id])
		out.Traffic[id] = t
		after, _ := json.Marshal(t)
		changed = changed || string(before) != string(after)
	}
	for id, a := range start.Assumptions {
		if d.Block(id) == nil {
			continue
		}
		if out.Assumptions == nil {
			out.Assumptions = map[string]design.Assumptions{}
		}
		// Only the fields start gives: decoding them over a copy of the
		// design's own sets those and leaves the rest. The copy is decoded
		// afresh, since decoding into a set field writes through its
		// pointer, which the design shares.
		before, _ := json.Marshal(out.Assumptions[id])
		over, _ := json.Marshal(a)
		var merged design.Assumptions
		if json.Unmarshal(before, &merged) != nil || json.Unmarshal(over, &merged) != nil {
			continue // values this package just encoded
		}
		after, _ := json.Marshal(merged)
		out.Assumptions[id] = merged
		changed = changed || string(before) != string(after)
	}
	return &out, changed
}
