package design

import "strconv"

// CommentsAt returns the comments made while the design was at versions
// from to to (both included): for the history, the comments between one
// revision and the next; for a comparison, those made between two
// versions.
func CommentsAt(cs []Comment, from, to int) []Comment {
	var out []Comment
	for _, c := range cs {
		if c.Version >= from && c.Version <= to {
			out = append(out, c)
		}
	}
	return out
}

// SummarizeComments says what comments were about, one line per subject
// in the order first commented on: "3 comments on OrderQueue", "1 comment
// on the design". A subject is named as it was when its thread began, so
// a deleted block is still named.
func SummarizeComments(cs []Comment) []string {
	type entry struct {
		label string
		n     int
	}
	var order []string
	by := map[string]*entry{}
	for _, c := range cs {
		k := c.Subject.Key()
		if by[k] == nil {
			by[k] = &entry{label: c.Subject.Named()}
			order = append(order, k)
		}
		by[k].n++
	}
	out := make([]string, len(order))
	for i, k := range order {
		e := by[k]
		word := " comments on "
		if e.n == 1 {
			word = " comment on "
		}
		out[i] = strconv.Itoa(e.n) + word + e.label
	}
	return out
}

// Named is how a sentence names the subject: "OrderQueue", "the design",
// "the finding sqs-visibility-6x on …", as it was when its thread began.
func (s Subject) Named() string {
	switch s.Kind {
	case SubjectDesign, "":
		return "the design"
	case SubjectFinding:
		return "the finding " + s.Label
	}
	return s.Label
}
