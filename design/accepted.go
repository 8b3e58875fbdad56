package design

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Accepted is a finding the team has looked at and decided to live with,
// and why. The design's accepted list is kept by the acceptFinding and
// unacceptFinding operations; templates say the same in their Metadata
// (archlab's ignore, cfn-lint's ignore_checks), which the importer turns
// into entries. A finding an entry accepts is not shown as open.
//
// An entry accepts a finding when the rule is the same and every subject of
// the entry is among the finding's subjects or is an end of a connection
// among them: an entry on a queue accepts the rule's finding about the
// queue and its consumer, an entry on a function the findings about the
// event sources declared on it, and an entry without subjects every
// finding of the rule in the design.
//
// An entry made in archlab also says who accepted it, when, and maybe
// until when, and keeps the fingerprint of the finding as it was then:
// the acceptance holds only while the finding's numbers are the same and
// its date has not passed (Holds). Entries a template wrote may have none
// of these, and accept as their rule and subjects say.
type Accepted struct {
	// Rule is archlab's rule id ("sqs-visibility-6x"), or another tool's
	// id of an equivalent rule as findings name it ("cfn-lint:E3505").
	Rule string `json:"rule"`
	// Subjects are block and connection ids, kept sorted: an entry is
	// about a set of them.
	Subjects []string `json:"subjects"`
	Reason   string   `json:"reason,omitempty"`
	// By is the name of who accepted the finding, as given.
	By string `json:"by,omitempty"`
	// At is when, in RFC 3339 UTC (2026-12-05T09:30:00Z): the server's
	// time when the acceptance was made.
	At string `json:"at,omitempty"`
	// Until is the last day (2027-03-31) the acceptance holds; after it
	// the finding is open again.
	Until string `json:"until,omitempty"`
	// Fingerprint is the finding's as it was accepted (Fingerprint): a
	// finding whose numbers changed since is open again.
	Fingerprint string `json:"fingerprint,omitempty"`
}

// DateLayout is the layout of Until, and of the day Holds compares it with.
const DateLayout = "2006-01-02"

// numbers finds the numbers in a finding's message.
var numbers = regexp.MustCompile(`[0-9]+(?:\.[0-9]+)?`)

// fingerprintPattern is the shape of a fingerprint.
var fingerprintPattern = regexp.MustCompile(`^[0-9a-f]{12}$`)

// Fingerprint identifies a finding as it is: a short hash of the numbers
// in its message (timeouts, sizes, counts). A finding whose numbers change
// (the timeout grows, the batch gets larger) gets another fingerprint;
// renaming a block does not change it, nor does exporting and importing
// the design, which may name blocks otherwise.
func Fingerprint(message string) string {
	sum := sha256.Sum256([]byte(strings.Join(numbers.FindAllString(message, -1), ",")))
	return hex.EncodeToString(sum[:6])
}

// Holds reports whether the entry, which matches a finding by rule and
// subjects (Accepts), still accepts it on day today (DateLayout): its
// until date has not passed, and the finding's message has the
// fingerprint accepted.
func (a *Accepted) Holds(message, today string) bool {
	if a.Until != "" && today > a.Until {
		return false
	}
	return a.Fingerprint == "" || a.Fingerprint == Fingerprint(message)
}

// Today is the day Holds compares until dates with: today's UTC date.
func Today() string { return time.Now().UTC().Format(DateLayout) }

// Limits on the accepted list. A team accepts a handful of findings per
// design; the bounds keep a hostile document's checks cheap.
const (
	MaxAccepted         = 1000
	MaxAcceptedSubjects = 32
	MaxReasonLen        = 1000
)

// acceptedRulePattern is a rule id (kebab case), or a tool and that tool's
// id ("cfn-lint:E3505", "cdk-nag:AwsSolutions-SQS3"). The design does not
// know the rules, so it checks only the shape.
var acceptedRulePattern = regexp.MustCompile(`^[a-z][a-z0-9-]{0,63}(:[A-Za-z0-9][A-Za-z0-9_.-]{0,127})?$`)

// Accepts reports whether the entry accepts a finding of rule, with these
// equivalents, about subjects.
func (a *Accepted) Accepts(rule string, equivalents, subjects []string) bool {
	if a.Rule != rule && !slices.Contains(equivalents, a.Rule) {
		return false
	}
	for _, s := range a.Subjects {
		if !slices.Contains(subjects, s) {
			return false
		}
	}
	return true
}

// FindAccepted returns the entry of list that accepts a finding with these
// subjects and message on day today, or nil. When several do, the one
// naming most subjects, the most specific, is the one whose reason is
// shown.
func FindAccepted(list []Accepted, rule string, equivalents, subjects []string, message, today string) *Accepted {
	var best *Accepted
	for i := range list {
		if list[i].Accepts(rule, equivalents, subjects) && list[i].Holds(message, today) && (best == nil || len(list[i].Subjects) > len(best.Subjects)) {
			best = &list[i]
		}
	}
	return best
}

// AcceptedIn returns the test of which entry of list accepts a finding
// about subjects of d, with message, on day today: FindAccepted, with the
// ends of the connections among the subjects counted as subjects too. It
// indexes d's connections once, for the many findings of a check.
func AcceptedIn(list []Accepted, d *Design, today string) func(rule string, equivalents, subjects []string, message string) *Accepted {
	if len(list) == 0 {
		return func(string, []string, []string, string) *Accepted { return nil }
	}
	ends := make(map[string][2]string, len(d.Connections))
	for _, c := range d.Connections {
		ends[c.ID] = [2]string{c.From, c.To}
	}
	return func(rule string, equivalents, subjects []string, message string) *Accepted {
		involved := subjects
		for _, s := range subjects {
			if e, ok := ends[s]; ok {
				if len(involved) == len(subjects) {
					involved = slices.Clone(subjects)
				}
				involved = append(involved, e[0], e[1])
			}
		}
		return FindAccepted(list, rule, equivalents, involved, message, today)
	}
}

// key identifies an entry: its rule and subjects. Rule ids hold no "/" and
// ids no ",", so keys are unambiguous; they serve as merge keys too.
func (a *Accepted) key() string { return a.Rule + "/" + strings.Join(a.Subjects, ",") }

// Label says what the entry accepts: "sqs-visibility-6x on OrderQueue, c1".
func (a *Accepted) Label() string {
	if len(a.Subjects) == 0 {
		return a.Rule + " everywhere in the design"
	}
	return a.Rule + " on " + strings.Join(a.Subjects, ", ")
}

// Who says who accepted the finding, on which day and until when: "by
// Ann, on 2026-12-05, until 2027-03-31"; empty for an entry that says none
// of it, as a template's may.
func (a *Accepted) Who() string {
	var parts []string
	if a.By != "" {
		parts = append(parts, "by "+a.By)
	}
	if len(a.At) >= len(DateLayout) {
		parts = append(parts, "on "+a.At[:len(DateLayout)])
	}
	if a.Until != "" {
		parts = append(parts, "until "+a.Until)
	}
	return strings.Join(parts, ", ")
}

// Check validates an entry's shape on its own: a rule id, at most
// MaxAcceptedSubjects ids and a reason within MaxReasonLen. Errors name the
// field (rule, subjects[2], reason). Whether the subjects exist is checked
// with the design.
func (a *Accepted) Check() error {
	switch {
	case a.Rule == "":
		return Invalid("rule", "is required: the id of the rule whose finding is accepted")
	case !acceptedRulePattern.MatchString(a.Rule):
		return Invalid("rule", "%q is not a rule id: use archlab's id (sqs-visibility-6x) or an equivalent as findings name it (cfn-lint:E3505)", clip(a.Rule, 80))
	case len(a.Subjects) > MaxAcceptedSubjects:
		return Invalid("subjects", "holds %d ids; at most %d", len(a.Subjects), MaxAcceptedSubjects)
	}
	for i, s := range a.Subjects {
		if !idPattern.MatchString(s) {
			return Invalid(fieldIndex("subjects", i), "%q is not a block or connection id", clip(s, 130))
		}
	}
	if err := checkMultiline("reason", a.Reason, MaxReasonLen); err != nil {
		return err
	}
	if err := checkText("by", a.By, MaxPersonLen); err != nil {
		return err
	}
	if _, err := time.Parse(time.RFC3339, a.At); a.At != "" && err != nil {
		return Invalid("at", "%q is not a time as RFC 3339 writes it (2026-12-05T09:30:00Z)", clip(a.At, 40))
	}
	if _, err := time.Parse(DateLayout, a.Until); a.Until != "" && err != nil {
		return Invalid("until", "%q is not a date written as 2027-03-31", clip(a.Until, 40))
	}
	if a.Fingerprint != "" && !fingerprintPattern.MatchString(a.Fingerprint) {
		return Invalid("fingerprint", "%q is not a fingerprint: 12 hexadecimal digits", clip(a.Fingerprint, 40))
	}
	return nil
}

// check validates one entry in the design it belongs to and puts its
// subjects in their canonical order.
func (a *Accepted) check(exists func(id string) bool) error {
	if err := a.Check(); err != nil {
		return err
	}
	for i, s := range a.Subjects {
		if !exists(s) {
			return Invalid(fieldIndex("subjects", i), "names %q, which is no block or connection of this design", clip(s, 130))
		}
	}
	if a.Subjects == nil {
		a.Subjects = []string{}
	}
	slices.Sort(a.Subjects)
	a.Subjects = slices.Compact(a.Subjects)
	return nil
}

// checkAccepted validates the design's accepted list and sorts it by rule
// and subjects, so that a document has one form whatever the order it was
// written in, and an undone withdrawal puts the entry back where it was.
func (d *Design) checkAccepted() error {
	if len(d.Accepted) > MaxAccepted {
		return Invalid("accepted", "holds %d entries; at most %d", len(d.Accepted), MaxAccepted)
	}
	exists := d.hasElement()
	seen := make(map[string]int, len(d.Accepted))
	for i := range d.Accepted {
		a := &d.Accepted[i]
		if err := a.check(exists); err != nil {
			return within(fieldIndex("accepted", i), err)
		}
		if prev, dup := seen[a.key()]; dup {
			return Invalid(fieldIndex("accepted", i), "accepts %s again (also accepted[%d]); give it one entry", a.Label(), prev)
		}
		seen[a.key()] = i
	}
	sortAccepted(d.Accepted)
	return nil
}

// hasElement returns a test of whether an id names a block or connection.
func (d *Design) hasElement() func(id string) bool {
	ids := make(map[string]bool, len(d.Blocks)+len(d.Connections))
	for _, b := range d.Blocks {
		ids[b.ID] = true
	}
	for _, c := range d.Connections {
		ids[c.ID] = true
	}
	return func(id string) bool { return ids[id] }
}

func sortAccepted(list []Accepted) {
	slices.SortFunc(list, func(x, y Accepted) int { return strings.Compare(x.key(), y.key()) })
}

func cloneAccepted(list []Accepted) []Accepted {
	if list == nil {
		return nil
	}
	out := make([]Accepted, len(list))
	for i, a := range list {
		a.Subjects = slices.Clone(a.Subjects)
		out[i] = a
	}
	return out
}

// acceptFinding adds an entry to the accepted list, or gives an entry with
// the same rule and subjects the new reason.
func (a *applier) acceptFinding(entry Accepted) (Ops, error) {
	entry.Subjects = slices.Clone(entry.Subjects)
	if err := entry.check(func(id string) bool { return a.taken(id) }); err != nil {
		return nil, within("accepted", err)
	}
	for _, s := range entry.Subjects {
		if a.d.Block(s) != nil {
			a.read("block/" + s + "/exists")
		} else {
			a.read("conn/" + s + "/exists")
		}
	}
	a.write("accepted/" + entry.key())
	if i := slices.IndexFunc(a.d.Accepted, func(x Accepted) bool { return x.key() == entry.key() }); i >= 0 {
		old := a.d.Accepted[i]
		a.d.Accepted[i] = entry
		return Ops{{Op: OpAcceptFinding, Accepted: &old}}, nil
	}
	if len(a.d.Accepted) >= MaxAccepted {
		return nil, Invalid("accepted", "a design accepts at most %d findings", MaxAccepted)
	}
	a.d.Accepted = append(a.d.Accepted, entry)
	sortAccepted(a.d.Accepted)
	return Ops{{Op: OpUnacceptFinding, Accepted: &Accepted{Rule: entry.Rule, Subjects: slices.Clone(entry.Subjects)}}}, nil
}

// unacceptFinding withdraws the entry with the rule and subjects given.
func (a *applier) unacceptFinding(entry Accepted) (Ops, error) {
	for _, f := range [][2]string{{"reason", entry.Reason}, {"by", entry.By}, {"at", entry.At}, {"until", entry.Until}, {"fingerprint", entry.Fingerprint}} {
		if f[1] != "" {
			return nil, Invalid("accepted."+f[0], "is not a field of %s: an entry is named by its rule and subjects", OpUnacceptFinding)
		}
	}
	entry.Subjects = slices.Clone(entry.Subjects)
	slices.Sort(entry.Subjects)
	entry.Subjects = slices.Compact(entry.Subjects)
	if entry.Subjects == nil {
		entry.Subjects = []string{}
	}
	i := slices.IndexFunc(a.d.Accepted, func(x Accepted) bool { return x.key() == entry.key() })
	if i < 0 {
		return nil, Invalid("accepted", "this design does not accept %s", entry.Label())
	}
	old := a.d.Accepted[i]
	a.d.Accepted = slices.Delete(a.d.Accepted, i, i+1)
	a.write("accepted/" + old.key())
	return Ops{{Op: OpAcceptFinding, Accepted: &old}}, nil
}

// dropAccepted withdraws the entries naming any of ids, which are being
// removed, and returns the operations that put them back once the removed
// blocks and connections are back.
func (a *applier) dropAccepted(ids ...string) Ops {
	var inv Ops
	a.d.Accepted = slices.DeleteFunc(a.d.Accepted, func(x Accepted) bool {
		for _, s := range x.Subjects {
			if slices.Contains(ids, s) {
				old := x
				old.Subjects = slices.Clone(x.Subjects)
				inv = append(inv, Op{Op: OpAcceptFinding, Accepted: &old})
				a.write("accepted/" + x.key())
				return true
			}
		}
		return false
	})
	if len(a.d.Accepted) == 0 {
		a.d.Accepted = nil
	}
	return inv
}

// AcceptedChange is an entry of the accepted list added, removed or given
// another reason between two versions.
type AcceptedChange struct {
	Change string
	Entry  Accepted
}

// compareAccepted lists how the accepted list changed from a to b.
func compareAccepted(a, b []Accepted) []AcceptedChange {
	var out []AcceptedChange
	for _, old := range a {
		i := slices.IndexFunc(b, func(x Accepted) bool { return x.key() == old.key() })
		switch {
		case i < 0:
			out = append(out, AcceptedChange{Change: Removed, Entry: old})
		case b[i].Reason != old.Reason || b[i].By != old.By || b[i].Until != old.Until || b[i].At != old.At:
			out = append(out, AcceptedChange{Change: Changed, Entry: b[i]})
		}
	}
	for _, cur := range b {
		if !slices.ContainsFunc(a, func(x Accepted) bool { return x.key() == cur.key() }) {
			out = append(out, AcceptedChange{Change: Added, Entry: cur})
		}
	}
	// Additions read first, then removals, then changes, as for blocks.
	rank := map[string]int{Added: 0, Removed: 1, Changed: 2}
	slices.SortStableFunc(out, func(x, y AcceptedChange) int { return rank[x.Change] - rank[y.Change] })
	return out
}

// String says what changed: "accepted sqs-no-redrive on OrderQueue".
func (c AcceptedChange) String() string {
	switch c.Change {
	case Added:
		return "accepted " + c.Entry.Label()
	case Removed:
		return "withdrew the acceptance of " + c.Entry.Label()
	}
	return "changed the acceptance of " + c.Entry.Label()
}

// acceptedSummary says how the accepted list changed, for a history list.
func acceptedSummary(changes []AcceptedChange) []string {
	var out []string
	for _, c := range changes {
		out = append(out, c.String())
	}
	return out
}

// clip shortens a value quoted in an error message to n runes.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
