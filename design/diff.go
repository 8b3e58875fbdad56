package design

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Diff is what changed between two versions of a design, at the level
// people think of it: blocks, connections and their properties. History
// summaries and the comparison of any two versions are both diffs.
type Diff struct {
	Blocks      []BlockChange
	Connections []ConnectionChange
	// Moved lists the blocks whose position alone changed.
	Moved       []string
	Title       *[2]string // old and new, when the title changed
	Description bool       // the description changed
	// Accepted lists the accepted findings added, withdrawn or re-reasoned.
	Accepted []AcceptedChange
	// Groups says in phrases how the groups changed (see compareGroups).
	Groups []string
	// Traffic says in phrases how the traffic and assumptions changed.
	Traffic []string
}

// The kinds of change of a block or connection.
const (
	Added   = "added"
	Removed = "removed"
	Changed = "changed"
)

// BlockChange is a block added, removed or changed.
type BlockChange struct {
	Change string
	ID     string
	Kind   string
	// Name holds the old and new names when the block was renamed.
	Name  *[2]string
	Props []PropChange
	// External holds whether the block was outside the design before and
	// after, when that changed or its reference did.
	External *[2]*External
}

// ConnectionChange is a connection added, removed or changed.
type ConnectionChange struct {
	Change      string
	ID          string
	From, To    string
	Integration string
	// Integrations holds the old and new integration when it changed.
	Integrations *[2]string
	Props        []PropChange
	// Declared is set when the connection went from inferred to declared
	// (true) or back (false).
	Declared *bool
}

// PropChange is one property set, changed or unset; Old or New is nil when
// the property was not set on that side.
type PropChange struct {
	Name     string
	Old, New any
}

// Empty reports whether nothing changed.
func (d Diff) Empty() bool {
	return len(d.Blocks) == 0 && len(d.Connections) == 0 && len(d.Moved) == 0 && d.Title == nil && !d.Description && len(d.Accepted) == 0 && len(d.Groups) == 0 && len(d.Traffic) == 0
}

// Compare returns what changed from a to b.
func Compare(a, b *Design) Diff {
	var d Diff
	if a.Title != b.Title {
		d.Title = &[2]string{a.Title, b.Title}
	}
	d.Description = a.Description != b.Description
	d.Accepted = compareAccepted(a.Accepted, b.Accepted)
	d.Groups = compareGroups(a, b)
	d.Traffic = compareTraffic(a, b)
	for i := range a.Blocks {
		old := &a.Blocks[i]
		cur := b.Block(old.ID)
		if cur == nil {
			d.Blocks = append(d.Blocks, BlockChange{Change: Removed, ID: old.ID, Kind: old.Kind, Props: propChanges(old.Props, nil)})
			continue
		}
		c := BlockChange{Change: Changed, ID: old.ID, Kind: cur.Kind, Props: propChanges(old.Props, cur.Props)}
		if old.Name != cur.Name {
			c.Name = &[2]string{old.Name, cur.Name}
		}
		if !equalExternal(old.External, cur.External) {
			c.External = &[2]*External{old.External, cur.External}
		}
		if c.Name != nil || len(c.Props) > 0 || c.External != nil {
			d.Blocks = append(d.Blocks, c)
		} else if old.X != cur.X || old.Y != cur.Y {
			d.Moved = append(d.Moved, old.ID)
		}
	}
	for i := range b.Blocks {
		if cur := &b.Blocks[i]; a.Block(cur.ID) == nil {
			d.Blocks = append(d.Blocks, BlockChange{Change: Added, ID: cur.ID, Kind: cur.Kind, Props: propChanges(nil, cur.Props)})
		}
	}
	for i := range a.Connections {
		old := &a.Connections[i]
		cur := b.Connection(old.ID)
		if cur == nil {
			d.Connections = append(d.Connections, ConnectionChange{Change: Removed, ID: old.ID, From: old.From, To: old.To,
				Integration: old.Integration, Props: propChanges(old.Props, nil)})
			continue
		}
		c := ConnectionChange{Change: Changed, ID: old.ID, From: cur.From, To: cur.To, Integration: cur.Integration,
			Props: propChanges(old.Props, cur.Props)}
		if old.Integration != cur.Integration {
			c.Integrations = &[2]string{old.Integration, cur.Integration}
		}
		if was, is := old.Inferred(), cur.Inferred(); was != is {
			declared := !is
			c.Declared = &declared
		}
		if c.Integrations != nil || len(c.Props) > 0 || c.Declared != nil {
			d.Connections = append(d.Connections, c)
		}
	}
	for i := range b.Connections {
		if cur := &b.Connections[i]; a.Connection(cur.ID) == nil {
			d.Connections = append(d.Connections, ConnectionChange{Change: Added, ID: cur.ID, From: cur.From, To: cur.To,
				Integration: cur.Integration, Props: propChanges(nil, cur.Props)})
		}
	}
	// Additions read first, then removals, then changes.
	rank := map[string]int{Added: 0, Removed: 1, Changed: 2}
	slices.SortStableFunc(d.Blocks, func(x, y BlockChange) int { return rank[x.Change] - rank[y.Change] })
	slices.SortStableFunc(d.Connections, func(x, y ConnectionChange) int { return rank[x.Change] - rank[y.Change] })
	return d
}

func propChanges(a, b Props) []PropChange {
	var out []PropChange
	for _, name := range a.Keys() {
		if nv, ok := b[name]; !ok {
			out = append(out, PropChange{Name: name, Old: a[name]})
		} else if !Equal(a[name], nv) {
			out = append(out, PropChange{Name: name, Old: a[name], New: nv})
		}
	}
	for _, name := range b.Keys() {
		if _, ok := a[name]; !ok {
			out = append(out, PropChange{Name: name, New: b[name]})
		}
	}
	slices.SortFunc(out, func(x, y PropChange) int { return strings.Compare(x.Name, y.Name) })
	return out
}

// Summary says in a few phrases what changed, for a history list:
// "added SQS queue OrderQueue", "Worker: Timeout 3 → 30".
func (d Diff) Summary(cat *Catalogue) []string {
	var out []string
	if d.Title != nil {
		out = append(out, fmt.Sprintf("retitled %q → %q", d.Title[0], d.Title[1]))
	}
	if d.Description {
		out = append(out, "edited the description")
	}
	for _, b := range d.Blocks {
		switch b.Change {
		case Added:
			out = append(out, "added "+cat.KindName(b.Kind)+" "+b.ID)
		case Removed:
			out = append(out, "removed "+cat.KindName(b.Kind)+" "+b.ID)
		default:
			if b.Name != nil {
				out = append(out, fmt.Sprintf("renamed %s %q → %q", b.ID, b.Name[0], b.Name[1]))
			}
			if len(b.Props) > 0 {
				out = append(out, b.ID+": "+propSummary(b.Props))
			}
			if b.External != nil {
				switch now := b.External[1]; {
				case now == nil:
					out = append(out, b.ID+": back in the design")
				case now.Ref != "":
					out = append(out, b.ID+": outside the design ("+now.Ref+")")
				default:
					out = append(out, b.ID+": outside the design")
				}
			}
		}
	}
	for _, c := range d.Connections {
		link := c.From + " → " + c.To
		switch c.Change {
		case Added:
			out = append(out, "connected "+link+" ("+integrationName(c.Integration)+")")
		case Removed:
			out = append(out, "disconnected "+link)
		default:
			if c.Integrations != nil {
				out = append(out, link+": "+integrationName(c.Integrations[0])+" → "+integrationName(c.Integrations[1]))
			}
			if len(c.Props) > 0 {
				out = append(out, link+": "+propSummary(c.Props))
			}
			if c.Declared != nil {
				if *c.Declared {
					out = append(out, link+": declared")
				} else {
					out = append(out, link+": only inferred")
				}
			}
		}
	}
	out = append(out, acceptedSummary(d.Accepted)...)
	out = append(out, d.Groups...)
	out = append(out, d.Traffic...)
	switch len(d.Moved) {
	case 0:
	case 1:
		out = append(out, "moved "+d.Moved[0])
	default:
		out = append(out, fmt.Sprintf("moved %d blocks", len(d.Moved)))
	}
	return out
}

func propSummary(ps []PropChange) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		switch {
		case p.Old == nil:
			parts[i] = p.Name + " set to " + FormatValue(p.New)
		case p.New == nil:
			parts[i] = p.Name + " unset (was " + FormatValue(p.Old) + ")"
		default:
			parts[i] = p.Name + " " + FormatValue(p.Old) + " → " + FormatValue(p.New)
		}
	}
	return strings.Join(parts, ", ")
}

// FormatValue writes a property value as people read it: numbers without
// needless decimals, strings bare, lists and objects as compact JSON.
func FormatValue(v any) string {
	switch v := v.(type) {
	case nil:
		return "unset"
	case float64:
		return FormatNumber(v)
	case string:
		return v
	case bool:
		return fmt.Sprint(v)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// integrationName names an integration by its id; the same id means the
// same thing between any two kinds.
func integrationName(id string) string {
	if id == "" {
		return "default integration"
	}
	return strings.ReplaceAll(id, "-", " ")
}

func equalExternal(a, b *External) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
