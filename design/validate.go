package design

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
)

// Limits on the texts of a design. The limits on its size and on its
// blocks and connections are the catalogue's (see Limits).
const (
	MaxTitleLen   = 200
	MaxDescLen    = 20000
	MaxNameLen    = 120
	MaxCoordinate = 1e6
)

// idPattern accepts CloudFormation logical ids and the kebab or snake case
// names people use; ids appear in URLs, SVG and templates, so nothing else.
var idPattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{0,127}$`)

// Validate checks the design against the catalogue: known kinds, properties
// of the right types, unique ids, connections between existing blocks that
// the catalogue allows. It fills in what may be left out (a connection's id,
// its integration when there is only one) and puts property values into
// their canonical form. Range and best-practice problems are not errors here:
// the rules engine reports them as findings.
func (d *Design) Validate(cat *Catalogue) error {
	if d.Title == "" {
		d.Title = "Untitled design"
	}
	if err := checkText("title", d.Title, MaxTitleLen); err != nil {
		return err
	}
	if err := checkMultiline("description", d.Description, MaxDescLen); err != nil {
		return err
	}
	if d.Source != nil {
		if err := d.Source.Check(); err != nil {
			return err
		}
	}
	ids := make(map[string]string, len(d.Blocks)+len(d.Connections))
	for i := range d.Blocks {
		path := fmt.Sprintf("blocks[%d]", i)
		b := &d.Blocks[i]
		if err := cat.checkBlock(b); err != nil {
			return within(path, err)
		}
		if prev, dup := ids[b.ID]; dup {
			return Invalid(path+".id", "duplicate id %q (also %s)", b.ID, prev)
		}
		ids[b.ID] = path
	}
	index := make(map[string]*Block, len(d.Blocks))
	for i := range d.Blocks {
		index[d.Blocks[i].ID] = &d.Blocks[i]
	}
	blockOf := func(id string) *Block { return index[id] }
	for i := range d.Blocks {
		if err := cat.checkRefs(blockOf, d.Blocks[i].Props, cat.byID[d.Blocks[i].Kind].Props); err != nil {
			return within(fmt.Sprintf("blocks[%d].props", i), err)
		}
	}
	for i := range d.Connections {
		c := &d.Connections[i]
		path := fmt.Sprintf("connections[%d]", i)
		if c.ID == "" {
			c.ID = freeConnectionID(c.From, c.To, func(id string) bool { _, taken := ids[id]; return taken })
		}
		if err := cat.checkConnection(blockOf, c); err != nil {
			return within(path, err)
		}
		if prev, dup := ids[c.ID]; dup {
			return Invalid(path+".id", "duplicate id %q (also %s)", c.ID, prev)
		}
		ids[c.ID] = path
	}
	seen := make(map[[3]string]string, len(d.Connections))
	for i, c := range d.Connections {
		key := [3]string{c.From, c.To, c.Integration}
		if prev, dup := seen[key]; dup {
			return Invalid(fmt.Sprintf("connections[%d]", i), "%s already connects %s to %s with %s", prev, c.From, c.To, c.Integration)
		}
		seen[key] = c.ID
	}
	if err := d.checkGroups(func(i int) string { return fieldIndex("groups", i) }); err != nil {
		return err
	}
	if err := d.checkTraffic(); err != nil {
		return err
	}
	d.dropEmptyTraffic()
	return d.checkAccepted()
}

// checkBlock validates one block on its own (refs are checked against the
// whole design by checkRefs).
func (cat *Catalogue) checkBlock(b *Block) error {
	if !idPattern.MatchString(b.ID) {
		if b.ID == "" {
			return Invalid("id", "is required")
		}
		return Invalid("id", "%q is not a valid id: start with a letter, then letters, digits, '-' or '_', at most 128 in all", b.ID)
	}
	k := cat.byID[b.Kind]
	if k == nil {
		if b.Kind == "" {
			return Invalid("kind", "is required")
		}
		return Invalid("kind", "unknown kind %q%s", b.Kind, cat.suggestKind(b.Kind))
	}
	if err := checkText("name", b.Name, MaxNameLen); err != nil {
		return err
	}
	if err := checkCoordinates(b.X, b.Y); err != nil {
		return err
	}
	props, err := checkProps(b.Props, k.Props, "a "+k.Name)
	if err != nil {
		return within("props", err)
	}
	b.Props = props
	if b.External != nil {
		return b.External.check(k)
	}
	if k.ID == KindExternal {
		return Invalid("external", "is required for a block of kind %q: it stands for something outside the design; give the reference as written and, when known, its service (\"batch\")", KindExternal)
	}
	return nil
}

func checkCoordinates(x, y float64) error {
	for _, c := range []struct {
		name string
		v    float64
	}{{"x", x}, {"y", y}} {
		if math.IsNaN(c.v) || math.IsInf(c.v, 0) || math.Abs(c.v) > MaxCoordinate {
			return Invalid(c.name, "must be a number between -%s and %s", FormatNumber(MaxCoordinate), FormatNumber(MaxCoordinate))
		}
	}
	return nil
}

// checkProps returns the properties in canonical form, dropping nulls (a
// null unsets a property), or an error naming the first bad one.
func checkProps(props Props, schema []Prop, owner string) (Props, error) {
	if len(props) == 0 {
		return nil, nil
	}
	out := make(Props, len(props))
	for _, name := range props.Keys() {
		v := props[name]
		if v == nil {
			continue
		}
		p := findProp(schema, name)
		if p == nil {
			return nil, Invalid(name, "%s has no property %q%s", owner, name, suggestProp(schema, name))
		}
		cv, err := p.check(v)
		if err != nil {
			return nil, Invalid(name, "%s", err)
		}
		out[name] = cv
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// checkRefs checks that ref properties name blocks of an allowed kind.
func (cat *Catalogue) checkRefs(blockOf func(string) *Block, props Props, schema []Prop) error {
	for name, v := range props {
		p := findProp(schema, name)
		if p == nil || p.Type != TypeRef {
			continue
		}
		id, _ := v.(string)
		target := blockOf(id)
		if target == nil {
			return Invalid(name, "names block %q, which does not exist", id)
		}
		if !slices.Contains(p.Kinds, target.Kind) {
			return Invalid(name, "names %q, a %s; it must be one of: %s", id, cat.byID[target.Kind].Name, cat.kindNames(p.Kinds))
		}
	}
	return nil
}

// checkConnection validates a connection in the context of its design and
// resolves its integration when the document leaves it out.
func (cat *Catalogue) checkConnection(blockOf func(string) *Block, c *Connection) error {
	if !idPattern.MatchString(c.ID) {
		return Invalid("id", "%q is not a valid id: start with a letter, then letters, digits, '-' or '_'", c.ID)
	}
	from, to := blockOf(c.From), blockOf(c.To)
	switch {
	case c.From == "":
		return Invalid("from", "is required")
	case c.To == "":
		return Invalid("to", "is required")
	case from == nil:
		return Invalid("from", "names block %q, which does not exist", c.From)
	case to == nil:
		return Invalid("to", "names block %q, which does not exist", c.To)
	case c.From == c.To:
		return Invalid("to", "a block cannot connect to itself (%q)", c.From)
	}
	ins := cat.Integrations(from.Kind, to.Kind)
	if len(ins) == 0 {
		return Invalid("to", "%s", cat.WhyNot(from.Kind, to.Kind))
	}
	if c.Integration == "" {
		if len(ins) > 1 {
			return Invalid("integration", "is required: %s → %s allows %s", cat.byID[from.Kind].Name, cat.byID[to.Kind].Name, integrationIDs(ins))
		}
		c.Integration = ins[0].ID
	}
	in := cat.Integration(from.Kind, to.Kind, c.Integration)
	if in == nil {
		return Invalid("integration", "%q is not an integration of %s → %s; allowed: %s", c.Integration, cat.byID[from.Kind].Name, cat.byID[to.Kind].Name, integrationIDs(ins))
	}
	props, err := checkProps(c.Props, in.Props, "the "+in.Name+" integration")
	if err != nil {
		return within("props", err)
	}
	c.Props = props
	if err := cat.checkRefs(blockOf, c.Props, in.Props); err != nil {
		return within("props", err)
	}
	return checkEvidence(c.Evidence)
}

func integrationIDs(ins []Integration) string {
	ids := make([]string, len(ins))
	for i, in := range ins {
		ids[i] = fmt.Sprintf("%q (%s)", in.ID, in.Name)
	}
	return strings.Join(ids, ", ")
}

func (cat *Catalogue) kindNames(ids []string) string {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = cat.byID[id].Name
	}
	return strings.Join(names, ", ")
}

func findProp(schema []Prop, name string) *Prop {
	for i := range schema {
		if schema[i].Name == name {
			return &schema[i]
		}
	}
	return nil
}

// suggestKind offers the closest kind id for a typo ("lamda").
func (cat *Catalogue) suggestKind(s string) string {
	ids := make([]string, len(cat.kinds))
	for i, k := range cat.kinds {
		ids[i] = k.ID
	}
	return suggest(s, ids)
}

func suggestProp(schema []Prop, s string) string {
	names := make([]string, len(schema))
	for i, p := range schema {
		names[i] = p.Name
	}
	return suggest(s, names)
}

func suggest(s string, candidates []string) string {
	best, bestDist := "", 4
	for _, c := range candidates {
		if strings.EqualFold(c, s) {
			return fmt.Sprintf(" (did you mean %q?)", c)
		}
		if d := editDistance(strings.ToLower(s), strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// editDistance is the Levenshtein distance, for "did you mean" hints.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// freeConnectionID makes a readable id for a connection that has none.
func freeConnectionID(from, to string, taken func(string) bool) string {
	base := from + "-" + to
	if !idPattern.MatchString(base) {
		base = "c"
	}
	if !taken(base) {
		return base
	}
	for n := 2; ; n++ {
		id := fmt.Sprintf("%s-%d", base, n)
		if !taken(id) {
			return id
		}
	}
}
