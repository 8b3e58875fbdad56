package capacity

import (
	"math"
	"strconv"
	"strings"

	"github.com/archlab/archlab/design"
)

// Money prints a dollar amount: cents below $100, whole dollars above,
// and "< $0.01" for a cost that rounds to nothing but is not nothing.
func Money(usd float64) string {
	switch {
	case usd == 0:
		return "$0"
	case usd > 0 && usd < 0.005:
		return "< $0.01"
	case math.Abs(usd) >= 100:
		return sign(usd) + "$" + design.FormatNumber(math.Round(math.Abs(usd)))
	}
	s := strconv.FormatFloat(math.Abs(usd), 'f', 2, 64)
	whole, cents, _ := strings.Cut(s, ".")
	n, _ := strconv.ParseFloat(whole, 64)
	return sign(usd) + "$" + design.FormatNumber(n) + "." + cents
}

func sign(f float64) string {
	if f < 0 {
		return "−"
	}
	return ""
}

// Percent prints a utilisation as a whole percentage ("83%").
func Percent(u float64) string {
	return design.FormatNumber(math.Round(u*100)) + "%"
}

// Rate prints a rate with up to two decimals.
func Rate(f float64) string {
	return design.FormatNumber(round(f, 2))
}

// Band places a utilisation in one of the heat view's bands: "idle" (no
// load), "low" (below 50%), "mid" (below 80%), "high" (up to 100%) and
// "over" (above the limit); "none" when the block has load but no
// limit to measure it against.
func (b *Block) Band() string {
	switch {
	case b == nil || !b.Loaded:
		return "idle"
	case b.Limit == nil:
		return "none"
	case b.Utilisation > 1:
		return "over"
	case b.Utilisation >= 0.8:
		return "high"
	case b.Utilisation >= 0.5:
		return "mid"
	}
	return "low"
}

// Summary says a block's figures in one line, for a tooltip.
func (b *Block) Summary() string {
	if b == nil || !b.Loaded {
		return "no traffic reaches it"
	}
	s := Rate(b.PerSecond.Average) + " " + b.Unit + " average, " + Rate(b.PerSecond.Peak) + " at peak"
	if b.Concurrency != nil {
		s += "; " + Rate(b.Concurrency.Peak) + " concurrent at peak"
	}
	if b.Limit != nil {
		s += "; " + Percent(b.Utilisation) + " of the " + b.Limit.What + " (" + design.FormatNumber(b.Limit.Value) + " " + b.Limit.Unit + ")"
	}
	if b.Backlog {
		s += "; consumers cannot keep up: the backlog grows"
	}
	return s + "; estimate " + Money(b.MonthlyCost) + "/month"
}
