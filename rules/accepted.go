package rules

import "github.com/archlab/archlab/design"

// Review runs every rule on the design and splits the findings into those
// left open and those the design's accepted list accepts (design.Accepted),
// each of the latter carrying the entry that accepts it. An entry whose
// until date has passed, or whose finding's numbers changed since it was
// accepted, accepts nothing: the finding is open again. Both lists are
// worst first. Open findings are what the designer, the diagram's badges
// and the API's "findings" show; accepted ones are listed apart, with why.
func (r *Registry) Review(d *design.Design) (open, accepted []Finding) {
	all := r.checkAll(d)
	if len(d.Accepted) == 0 {
		return all, nil
	}
	accepts := design.AcceptedIn(d.Accepted, d, design.Today())
	open = all[:0]
	for _, f := range all {
		if a := accepts(f.Rule, f.Equivalents, f.Subjects, f.Message); a != nil {
			entry := *a
			f.Accepted = &entry
			accepted = append(accepted, f)
			continue
		}
		open = append(open, f)
	}
	return open, accepted
}
