// Package prices holds AWS list prices as data: one dated table per Region,
// each price with the page it was read on. The capacity model reads them,
// and every cost it shows says which table, of what day, it came from.
// Adding a Region is adding a file.
package prices

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
)

// Price is one unit price.
type Price struct {
	// ID names the price: "<service>.<what>", such as "lambda.requests".
	ID      string `json:"id"`
	Service string `json:"service"`
	What    string `json:"what"`
	// Unit is what the price is for: "1M requests", "GB-second".
	Unit string  `json:"unit"`
	USD  float64 `json:"usd"`
	// Source is the pricing page the price was read on.
	Source string `json:"source"`
	// FreeTier says what AWS gives free; it is stated, never subtracted.
	FreeTier string `json:"freeTier,omitempty"`
}

// Table is the prices of one Region on one day.
type Table struct {
	Region     string  `json:"region"`
	RegionName string  `json:"regionName"`
	Currency   string  `json:"currency"`
	Date       string  `json:"date"`
	Source     string  `json:"source"`
	Note       string  `json:"note"`
	Prices     []Price `json:"prices"`
	byID       map[string]Price
}

// Of returns a price by id. It panics for an unknown id: prices are named
// in code, and the tests read every one the model names.
func (t *Table) Of(id string) Price {
	p, ok := t.byID[id]
	if !ok {
		panic("prices: no price " + id + " in " + t.Region)
	}
	return p
}

// USD is Of(id).USD.
func (t *Table) USD(id string) float64 { return t.Of(id).USD }

//go:embed *.json
var files embed.FS

var load = sync.OnceValue(func() map[string]*Table {
	m := map[string]*Table{}
	names, _ := fs.Glob(files, "*.json")
	for _, name := range names {
		data, err := files.ReadFile(name)
		if err != nil {
			panic(fmt.Sprintf("prices: %s: %v", name, err))
		}
		var t Table
		if err := json.Unmarshal(data, &t); err != nil {
			panic(fmt.Sprintf("prices: %s does not parse: %v", name, err))
		}
		if t.Region+".json" != name || len(t.Date) != len("2006-01-02") || !strings.HasPrefix(t.Source, "https://") {
			panic(fmt.Sprintf("prices: %s needs its Region as its name, a date and an https source", name))
		}
		t.byID = map[string]Price{}
		for _, p := range t.Prices {
			if p.ID == "" || p.Unit == "" || p.USD <= 0 || !strings.HasPrefix(p.Source, "https://") {
				panic(fmt.Sprintf("prices: %s: price %q needs an id, a unit, an amount and an https source", name, p.ID))
			}
			if _, dup := t.byID[p.ID]; dup {
				panic(fmt.Sprintf("prices: %s: price %q twice", name, p.ID))
			}
			t.byID[p.ID] = p
		}
		m[t.Region] = &t
	}
	return m
})

// DefaultRegion is the Region whose prices are used when none is asked for.
const DefaultRegion = "us-east-1"

// For returns the table of a Region, or false.
func For(region string) (*Table, bool) {
	t, ok := load()[region]
	return t, ok
}

// Default returns the table of DefaultRegion.
func Default() *Table {
	t, _ := For(DefaultRegion)
	return t
}

// Regions lists the Regions with a table.
func Regions() []string {
	var out []string
	for r := range load() {
		out = append(out, r)
	}
	slices.Sort(out)
	return out
}
