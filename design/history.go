package design

import (
	"context"
	"fmt"
)

// HistoryEntry is a revision with what it changed.
type HistoryEntry struct {
	Revision
	// Diff is what the revision changed from the version before it; the
	// first revision, which created the design, has none.
	Diff Diff
}

// historyPage is how many revisions History and VersionAt read at a time.
const historyPage = 100

// History returns up to limit revisions below version before (0: from the
// newest), newest first, each with what it changed. It rebuilds the older
// versions by undoing revisions from the current design, so it works the
// same on every store.
func History(ctx context.Context, st Store, id string, before, limit int, cat *Catalogue) ([]HistoryEntry, error) {
	cur, err := st.Design(ctx, id)
	if err != nil {
		return nil, err
	}
	if before <= 0 || before > cur.Version+1 {
		before = cur.Version + 1
	}
	var out []HistoryEntry
	err = walkBack(ctx, st, cur, cat, func(r Revision, after, prior *Design) bool {
		if r.Version >= before {
			return true
		}
		e := HistoryEntry{Revision: r}
		if prior != nil {
			e.Diff = Compare(prior, after)
		}
		out = append(out, e)
		return len(out) < limit
	})
	return out, err
}

// VersionAt returns version v of the design cur (its current version, as
// the store has it), read-only: cur with every later revision undone.
// Returns ENOTFOUND for a version the design never had.
func VersionAt(ctx context.Context, st Store, cur *Design, v int, cat *Catalogue) (*Design, error) {
	ds, err := VersionsAt(ctx, st, cur, cat, v)
	if err != nil {
		return nil, err
	}
	return ds[0], nil
}

// VersionsAt returns several versions of the design cur, in the order
// asked, with one walk back through its history to the oldest of them:
// comparing two versions costs one walk, not two.
func VersionsAt(ctx context.Context, st Store, cur *Design, cat *Catalogue, vs ...int) ([]*Design, error) {
	out := make([]*Design, len(vs))
	oldest := cur.Version
	for i, v := range vs {
		if v < 1 || v > cur.Version {
			return nil, Errorf(ENOTFOUND, "%s has versions 1 to %d; there is no version %d.", cur.Title, cur.Version, v)
		}
		if v == cur.Version {
			out[i] = cur.Clone() // the store's copy may be shared
		}
		oldest = min(oldest, v)
	}
	if oldest == cur.Version {
		return out, nil
	}
	err := walkBack(ctx, st, cur, cat, func(r Revision, after, _ *Design) bool {
		for i, v := range vs {
			if v == r.Version {
				out[i] = after
			}
		}
		return r.Version > oldest
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// walkBack visits the revisions newest first with the design after each
// and before it (nil before the first), until visit returns false.
func walkBack(ctx context.Context, st Store, cur *Design, cat *Catalogue, visit func(r Revision, after, prior *Design) bool) error {
	after := cur
	next := 0
	for {
		revs, err := st.Revisions(ctx, cur.ID, next, historyPage)
		if err != nil {
			return err
		}
		if len(revs) == 0 {
			return nil
		}
		for _, r := range revs {
			var prior *Design
			if r.Version > 1 {
				if len(r.Inverse) == 0 {
					return fmt.Errorf("history of %s: revision %d has no inverse", cur.ID, r.Version)
				}
				p, _, err := Apply(after, r.Inverse, cat)
				if err != nil {
					return fmt.Errorf("history of %s: undo revision %d: %w", cur.ID, r.Version, err)
				}
				p.Version = r.Version - 1
				prior = p
			}
			snapshot := after.Clone()
			snapshot.Version = r.Version
			if !visit(r, snapshot, prior) || prior == nil {
				return nil
			}
			after = prior
		}
		next = revs[len(revs)-1].Version
	}
}

// RestoreOps is the batch that brings a design back to the content of an
// older version, applied as a new revision: history is never rewritten.
func RestoreOps(old *Design) Ops {
	return Ops{{Op: OpReplace, Design: content(old)}}
}
