package pages

import (
	"github.com/archlab/archlab/content"
	"github.com/archlab/archlab/design"
)

// CommentsView is the comments panel of a design, in the editor, the
// viewer and the embed.
type CommentsView struct {
	// Base is the design's link: /d/{key} or /v/{id}.
	Base string
	// Threads are the open threads, oldest first, then the resolved ones.
	Threads []Thread
	// CanComment says whether this link may comment.
	CanComment bool
	// Editable is set at the edit link, which alone changes FromViewLink.
	Editable     bool
	FromViewLink bool
	// Verified is the name the single sign-on proxy gave, when it did.
	Verified string
	// About are what a new thread may be about, the first one chosen.
	About []AboutOption
	// Counts is JSON: the open threads on each block, connection and
	// group, by id, for the diagram's badges.
	Counts string
	// Open and Resolved count the threads.
	Open, Resolved int
}

// Thread is a thread with its comments rendered.
type Thread struct {
	ID      string
	Subject design.Subject
	// Gone says that what the thread is about is no longer in the design
	// (a deleted block, a finding no rule raises now).
	Gone     bool
	Resolved *design.Resolution
	Comments []Comment
}

// Comment is a comment with its Markdown parsed.
type Comment struct {
	design.Comment
	Body *content.Node
}

// AboutOption is a choice of what a new thread is about: a subject key
// (design.Subject.Key) and its label.
type AboutOption struct {
	Value, Label string
	Selected     bool
}

// subjectWords says what a thread is about: "block OrderQueue (SQS queue)".
func subjectWhat(s design.Subject) string {
	switch s.Kind {
	case design.SubjectDesign:
		return "the design"
	case design.SubjectFinding:
		return "finding"
	}
	if s.What != "" && s.What != s.Kind {
		return s.What
	}
	return s.Kind
}
