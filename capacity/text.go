package capacity

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// Text writes the figures as a table for a terminal: each loaded block's
// load at average and peak, its share of its limit and its monthly cost,
// then the total and the assumptions, all marked as estimates with the
// price table's Region, date and source.
func Text(w io.Writer, r *Result) error {
	fmt.Fprintf(w, "Estimate from the stated traffic; prices of %s on %s (%s); free tiers not subtracted.\n", r.Prices.Region, r.Prices.Date, r.Prices.Source)
	if !r.HasTraffic {
		_, err := fmt.Fprintln(w, "  No traffic is given: set \"traffic\" on the entry blocks (in the design, the template's Metadata.archlab, or --traffic FILE).")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  block\tkind\taverage\tpeak\tconcurrency at peak\tof limit\tper month")
	for i := range r.Blocks {
		b := &r.Blocks[i]
		if !b.Loaded {
			continue
		}
		conc, share := "", ""
		if b.Concurrency != nil {
			conc = Rate(b.Concurrency.Peak)
		}
		if b.Limit != nil {
			share = Percent(b.Utilisation) + " of " + b.Limit.What
		}
		if b.Backlog {
			share += " (backlog grows)"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s %s\t%s\t%s\t%s\t%s\n", b.ID, b.Kind, Rate(b.PerSecond.Average), b.Unit, Rate(b.PerSecond.Peak), conc, share, Money(b.MonthlyCost))
	}
	fmt.Fprintf(tw, "  total\t\t\t\t\t\t%s\n", Money(r.MonthlyCost))
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "  Assumptions:")
	for _, a := range r.Assumptions {
		fmt.Fprintf(w, "    %s: %s\n", a.Block, a.Text)
	}
	return nil
}
