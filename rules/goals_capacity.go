package rules

import (
	"fmt"
	"strings"

	"github.com/archlab/archlab/capacity"
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
	r := capacityOf(g.c)
	if r == nil {
		return noTraffic
	}
	if why := g.statedTraffic(goal); why != "" {
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
	return strings.Join(why, "; ")
}

// monthlyCost compares the model's estimate, from the average traffic,
// with the goal's budget: the whole design's, or the selected blocks'.
func (g *grader) monthlyCost(goal *Goal) string {
	r := capacityOf(g.c)
	if r == nil {
		return noTraffic
	}
	if why := g.statedTraffic(goal); why != "" {
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
		capacity.Money(total), capacity.Money(*goal.AtMost), r.Prices.Region, r.Prices.Date)
}

// statedTraffic checks the design's traffic, added over its entries,
// against the least the goal measures at.
func (g *grader) statedTraffic(goal *Goal) string {
	var peak, avg float64
	for _, t := range g.c.Design.Traffic {
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
