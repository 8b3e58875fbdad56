package design

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Since is how a backend tells NextRevision what the revisions after a
// batch's base version did. Each is read only when needed: a batch on the
// current version needs neither.
type Since struct {
	// Writes returns the merge keys those revisions wrote.
	Writes func() ([]string, error)
	// Inverses returns the operations that undo each of them, newest
	// first: undone in turn from the current design, they give the base.
	Inverses func() ([]Ops, error)
}

// NextRevision decides what a batch does to the current design: it checks
// the base version, applies the operations and, when the batch is based on
// an older version, refuses it if it collides with what changed since. It is
// the one algorithm behind every backend's ApplyOps; backends only read and
// write rows.
//
// A stale batch that the current design refuses is a conflict when its
// base version would have taken it: it was right when it was made, and
// someone else's edit (removing a block it connects to, taking the id it
// adds) broke it. Only a batch its own base refuses is invalid.
func NextRevision(cur *Design, b Batch, cat *Catalogue, now time.Time, since Since) (*Applied, error) {
	baseVersion, ops := b.BaseVersion, b.Ops
	if err := CheckBatchAuthor("by", b.By); err != nil {
		return nil, err
	}
	switch {
	case baseVersion < 1:
		return nil, Invalid("baseVersion", "is required: the version the edit was based on (the design is at %d)", cur.Version)
	case baseVersion > cur.Version:
		return nil, Invalid("baseVersion", "%d is ahead of the design, which is at version %d", baseVersion, cur.Version)
	}
	next, change, err := Apply(cur, ops, cat)
	if err != nil {
		if baseVersion == cur.Version || ErrorCode(err) != EINVALID {
			return nil, err
		}
		return nil, staleRefusal(cur, b, cat, since, err)
	}
	stored, err := cat.CheckLimits(next)
	if err != nil {
		return nil, err
	}
	if baseVersion < cur.Version {
		keys, err := since.Writes()
		if err != nil {
			return nil, fmt.Errorf("design: read changes since version %d: %w", baseVersion, err)
		}
		if hits := Collisions(change, keys); len(hits) > 0 {
			return nil, conflict(cur, baseVersion, describeKeys(hits))
		}
	}
	next.Version = cur.Version + 1
	next.UpdatedAt = now
	return &Applied{
		Design: next,
		Revision: Revision{
			Version:   next.Version,
			Ops:       ops,
			Inverse:   change.Inverse,
			CreatedAt: now,
			By:        b.author(),
			Writes:    change.Writes,
		},
		Content: stored,
	}, nil
}

// staleRefusal decides what the refusal (refused) of a stale batch by the
// current design means: a conflict when the base version takes the batch,
// else the refusal itself, since the batch was wrong on its own.
func staleRefusal(cur *Design, b Batch, cat *Catalogue, since Since, refused error) error {
	inverses, err := since.Inverses()
	if err != nil {
		return fmt.Errorf("design: read changes since version %d: %w", b.BaseVersion, err)
	}
	base := cur
	for i, inv := range inverses {
		if base, _, err = Apply(base, inv, cat); err != nil {
			return fmt.Errorf("design: undo version %d of %s: %w", cur.Version-i, cur.ID, err)
		}
	}
	_, change, err := Apply(base, b.Ops, cat)
	if err != nil {
		return refused
	}
	keys, err := since.Writes()
	if err != nil {
		return fmt.Errorf("design: read changes since version %d: %w", b.BaseVersion, err)
	}
	if hits := Collisions(change, keys); len(hits) > 0 {
		return conflict(cur, b.BaseVersion, describeKeys(hits))
	}
	// Nothing the batch touches changed, yet the design refuses it now (a
	// limit reached, say): say why.
	c := conflict(cur, b.BaseVersion, "the design")
	c.Message += " (" + ErrorMessage(refused) + ")"
	return c
}

func conflict(cur *Design, baseVersion int, what string) *Error {
	return &Error{
		Code:    ECONFLICT,
		Message: fmt.Sprintf("someone else changed %s since version %d; the design is now at version %d", what, baseVersion, cur.Version),
		Current: cur,
	}
}

// describeKeys turns merge keys into words for a conflict message.
func describeKeys(keys []string) string {
	const most = 3
	var parts []string
	for i, k := range keys {
		if i == most {
			parts = append(parts, fmt.Sprintf("and %d more", len(keys)-most))
			break
		}
		parts = append(parts, describeKey(k))
	}
	return joinWords(parts)
}

func describeKey(k string) string {
	if k == "*" {
		return "the whole design"
	}
	parts := strings.SplitN(k, "/", 3)
	if len(parts) == 1 {
		return "the " + parts[0] // title or description
	}
	kind, id, rest := parts[0], parts[1], ""
	if len(parts) == 3 {
		rest = parts[2]
	}
	if kind == "accepted" {
		a := Accepted{Rule: id}
		if rest != "" {
			a.Subjects = strings.Split(rest, ",")
		}
		return "the acceptance of " + a.Label()
	}
	noun := map[string]string{"block": "block", "conn": "connection", "group": "group"}[kind]
	switch {
	case rest == "" || rest == "exists":
		return noun + " " + id
	case strings.HasPrefix(rest, "props/"):
		return id + " " + strings.TrimPrefix(rest, "props/")
	}
	return "the " + rest + " of " + id
}

func joinWords(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	s := parts[0]
	for _, p := range parts[1 : len(parts)-1] {
		s += ", " + p
	}
	return s + " and " + parts[len(parts)-1]
}

// NewDesign prepares a design for storing as version 1: it validates a copy,
// gives it fresh links and returns it with its first revision, which records
// the whole content as one replace operation.
func NewDesign(d *Design, cat *Catalogue, now time.Time) (*Design, Revision, string, error) {
	c := content(d)
	if err := c.Validate(cat); err != nil {
		return nil, Revision{}, "", err
	}
	if _, err := cat.CheckLimits(c); err != nil {
		return nil, Revision{}, "", err
	}
	c.ID = NewViewID()
	c.Version = 1
	c.CreatedAt, c.UpdatedAt = now, now
	if d.ForkedFrom != nil {
		f := *d.ForkedFrom
		c.ForkedFrom = &f
	}
	rev := Revision{
		Version:   1,
		Ops:       Ops{{Op: OpReplace, Design: content(c)}},
		CreatedAt: now,
		Writes:    []string{"*"},
	}
	return c, rev, NewEditKey(), nil
}

// Fork returns the content of d as a new design that records its origin.
func Fork(d *Design) *Design {
	f := content(d)
	f.ForkedFrom = &ForkOrigin{ID: d.ID, Title: d.Title, Version: d.Version}
	return f
}

// storedContent is the part of a design a backend keeps in its document
// column; id, version, timestamps and origin live in columns of their own.
type storedContent struct {
	Title       string                 `json:"title"`
	Description string                 `json:"description,omitempty"`
	Blocks      []Block                `json:"blocks"`
	Connections []Connection           `json:"connections"`
	Groups      []Group                `json:"groups,omitempty"`
	Accepted    []Accepted             `json:"accepted,omitempty"`
	Source      *Source                `json:"source,omitempty"`
	Traffic     map[string]Traffic     `json:"traffic,omitempty"`
	Assumptions map[string]Assumptions `json:"assumptions,omitempty"`
}

// MarshalContent encodes the content of a design for storage.
func MarshalContent(d *Design) ([]byte, error) {
	return json.Marshal(storedContent{Title: d.Title, Description: d.Description, Blocks: d.Blocks, Connections: d.Connections, Groups: d.Groups, Accepted: d.Accepted, Source: d.Source, Traffic: d.Traffic, Assumptions: d.Assumptions})
}

// UnmarshalContent decodes stored content into d. Stored content was
// validated when it was written, so it is decoded without the strict checks.
func UnmarshalContent(data []byte, d *Design) error {
	var c storedContent
	if err := json.Unmarshal(data, &c); err != nil {
		return fmt.Errorf("design: decode stored content: %w", err)
	}
	d.Title, d.Description, d.Blocks, d.Connections, d.Groups, d.Accepted, d.Source = c.Title, c.Description, c.Blocks, c.Connections, c.Groups, c.Accepted, c.Source
	d.Traffic, d.Assumptions = c.Traffic, c.Assumptions
	return nil
}
