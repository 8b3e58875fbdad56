package capacity

import "strings"

// Delta is how the capacity and cost of two versions of a design differ.
type Delta struct {
	From, To float64 // monthly cost, estimate
	// Throttled lists the blocks over their limit at peak in the second
	// version and not in the first; Relieved the other way round.
	Throttled, Relieved []string
	// Blocks lists the blocks whose cost or utilisation changed.
	Blocks []BlockDelta
	Prices PriceRef
	// Sentence says it in one line: "This change adds $42/month and
	// removes the throttling at peak of Worker."
	Sentence string
}

// BlockDelta is one block's change.
type BlockDelta struct {
	ID, Label                      string
	FromCost, ToCost               float64
	FromUtilisation, ToUtilisation float64
}

// Compare says how b differs from a.
func Compare(a, b *Result) Delta {
	d := Delta{From: a.MonthlyCost, To: b.MonthlyCost, Prices: b.Prices}
	seen := map[string]bool{}
	add := func(id, label string, x, y *Block) {
		if seen[id] {
			return
		}
		seen[id] = true
		var bd BlockDelta
		bd.ID, bd.Label = id, label
		over := func(k *Block) bool { return k != nil && k.Limit != nil && k.Utilisation > 1 }
		if x != nil {
			bd.FromCost, bd.FromUtilisation = x.MonthlyCost, x.Utilisation
		}
		if y != nil {
			bd.ToCost, bd.ToUtilisation = y.MonthlyCost, y.Utilisation
		}
		switch {
		case over(y) && !over(x):
			d.Throttled = append(d.Throttled, label)
		case over(x) && !over(y):
			d.Relieved = append(d.Relieved, label)
		}
		if round(bd.FromCost, 2) != round(bd.ToCost, 2) || round(bd.FromUtilisation, 2) != round(bd.ToUtilisation, 2) {
			d.Blocks = append(d.Blocks, bd)
		}
	}
	for i := range b.Blocks {
		add(b.Blocks[i].ID, b.Blocks[i].Label, a.Block(b.Blocks[i].ID), &b.Blocks[i])
	}
	for i := range a.Blocks {
		add(a.Blocks[i].ID, a.Blocks[i].Label, &a.Blocks[i], nil)
	}
	change := round(d.To-d.From, 2)
	var parts []string
	switch {
	case change > 0:
		parts = append(parts, "adds "+Money(change)+"/month")
	case change < 0:
		parts = append(parts, "saves "+Money(-change)+"/month")
	default:
		parts = append(parts, "leaves the monthly cost at "+Money(d.To))
	}
	if len(d.Relieved) > 0 {
		parts = append(parts, "removes the throttling at peak of "+join(d.Relieved))
	}
	if len(d.Throttled) > 0 {
		parts = append(parts, "brings throttling at peak to "+join(d.Throttled))
	}
	d.Sentence = "This change " + strings.Join(parts, " and ") + " (estimate from the stated traffic, " + d.Prices.Region + " prices of " + d.Prices.Date + ")."
	return d
}

func join(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}
