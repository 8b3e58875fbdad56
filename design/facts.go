package design

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"time"
)

// Fact is one limit, quota or date of an AWS service that rules or the
// catalogue rely on, with where it was read and when it was last checked:
// facts change (SQS messages grew to 1 MiB in 2025), so they live as data,
// shown on the knowledge base's facts page, never only in a message.
type Fact struct {
	// ID names the fact: "<service>.<what>", such as
	// "sqs.fifo-api-calls-per-second".
	ID      string  `json:"id"`
	Value   float64 `json:"value"`
	Unit    string  `json:"unit,omitempty"`
	Summary string  `json:"summary"`
	// Source is the URL the value was read on.
	Source string `json:"source"`
	// Checked is the day the value was last compared with its source.
	Checked string `json:"checked,omitempty"`
	// Unverified marks a fact no one has yet compared with its source: it
	// then has no Checked day, since a day there would claim a check that
	// did not happen, and its summary says so.
	Unverified bool `json:"unverified,omitempty"`
	// Date is set, as YYYY-MM-DD, for a fact that is a day rather than a
	// number (an end of support); its Value is then 0.
	Date string `json:"date,omitempty"`
}

// CheckedText is the Checked day, or "not verified" for an unverified fact.
func (f Fact) CheckedText() string {
	if f.Unverified {
		return "not verified"
	}
	return f.Checked
}

// valid reports whether a fact has an id, a summary and an https source,
// and either a Checked day or, if unverified, none.
func (f Fact) valid() bool {
	if f.ID == "" || f.Summary == "" || !strings.HasPrefix(f.Source, "https://") {
		return false
	}
	if f.Unverified {
		return f.Checked == ""
	}
	_, err := time.Parse(time.DateOnly, f.Checked)
	return err == nil
}

// Text prints the value with its unit ("300 calls/s"), or a dated fact's
// day ("2027-02-25").
func (f Fact) Text() string {
	if f.Date != "" {
		return f.Date
	}
	if f.Unit == "" {
		return FormatNumber(f.Value)
	}
	return FormatNumber(f.Value) + " " + f.Unit
}

//go:embed data/facts/*.json
var factFiles embed.FS

var loadFacts = sync.OnceValue(func() map[string]Fact {
	m := map[string]Fact{}
	names, _ := fs.Glob(factFiles, "data/facts/*.json")
	for _, name := range names {
		data, err := factFiles.ReadFile(name)
		if err != nil {
			panic(fmt.Sprintf("design: %s: %v", name, err))
		}
		var list []Fact
		if err := json.Unmarshal(data, &list); err != nil {
			panic(fmt.Sprintf("design: %s does not parse: %v", name, err))
		}
		for _, f := range list {
			if !f.valid() {
				panic(fmt.Sprintf("design: %s: fact %q needs an id, a summary, an https source and a checked day (or none, and unverified)", name, f.ID))
			}
			if _, dup := m[f.ID]; dup {
				panic(fmt.Sprintf("design: fact %q twice", f.ID))
			}
			m[f.ID] = f
		}
	}
	return m
})

// FactOf returns a fact by id. It panics for an unknown id: facts are
// named in code, and tests load every one.
func FactOf(id string) Fact {
	f, ok := loadFacts()[id]
	if !ok {
		panic("design: no fact " + id)
	}
	return f
}

// FactValue is FactOf(id).Value.
func FactValue(id string) float64 { return FactOf(id).Value }

// Facts returns every fact, by id.
func Facts() []Fact {
	m := loadFacts()
	out := make([]Fact, 0, len(m))
	for _, f := range m {
		out = append(out, f)
	}
	slices.SortFunc(out, func(a, b Fact) int { return strings.Compare(a.ID, b.ID) })
	return out
}
