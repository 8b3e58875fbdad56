package iac

import (
	"errors"
	"slices"

	"github.com/archlab/archlab/design"
)

// What a template says its team accepts, where the team keeps it: in
// Metadata, beside the resource.
//
//	Resources:
//	  OrderQueue:
//	    Type: AWS::SQS::Queue
//	    Metadata:
//	      archlab:
//	        ignore:
//	          - sqs-no-redrive                       # a rule id
//	          - rule: sqs-visibility-6x              # or a rule with why
//	            reason: the worker finishes in seconds
//	            by: Ann                              # who, when, until when,
//	            at: "2026-12-05T09:30:00Z"           # and the finding's
//	            until: "2027-03-31"                  # fingerprint, as archlab
//	            fingerprint: 3f2a9c0d1b7e            # writes them (optional)
//	      cfn-lint:
//	        config:
//	          ignore_checks: [E3505]                 # cfn-lint's own ids
//
// On a resource an entry accepts the rule's findings about that resource,
// and about the connections it is an end of (the event sources declared on
// a function, say: see design.AcceptedIn).
// The template's own Metadata takes the same list, where an entry may name
// its subjects (block and connection ids) and without them accepts the
// rule everywhere; cfn-lint's ignore_checks there does the same for its
// ids. A cfn-lint id accepts the archlab rules whose equivalents name it
// ("cfn-lint:E3505"), whole: cfn-lint's prefixes (E35) are not expanded.
//
// The entries become the imported design's accepted list (design.Accepted),
// so that the designer, the API and lint all honour them one way, and the
// export writes them back (acceptedMetadata).

// ignoreKey is the key under Metadata.archlab of the accepted list.
const ignoreKey = "ignore"

// suppressions reads every accepted entry of the template, in the order
// written, less the malformed ones, which are noted. Entries may name ids
// the design d has no block for (a resource archlab does not model): lint
// still applies those to the notes about the resource.
func (b *builder) suppressions(d *design.Design) []design.Accepted {
	var out []design.Accepted
	full := false
	add := func(a design.Accepted, at pos, owner string) {
		if len(out) >= design.MaxAccepted {
			if !full {
				b.note(owner, at, "the template accepts more than %d findings; archlab reads the first %d", design.MaxAccepted, design.MaxAccepted)
			}
			full = true
			return
		}
		if !slices.ContainsFunc(out, func(x design.Accepted) bool { return sameEntry(x, a) }) {
			out = append(out, a)
		}
	}
	resources := b.t.root.get("Resources") // a mapping: loadTemplate checked
	for i, id := range resources.keys {
		meta := resources.vals[i].get("Metadata")
		for _, e := range b.ignoreList(meta.path(metadataKey, ignoreKey), id) {
			add(e.entry, e.at, id)
		}
		for _, e := range b.cfnLintChecks(meta.path("cfn-lint", "config", "ignore_checks"), id) {
			add(e.entry, e.at, id)
		}
	}
	meta := b.t.root.get("Metadata")
	for _, e := range b.ignoreList(meta.path(metadataKey, ignoreKey), "") {
		for _, s := range e.entry.Subjects {
			if resources.get(s) == nil && d.Block(s) == nil && d.Connection(s) == nil {
				b.note("", e.at, "the archlab metadata's ignore entry for %s names %s, which is no resource, block or connection of the template; it accepts nothing", e.entry.Rule, s)
			}
		}
		add(e.entry, e.at, "")
	}
	for _, e := range b.cfnLintChecks(meta.path("cfn-lint", "config", "ignore_checks"), "") {
		add(e.entry, e.at, "")
	}
	return out
}

// placedEntry is an accepted entry with where the template wrote it.
type placedEntry struct {
	entry design.Accepted
	at    pos
}

// ignoreList reads an archlab ignore list: rule ids, or mappings of rule,
// reason and, at the template's level (owner ""), subjects.
func (b *builder) ignoreList(n *node, owner string) []placedEntry {
	if n == nil {
		return nil
	}
	where := "the template's archlab metadata"
	if owner != "" {
		where = owner + "'s archlab metadata"
	}
	items := n.itemsOrNil()
	if _, ok := n.text(); ok {
		items = []*node{n}
	} else if n.kind != seqNode {
		b.note(owner, n.pos, "%s: ignore must be a list of rule ids, or of rule and reason; it is not read", where)
		return nil
	}
	var out []placedEntry
	for _, it := range items {
		e := design.Accepted{Subjects: []string{}}
		if rule, ok := it.text(); ok {
			e.Rule = rule
		} else if it.kind == mapNode {
			if !b.ignoreEntry(it, owner, where, &e) {
				continue
			}
		} else {
			b.note(owner, it.pos, "%s: an ignore entry must be a rule id, or a rule and a reason; it is not read", where)
			continue
		}
		if owner != "" {
			e.Subjects = []string{owner}
		}
		if err := e.Check(); err != nil {
			b.note(owner, it.pos, "%s: the ignore entry's %s; it is not read", where, errorText(err))
			continue
		}
		out = append(out, placedEntry{entry: e, at: it.pos})
	}
	return out
}

// ignoreEntry reads one {rule, reason, subjects} entry into e, noting what
// is not one.
func (b *builder) ignoreEntry(it *node, owner, where string, e *design.Accepted) bool {
	for k, v := range it.entries() {
		text, isText := v.text()
		switch {
		case k == "rule" && isText:
			e.Rule = text
		case k == "reason" && isText:
			e.Reason = text
		case k == "by" && isText:
			e.By = text
		case k == "at" && isText:
			e.At = text
		case k == "until" && isText:
			e.Until = text
		case k == "fingerprint" && isText:
			e.Fingerprint = text
		case k == "subjects" && owner == "" && v.kind == seqNode:
			for _, s := range v.items {
				id, ok := s.text()
				if !ok {
					b.note(owner, s.pos, "%s: the subjects of an ignore entry are block and connection ids; it is not read", where)
					return false
				}
				e.Subjects = append(e.Subjects, id)
			}
		case k == "subjects" && owner != "":
			b.note(owner, v.pos, "%s: an ignore entry on a resource is about that resource; its subjects are not read, and the entry is not either", where)
			return false
		default:
			b.note(owner, v.pos, "%s: an ignore entry has a rule, a reason, by, at, until, a fingerprint and, at the template's level, subjects, not %s; it is not read", where, k)
			return false
		}
	}
	return true
}

// cfnLintChecks reads cfn-lint's ignore_checks as entries for the cfn-lint
// ids ("cfn-lint:E3505").
func (b *builder) cfnLintChecks(n *node, owner string) []placedEntry {
	if n == nil {
		return nil
	}
	items := n.itemsOrNil()
	if _, ok := n.text(); ok {
		items = []*node{n}
	}
	var out []placedEntry
	for _, it := range items {
		id, ok := it.text()
		e := design.Accepted{Rule: "cfn-lint:" + id, Subjects: []string{}}
		if owner != "" {
			e.Subjects = []string{owner}
		}
		if !ok || e.Check() != nil {
			b.note(owner, it.pos, "cfn-lint's ignore_checks holds %q, which is no cfn-lint rule id; it is not read", clip(id, 80))
			continue
		}
		out = append(out, placedEntry{entry: e, at: it.pos})
	}
	return out
}

// acceptedInDesign keeps the entries whose subjects are all blocks or
// connections of d: the design's accepted list.
func acceptedInDesign(entries []design.Accepted, d *design.Design) []design.Accepted {
	var out []design.Accepted
	for _, e := range entries {
		if !slices.ContainsFunc(e.Subjects, func(s string) bool { return d.Block(s) == nil && d.Connection(s) == nil }) {
			e.Subjects = slices.Clone(e.Subjects)
			out = append(out, e)
		}
	}
	return out
}

func sameEntry(a, b design.Accepted) bool {
	return a.Rule == b.Rule && slices.Equal(sortedCopy(a.Subjects), sortedCopy(b.Subjects))
}

func sortedCopy(s []string) []string {
	c := slices.Clone(s)
	slices.Sort(c)
	return slices.Compact(c)
}

// errorText is a domain error as "field message".
func errorText(err error) string {
	var de *design.Error
	if errors.As(err, &de) && de.Field != "" {
		return de.Field + " " + de.Message
	}
	return err.Error()
}
