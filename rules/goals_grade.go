package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/archlab/archlab/design"
)

// GoalResult is a goal checked on one design.
type GoalResult struct {
	ID   string `json:"id"`
	Text string `json:"text"`
	Met  bool   `json:"met"`
	// Why says, for a goal not met, what is missing.
	Why string `json:"why,omitempty"`
}

// Grade checks validated goals on a design. The findings goals look at are
// all the rules find, accepted ones included: accepting a finding is a
// team's choice, not a fix, and a lab asks for the fix.
func (r *Registry) Grade(d *design.Design, goals []Goal) []GoalResult {
	return r.GradeReviewed(d, goals, func() (open, accepted []Finding) { return r.Review(d) })
}

// GradeReviewed is Grade with the design's review given, for a caller
// that keeps each version's review: it is asked for only when a goal
// looks at findings.
func (r *Registry) GradeReviewed(d *design.Design, goals []Goal, review func() (open, accepted []Finding)) []GoalResult {
	c := NewContext(d, r.cat, r.now())
	g := grader{c: c}
	for _, goal := range goals {
		if goal.Check == CheckNoFindings && g.findings == nil {
			open, accepted := review()
			g.findings = append(append([]Finding{}, open...), accepted...)
		}
	}
	out := make([]GoalResult, len(goals))
	for i := range goals {
		why := g.check(&goals[i])
		out[i] = GoalResult{ID: goals[i].ID, Text: goals[i].Text, Met: why == "", Why: why}
	}
	return out
}

// AllMet reports whether every goal is met.
func AllMet(rs []GoalResult) bool {
	for _, r := range rs {
		if !r.Met {
			return false
		}
	}
	return len(rs) > 0
}

type grader struct {
	c        *Context
	findings []Finding
}

// check returns "" when the goal is met, and otherwise why not.
func (g *grader) check(goal *Goal) string {
	switch goal.Check {
	case CheckExists:
		n := len(g.blocks(goal.Block))
		return g.count(n, goal.Min, goal.Max, g.describe(goal.Block))
	case CheckConnected:
		n := len(g.connections(goal))
		what := "connections from " + g.describe(goal.From) + " to " + g.describe(goal.To)
		if goal.Integration != "" {
			what += " (" + goal.Integration + ")"
		}
		return g.count(n, goal.Min, goal.Max, what)
	case CheckPath:
		if !g.reaches(g.blocks(goal.From), g.blocks(goal.To), nil, anyModel) {
			return "nothing leads from " + g.describe(goal.From) + " to " + g.describe(goal.To)
		}
	case CheckBetween:
		return g.between(goal)
	case CheckNoSyncPath:
		if g.reaches(g.blocks(goal.From), g.blocks(goal.To), nil, syncModel) {
			return "a chain of synchronous calls still leads from " + g.describe(goal.From) + " to " + g.describe(goal.To)
		}
	case CheckEvery:
		return g.every(goal)
	case CheckProperty:
		return g.property(goal)
	case CheckNoFindings:
		return g.noFindings(goal)
	case CheckCapacity:
		return g.capacity(goal)
	case CheckMonthlyCost:
		return g.monthlyCost(goal)
	}
	return ""
}

func (g *grader) count(n int, lo, hi *int, what string) string {
	min := 1
	if lo != nil {
		min = *lo
	}
	switch {
	case n < min:
		return fmt.Sprintf("want at least %d, found %d: %s", min, n, what)
	case hi != nil && n > *hi:
		return fmt.Sprintf("want at most %d, found %d: %s", *hi, n, what)
	}
	return ""
}

// roleWords says a role for people.
var roleWords = map[string][2]string{
	roleDeadLetter:   {"kept for failures", "not kept for failures"},
	roleAsyncInvoked: {"invoked asynchronously", "not invoked asynchronously"},
	roleEntry:        {"called only by clients", "called by other blocks"},
	roleOutside:      {"outside the design", "inside the design"},
}

// describe names what a selector picks, for the checklist: kinds by their
// catalogue names.
func (g *grader) describe(s *Selector) string {
	if s == nil {
		return "any block"
	}
	what := "block"
	if s.Kind != "" {
		var names []string
		for k := range strings.SplitSeq(s.Kind, "|") {
			names = append(names, g.c.Cat.KindName(k))
		}
		what = strings.Join(names, " or ")
	}
	if s.Name != "" {
		what += " named like " + strings.ReplaceAll(s.Name, "|", " or ")
	}
	if s.Role != "" {
		role, not := strings.CutPrefix(s.Role, "!")
		i := 0
		if not {
			i = 1
		}
		what += " (" + roleWords[role][i] + ")"
	}
	return what
}

// blocks returns the design's blocks the selector matches.
func (g *grader) blocks(s *Selector) []*design.Block {
	var out []*design.Block
	for i := range g.c.Design.Blocks {
		if b := &g.c.Design.Blocks[i]; g.matches(s, b) {
			out = append(out, b)
		}
	}
	return out
}

func (g *grader) matches(s *Selector, b *design.Block) bool {
	if s == nil {
		return true
	}
	if s.Kind != "" && !oneOf(s.Kind, b.Kind, false) {
		return false
	}
	if s.Name != "" && !oneOf(s.Name, b.Name, true) && !oneOf(s.Name, b.ID, true) {
		return false
	}
	if s.Role != "" {
		role, want := strings.CutPrefix(s.Role, "!")
		return g.plays(b, role) != want
	}
	return true
}

// oneOf reports whether v is one of the "|"-joined alternatives, or with
// loose set contains one of them, case aside.
func oneOf(alts, v string, loose bool) bool {
	for a := range strings.SplitSeq(alts, "|") {
		if !loose && a == v || loose && a != "" && strings.Contains(strings.ToLower(v), strings.ToLower(a)) {
			return true
		}
	}
	return false
}

// plays reports whether a block plays a role.
func (g *grader) plays(b *design.Block, role string) bool {
	switch role {
	case roleOutside:
		return b.External != nil
	case roleDeadLetter:
		for _, cn := range g.c.In(b) {
			if g.c.Model(cn) == design.ModelFailure {
				return true
			}
		}
		for _, ref := range g.c.RefsTo(b.ID) {
			if strings.Contains(ref.Prop, "DeadLetter") || strings.Contains(ref.Prop, "OnFailure") || strings.Contains(ref.Prop, "deadLetter") {
				return true
			}
		}
	case roleAsyncInvoked:
		ids, _ := asyncSources(g.c, b)
		return len(ids) > 0
	case roleEntry:
		for _, cn := range g.c.In(b) {
			if from := g.c.From(cn); from != nil && from.Kind != "client" && g.c.Model(cn) != design.ModelFailure {
				return false
			}
		}
		return true
	}
	return false
}

func (g *grader) connections(goal *Goal) []*design.Connection {
	var out []*design.Connection
	for i := range g.c.Design.Connections {
		cn := &g.c.Design.Connections[i]
		from, to := g.c.From(cn), g.c.To(cn)
		if from == nil || to == nil || !g.matches(goal.From, from) || !g.matches(goal.To, to) {
			continue
		}
		if goal.Integration != "" && cn.Integration != goal.Integration {
			continue
		}
		if goal.Model != "" && string(g.c.Model(cn)) != goal.Model {
			continue
		}
		out = append(out, cn)
	}
	return out
}

// A path follows what carries work, never a failure destination (failed
// events reaching a queue do not make it part of the flow) nor an
// authorizer, which checks a request but does not carry it on: a trainee
// who secures the API has not gone around its queue.
func anyModel(c *Context, cn *design.Connection) bool {
	return c.Model(cn) != design.ModelFailure && cn.Integration != design.IntAuthorizer
}

// syncModel is a step in which the caller waits: a push, an SDK call from
// code (unless it asks for an asynchronous invocation), or a service
// integration.
func syncModel(c *Context, cn *design.Connection) bool {
	switch c.Model(cn) {
	case design.ModelSync, design.ModelDirect:
		return true
	case design.ModelSDK:
		return c.ConnProp(cn, "InvocationType").Str() != "Event"
	}
	return false
}

// reaches reports whether a path of connections whose models step allows
// leads from one of from to one of to, avoiding the blocks of avoid.
func (g *grader) reaches(from, to []*design.Block, avoid map[*design.Block]bool, step func(*Context, *design.Connection) bool) bool {
	target := map[*design.Block]bool{}
	for _, b := range to {
		target[b] = true
	}
	seen := map[*design.Block]bool{}
	queue := append([]*design.Block(nil), from...)
	for len(queue) > 0 {
		b := queue[0]
		queue = queue[1:]
		if seen[b] || avoid[b] {
			continue
		}
		seen[b] = true
		for _, cn := range g.c.Out(b) {
			next := g.c.To(cn)
			if next == nil || !step(g.c, cn) || avoid[next] {
				continue
			}
			if target[next] {
				return true
			}
			queue = append(queue, next)
		}
	}
	return false
}

func (g *grader) between(goal *Goal) string {
	from, via, to := g.blocks(goal.From), g.blocks(goal.Via), g.blocks(goal.To)
	on := false
	for _, v := range via {
		one := []*design.Block{v}
		if g.reaches(from, one, nil, anyModel) && g.reaches(one, to, nil, anyModel) {
			on = true
			break
		}
	}
	if !on {
		return "no " + g.describe(goal.Via) + " lies on a path from " + g.describe(goal.From) + " to " + g.describe(goal.To)
	}
	avoid := map[*design.Block]bool{}
	for _, v := range via {
		avoid[v] = true
	}
	if g.reaches(from, to, avoid, anyModel) {
		return "a path from " + g.describe(goal.From) + " to " + g.describe(goal.To) + " still goes around " + g.describe(goal.Via)
	}
	return ""
}

func (g *grader) every(goal *Goal) string {
	bs := g.blocks(goal.Block)
	if goal.Min != nil && len(bs) < *goal.Min {
		return g.count(len(bs), goal.Min, nil, g.describe(goal.Block))
	}
	var missing []string
	for _, b := range bs {
		has := false
		for _, cn := range g.c.Out(b) {
			for _, in := range goal.Out {
				has = has || cn.Integration == in
			}
		}
		if !has {
			missing = append(missing, b.Label())
		}
	}
	if len(missing) > 0 {
		return strings.Join(missing, ", ") + ": no " + strings.Join(goal.Out, " or ") + " connection"
	}
	return ""
}

func (g *grader) property(goal *Goal) string {
	type subject struct {
		label string
		v     Value
	}
	var subjects []subject
	if goal.Block != nil {
		for _, b := range g.blocks(goal.Block) {
			subjects = append(subjects, subject{b.Label(), g.c.Prop(b, goal.Prop)})
		}
	} else {
		for _, cn := range g.connections(goal) {
			subjects = append(subjects, subject{cn.ID, g.c.ConnProp(cn, goal.Prop)})
		}
	}
	if len(subjects) == 0 {
		return "nothing to read " + goal.Prop + " of"
	}
	for _, s := range subjects {
		if !propertyHolds(goal, s.v) {
			return s.label + " has " + goal.Prop + " " + s.v.Text()
		}
	}
	return ""
}

func propertyHolds(goal *Goal, v Value) bool {
	if !v.Present() {
		return false
	}
	if goal.Equals != nil && v.V != goal.Equals {
		return false
	}
	if goal.AtLeast != nil && v.Num() < *goal.AtLeast {
		return false
	}
	if goal.AtMost != nil && v.Num() > *goal.AtMost {
		return false
	}
	return true
}

func (g *grader) noFindings(goal *Goal) string {
	min := Warning
	if goal.Severity != "" {
		min, _ = ParseSeverity(goal.Severity)
	}
	// The findings panel beside the checklist says what each is; the
	// checklist only names them.
	var names []string
	n := 0
	for _, f := range g.findings {
		if goal.Rule != "" && f.Rule == goal.Rule || goal.Rule == "" && f.Severity.AtLeast(min) {
			n++
			if name := f.Rule + " (" + string(f.Severity) + ")"; len(names) < 3 && !slices.Contains(names, name) {
				names = append(names, name)
			}
		}
	}
	switch {
	case n == 0:
		return ""
	case n == 1:
		return "1 finding remains: " + names[0]
	}
	return fmt.Sprintf("%d findings remain: %s", n, strings.Join(names, ", "))
}
