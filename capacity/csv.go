package capacity

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"

	"github.com/archlab/archlab/content/prices"
)

// CSV writes the cost table: one row per priced item of each block, then
// the total. Every row names the price table's Region and date, and the
// block's assumptions, so that a figure pasted elsewhere keeps what it
// rests on. Text a spreadsheet would run as a formula is quoted with '.
func CSV(r *Result, table *prices.Table) []byte {
	if table == nil {
		table = prices.Default()
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"block", "name", "kind", "price", "what", "quantity", "unit", "usd_per_unit", "monthly_usd_estimate", "region", "price_date", "price_source", "assumptions"})
	for i := range r.Blocks {
		blk := &r.Blocks[i]
		var as []string
		for _, a := range r.AssumptionsOf(blk.ID) {
			as = append(as, a.Text)
		}
		for _, l := range blk.Cost {
			w.Write([]string{cell(blk.ID), cell(blk.Label), blk.Kind, l.Price, l.What, num(l.Quantity), l.Unit,
				num(table.USD(l.Price)), fmt.Sprintf("%.2f", l.USD), r.Prices.Region, r.Prices.Date, table.Of(l.Price).Source, cell(strings.Join(as, "; "))})
		}
	}
	w.Write([]string{"TOTAL", "", "", "", "estimate from average traffic; free tiers not subtracted", "", "", "",
		fmt.Sprintf("%.2f", r.MonthlyCost), r.Prices.Region, r.Prices.Date, r.Prices.Source, ""})
	w.Flush()
	return b.Bytes()
}

func num(f float64) string { return strconv.FormatFloat(f, 'g', 10, 64) }

// cell keeps a spreadsheet from reading user text as a formula.
func cell(s string) string {
	if s != "" && strings.ContainsAny(s[:1], "=+-@\t\r") {
		return "'" + s
	}
	return s
}
