package rules

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/archlab/archlab/design"
)

// Goal is one check a lab makes of a trainee's design, written as data so
// that content authors need no Go: Check names a predicate and the other
// fields are its arguments. The language is documented for authors in
// content/labs/README.md; Validate says what each check needs.
type Goal struct {
	// ID is stable and kebab-case: progress and the instructor's tallies
	// are kept by it.
	ID string `yaml:"id" json:"id"`
	// Text is the goal in the trainee's words, shown in the checklist.
	Text  string `yaml:"text" json:"text"`
	Check string `yaml:"check" json:"check"`

	// Block selects the blocks of exists, every and property.
	Block *Selector `yaml:"block" json:"block,omitempty"`
	// From, Via and To select the ends of connected, path, between and
	// no-sync-path, and the connections of a property check.
	From *Selector `yaml:"from" json:"from,omitempty"`
	Via  *Selector `yaml:"via" json:"via,omitempty"`
	To   *Selector `yaml:"to" json:"to,omitempty"`
	// Integration and Model narrow the connections connected counts.
	Integration string `yaml:"integration" json:"integration,omitempty"`
	Model       string `yaml:"model" json:"model,omitempty"`
	// Min and Max bound a count: blocks for exists and every, connections
	// for connected.
	Min *int `yaml:"min" json:"min,omitempty"`
	Max *int `yaml:"max" json:"max,omitempty"`
	// Out lists integrations; every matching block must have an outgoing
	// connection of one of them.
	Out []string `yaml:"out" json:"out,omitempty"`
	// Prop is the property a property check reads, AWS's default counting
	// when the design leaves it unset; Equals, AtLeast and AtMost say what
	// it must be (none of them: it must be set).
	Prop    string   `yaml:"prop" json:"prop,omitempty"`
	Equals  any      `yaml:"equals" json:"equals,omitempty"`
	AtLeast *float64 `yaml:"atLeast" json:"atLeast,omitempty"`
	AtMost  *float64 `yaml:"atMost" json:"atMost,omitempty"`
	// Rule and Severity select the findings no-findings wants gone: of one
	// rule (any severity), or of every rule at Severity or worse.
	Rule     string `yaml:"rule" json:"rule,omitempty"`
	Severity string `yaml:"severity" json:"severity,omitempty"`
	// MinPeak and MinAverage hold a capacity or cost goal to the traffic
	// a lab states: the design's entries must add up to at least these
	// rates a second, so that lowering the traffic is no way to pass.
	MinPeak    *float64 `yaml:"minPeak" json:"minPeak,omitempty"`
	MinAverage *float64 `yaml:"minAverage" json:"minAverage,omitempty"`

	// stated, when set (HoldToStated), is the lab's start: capacity and
	// cost goals measure at its traffic and assumptions.
	stated *design.Design
}

// Selector picks blocks by what a trainee cannot name freely: the kind and
// the part the block plays. Name matches its name or id loosely, for labs
// whose brief names a block.
type Selector struct {
	// Kind is a kind id, or several joined with "|".
	Kind string `yaml:"kind" json:"kind,omitempty"`
	// Name is a word the block's name or id contains, case aside; several
	// joined with "|" match any.
	Name string `yaml:"name" json:"name,omitempty"`
	// Role is one of Roles, or one prefixed with "!" for its opposite.
	Role string `yaml:"role" json:"role,omitempty"`
}

// The goal checks.
const (
	CheckExists      = "exists"       // at least Min (1) and at most Max blocks match Block
	CheckConnected   = "connected"    // at least Min (1), at most Max connections From → To
	CheckPath        = "path"         // a path leads From → To
	CheckBetween     = "between"      // a Via block lies on every path From → To, and there is one
	CheckNoSyncPath  = "no-sync-path" // no path From → To is synchronous end to end
	CheckEvery       = "every"        // every block matching Block has an Out connection
	CheckProperty    = "property"     // every block (or connection) matched has Prop as asked
	CheckNoFindings  = "no-findings"  // no finding of Rule, or at Severity or worse
	CheckCapacity    = "capacity"     // at the stated peak no block (of Block) is above AtMost (1) of its limit, nor backs up
	CheckMonthlyCost = "monthly-cost" // the estimated monthly cost (of Block's blocks) is at most AtMost dollars
	roleDeadLetter   = "dead-letter"
	roleAsyncInvoked = "async-invoked"
	roleEntry        = "entry"
	roleOutside      = "outside"
)

// Checks lists the goal checks, Roles the roles a selector may ask for.
var (
	Checks = []string{CheckExists, CheckConnected, CheckPath, CheckBetween, CheckNoSyncPath, CheckEvery, CheckProperty, CheckNoFindings, CheckCapacity, CheckMonthlyCost}
	Roles  = []string{roleDeadLetter, roleAsyncInvoked, roleEntry, roleOutside}
)

var goalID = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// GoalError names the goal and the field of a goal that cannot be checked.
type GoalError struct {
	Goal, Field, Msg string
}

func (e *GoalError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("goal %q: %s", e.Goal, e.Msg)
	}
	return fmt.Sprintf("goal %q: field %q: %s", e.Goal, e.Field, e.Msg)
}

// ValidateGoals checks goals against the catalogue and the registry, so
// that a typo in a lab stops the start rather than leaving a goal no
// design can meet. Errors name the goal and the field.
func (r *Registry) ValidateGoals(goals []Goal) error {
	seen := map[string]bool{}
	for i := range goals {
		g := &goals[i]
		name := g.ID
		if name == "" {
			name = fmt.Sprintf("#%d", i+1)
		}
		fail := func(field, format string, args ...any) error {
			return &GoalError{Goal: name, Field: field, Msg: fmt.Sprintf(format, args...)}
		}
		switch {
		case !goalID.MatchString(g.ID):
			return fail("id", "%q is not a kebab-case id", g.ID)
		case seen[g.ID]:
			return fail("id", "is used twice")
		case strings.TrimSpace(g.Text) == "":
			return fail("text", "is required")
		case !slices.Contains(Checks, g.Check):
			return fail("check", "%q is not one of %s", g.Check, strings.Join(Checks, ", "))
		}
		seen[g.ID] = true
		if err := r.validateGoal(g, fail); err != nil {
			return err
		}
	}
	return nil
}

// goalFields says which fields each check takes: required first, then
// those it may take. A field outside both is refused, so that an author
// who writes "to" on an exists goal learns it means nothing there.
var goalFields = map[string][2][]string{
	CheckExists:      {{"block"}, {"min", "max"}},
	CheckConnected:   {{"from", "to"}, {"integration", "model", "min", "max"}},
	CheckPath:        {{"from", "to"}, nil},
	CheckBetween:     {{"from", "via", "to"}, nil},
	CheckNoSyncPath:  {{"from", "to"}, nil},
	CheckEvery:       {{"block", "out"}, {"min"}},
	CheckProperty:    {{"prop"}, {"block", "from", "to", "integration", "equals", "atLeast", "atMost"}},
	CheckNoFindings:  {nil, {"rule", "severity"}},
	CheckCapacity:    {nil, {"block", "atMost", "minPeak", "minAverage"}},
	CheckMonthlyCost: {{"atMost"}, {"block", "minPeak", "minAverage"}},
}

func (g *Goal) present() map[string]bool {
	return map[string]bool{
		"block": g.Block != nil, "from": g.From != nil, "via": g.Via != nil, "to": g.To != nil,
		"integration": g.Integration != "", "model": g.Model != "", "min": g.Min != nil, "max": g.Max != nil,
		"out": len(g.Out) > 0, "prop": g.Prop != "", "equals": g.Equals != nil, "atLeast": g.AtLeast != nil,
		"atMost": g.AtMost != nil, "rule": g.Rule != "", "severity": g.Severity != "",
		"minPeak": g.MinPeak != nil, "minAverage": g.MinAverage != nil,
	}
}

func (r *Registry) validateGoal(g *Goal, fail func(field, format string, args ...any) error) error {
	fields := goalFields[g.Check]
	present := g.present()
	for _, f := range fields[0] {
		if !present[f] {
			return fail(f, "is required by check %q", g.Check)
		}
	}
	for f, ok := range present {
		if ok && !slices.Contains(fields[0], f) && !slices.Contains(fields[1], f) {
			return fail(f, "means nothing to check %q", g.Check)
		}
	}
	for _, s := range []struct {
		field string
		sel   *Selector
	}{{"block", g.Block}, {"from", g.From}, {"via", g.Via}, {"to", g.To}} {
		if err := r.validateSelector(s.field, s.sel, fail); err != nil {
			return err
		}
	}
	if g.Min != nil && *g.Min < 0 {
		return fail("min", "must not be negative")
	}
	if g.Min != nil && g.Max != nil && *g.Min > *g.Max {
		return fail("max", "is below min")
	}
	if g.Model != "" && !slices.Contains(design.Models, design.Model(g.Model)) {
		return fail("model", "%q is not an invocation model", g.Model)
	}
	if g.Integration != "" && !r.knownIntegration(g.Integration) {
		return fail("integration", "%q is no integration of the catalogue", g.Integration)
	}
	for i, in := range g.Out {
		if !r.knownIntegration(in) {
			return fail(fmt.Sprintf("out[%d]", i), "%q is no integration of the catalogue", in)
		}
	}
	if g.Rule != "" {
		if _, ok := r.Rule(g.Rule); !ok {
			return fail("rule", "%q is not a rule of the registry", g.Rule)
		}
	}
	if g.Severity != "" {
		if _, ok := ParseSeverity(g.Severity); !ok {
			return fail("severity", "%q is not error, warning or info", g.Severity)
		}
	}
	if g.MinPeak != nil && *g.MinPeak <= 0 {
		return fail("minPeak", "is a rate a second and must be above 0")
	}
	if g.MinAverage != nil && *g.MinAverage <= 0 {
		return fail("minAverage", "is a rate a second and must be above 0")
	}
	switch g.Check {
	case CheckProperty:
		return r.validateProperty(g, fail)
	case CheckCapacity:
		// A share of the limit: above 1 would accept throttling.
		if g.AtMost != nil && (*g.AtMost <= 0 || *g.AtMost > 1) {
			return fail("atMost", "is a share of the limit, above 0 and at most 1 (0.8 for 80%%)")
		}
	case CheckMonthlyCost:
		if *g.AtMost <= 0 {
			return fail("atMost", "is a monthly budget in dollars and must be above 0")
		}
	}
	return nil
}

func (r *Registry) validateSelector(field string, s *Selector, fail func(field, format string, args ...any) error) error {
	if s == nil {
		return nil
	}
	if s.Kind == "" && s.Name == "" && s.Role == "" {
		return fail(field, "selects every block; give a kind, a name or a role")
	}
	for k := range strings.SplitSeq(s.Kind, "|") {
		if s.Kind != "" && r.cat.Kind(k) == nil {
			return fail(field+".kind", "%q is not a kind of the catalogue", k)
		}
	}
	if s.Role != "" && !slices.Contains(Roles, strings.TrimPrefix(s.Role, "!")) {
		return fail(field+".role", "%q is not one of %s (or one with ! before it)", s.Role, strings.Join(Roles, ", "))
	}
	return nil
}

func (r *Registry) knownIntegration(id string) bool {
	for _, l := range r.cat.Links() {
		for _, in := range l.Integrations {
			if in.ID == id {
				return true
			}
		}
	}
	return false
}

// validateProperty checks that the property exists on every kind the goal
// may select, so that a misspelt name is not a goal forever unmet.
func (r *Registry) validateProperty(g *Goal, fail func(field, format string, args ...any) error) error {
	if (g.Block == nil) == (g.From == nil && g.To == nil) {
		return fail("block", "give either block, or from and to for a connection's property")
	}
	if g.Block != nil {
		if g.Block.Kind == "" {
			return fail("block.kind", "is required by a property check, to know the property")
		}
		for k := range strings.SplitSeq(g.Block.Kind, "|") {
			if r.cat.Kind(k).Prop(g.Prop) == nil {
				return fail("prop", "%q is not a property of kind %s", g.Prop, k)
			}
		}
	} else {
		if g.From == nil || g.To == nil || g.From.Kind == "" || g.To.Kind == "" {
			return fail("from", "a connection's property needs from and to with kinds")
		}
		found := false
		for f := range strings.SplitSeq(g.From.Kind, "|") {
			for t := range strings.SplitSeq(g.To.Kind, "|") {
				for _, in := range r.cat.Integrations(f, t) {
					if (g.Integration == "" || in.ID == g.Integration) && in.Prop(g.Prop) != nil {
						found = true
					}
				}
			}
		}
		if !found {
			return fail("prop", "%q is not a property of any connection from %s to %s", g.Prop, g.From.Kind, g.To.Kind)
		}
	}
	switch g.Equals.(type) {
	case nil, bool, string, float64:
	case int:
		g.Equals = float64(g.Equals.(int))
	default:
		return fail("equals", "must be a boolean, a number or a string")
	}
	return nil
}
