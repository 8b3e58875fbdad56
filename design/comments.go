package design

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Comments are the discussion of a design review: threads pinned to a
// block, a connection, a group, a finding or the design as a whole, with
// replies, kept beside the design rather than in it. They are not part of
// the archlab/v1 document and change no version: a comment records the
// version it was made at.

// The kinds of thing a thread is about.
const (
	SubjectDesign     = "design"
	SubjectBlock      = "block"
	SubjectConnection = "connection"
	SubjectGroup      = "group"
	SubjectFinding    = "finding"
)

// Bounds on comments. A review of a large design runs to a few hundred
// comments; the bounds keep one design from filling the database.
const (
	MaxCommentLen       = 10000
	MaxAuthorLen        = 80
	MaxCommentsOfDesign = 5000
)

// Author is who wrote a comment. Verified is set when the name came from
// the company's single sign-on proxy rather than from the person.
type Author struct {
	Name     string `json:"name"`
	Verified bool   `json:"verified"`
}

// Subject is what a thread is about. A finding is named as an accepted
// finding is (see Accepted): its rule and its subjects, sorted, so that the
// thread follows the finding for as long as the rule raises it.
type Subject struct {
	Kind     string   `json:"kind"`
	ID       string   `json:"id,omitempty"`
	Rule     string   `json:"rule,omitempty"`
	Subjects []string `json:"subjects,omitempty"`
	// Label is what the subject was called when the thread began
	// ("OrderQueue", "OrdersApi → Worker"), so that a thread about a
	// block deleted since still says what it was about.
	Label string `json:"label"`
	// What is the kind of thing it was, in words ("SQS queue"), when known.
	What string `json:"what,omitempty"`
}

// Comment is one comment: the first of a thread, or a reply in it.
type Comment struct {
	ID string `json:"id"`
	// Thread is the id of the thread's first comment (its own for a first).
	Thread  string  `json:"thread"`
	Subject Subject `json:"subject"`
	Author  Author  `json:"author"`
	Text    string  `json:"text"`
	// Version is the design's version when the comment was made.
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"createdAt"`
	// Resolved is set on a thread's first comment while the thread is
	// resolved.
	Resolved *Resolution `json:"resolved,omitempty"`
}

// Resolution says who resolved a thread and when.
type Resolution struct {
	By Author    `json:"by"`
	At time.Time `json:"at"`
}

// NewComment is a comment to add: a thread's first when Thread is empty, a
// reply otherwise (a reply is about what its thread is about).
type NewComment struct {
	Design  string
	Thread  string
	Subject Subject
	Author  Author
	Text    string
}

// CommentSettings are a design's rules for commenting.
type CommentSettings struct {
	// FromViewLink lets whoever holds the view link comment; edit-link
	// holders always may. On by default.
	FromViewLink bool `json:"fromViewLink"`
}

// CommentStore keeps comments. The SQLite and Postgres backends implement
// it and both pass the conformance suite in store/storetest.
type CommentStore interface {
	// AddComment stores a comment as the next of its design, at the
	// design's current version. Returns ENOTFOUND for an unknown design,
	// EINVALID (field "thread") for a reply to a thread the design has not,
	// and ETOOLARGE when the design holds MaxCommentsOfDesign comments.
	// The comment must have passed Check.
	AddComment(ctx context.Context, c NewComment) (*Comment, error)

	// Comments returns every comment of the design, oldest first.
	// Returns ENOTFOUND for an unknown design.
	Comments(ctx context.Context, designID string) ([]Comment, error)

	// ResolveThread resolves (or, with resolved false, reopens) a thread
	// and returns its first comment. Returns ENOTFOUND for an unknown
	// design or thread.
	ResolveThread(ctx context.Context, designID, thread string, resolved bool, by Author) (*Comment, error)

	// CommentSettings returns the design's comment settings.
	// Returns ENOTFOUND for an unknown design.
	CommentSettings(ctx context.Context, designID string) (CommentSettings, error)

	// SetCommentSettings changes them, with the design's edit key.
	// Returns ENOTFOUND for an unknown design, EFORBIDDEN for a wrong key.
	SetCommentSettings(ctx context.Context, designID, editKey string, s CommentSettings) error
}

var commentIDPattern = regexp.MustCompile(`^c[1-9][0-9]{0,8}$`)

// ValidCommentID reports whether s has the shape of a comment id ("c12").
func ValidCommentID(s string) bool { return commentIDPattern.MatchString(s) }

// CommentID is the id of a design's n-th comment.
func CommentID(n int) string { return "c" + strconv.Itoa(n) }

// CheckAuthor checks a display name: one line of text, present.
func CheckAuthor(field string, a Author) error {
	if strings.TrimSpace(a.Name) == "" {
		return Invalid(field, "is required: the name to show with the comment")
	}
	return checkText(field, a.Name, MaxAuthorLen)
}

// Check validates a new comment on its own: an author, a text within
// MaxCommentLen, and a thread id of the right shape. Whether its subject
// exists is checked with the design (CommentSubject).
func (c *NewComment) Check() error {
	if err := CheckAuthor("author", c.Author); err != nil {
		return err
	}
	if strings.TrimSpace(c.Text) == "" {
		return Invalid("text", "is required: what you have to say")
	}
	if err := checkMultiline("text", c.Text, MaxCommentLen); err != nil {
		return err
	}
	if c.Thread != "" && !ValidCommentID(c.Thread) {
		return Invalid("thread", "%q is not a thread id (the id of its first comment, such as c12)", clip(c.Thread, 40))
	}
	return nil
}

// CommentSubject checks that what a new thread is about exists in d and
// returns it complete: sorted finding subjects, and the label and kind of
// thing it is now. Errors name the field under "subject". Whether a rule
// raises the finding is for the caller, which knows the rules.
func (d *Design) CommentSubject(s Subject, kindName func(b *Block) string) (Subject, error) {
	out := Subject{Kind: s.Kind, ID: s.ID}
	field := "subject." + s.Kind
	switch s.Kind {
	case SubjectDesign, "":
		return Subject{Kind: SubjectDesign, Label: d.Title, What: "design"}, nil
	case SubjectBlock:
		b := d.Block(s.ID)
		if b == nil {
			return out, Invalid(field, "names %q, which is no block of this design", clip(s.ID, 130))
		}
		out.Label, out.What = b.Label(), kindName(b)
	case SubjectConnection:
		c := d.Connection(s.ID)
		if c == nil {
			return out, Invalid(field, "names %q, which is no connection of this design", clip(s.ID, 130))
		}
		out.Label, out.What = d.elementLabel(c.From)+" → "+d.elementLabel(c.To), "connection"
	case SubjectGroup:
		g := d.Group(s.ID)
		if g == nil {
			return out, Invalid(field, "names %q, which is no group of this design", clip(s.ID, 130))
		}
		out.Label, out.What = g.Label(), "group"
	case SubjectFinding:
		a := Accepted{Rule: s.Rule, Subjects: slices.Clone(s.Subjects)}
		if err := a.check(d.hasElement()); err != nil {
			return out, within("subject.finding", err)
		}
		labels := make([]string, len(a.Subjects))
		for i, id := range a.Subjects {
			labels[i] = d.elementLabel(id)
		}
		out.ID, out.Rule, out.Subjects, out.What = "", a.Rule, a.Subjects, "finding"
		out.Label = a.Rule
		if len(labels) > 0 {
			out.Label += " on " + strings.Join(labels, ", ")
		}
	default:
		return out, Invalid("subject", "is about a %q; a thread is about a block, connection, group, finding or the design", clip(s.Kind, 40))
	}
	return out, nil
}

// elementLabel is what people see for a block or connection id.
func (d *Design) elementLabel(id string) string {
	if b := d.Block(id); b != nil {
		return b.Label()
	}
	if c := d.Connection(id); c != nil {
		return d.elementLabel(c.From) + " → " + d.elementLabel(c.To)
	}
	return id
}

// Is reports whether the subject is the finding of rule about subjects.
func (s *Subject) Is(rule string, subjects []string) bool {
	if s.Kind != SubjectFinding || s.Rule != rule || len(s.Subjects) != len(subjects) {
		return false
	}
	sorted := slices.Sorted(slices.Values(subjects))
	return slices.Equal(s.Subjects, sorted)
}

// ParseSubjectKey reads what Key writes, as a form sends it back.
func ParseSubjectKey(key string) (Subject, error) {
	kind, rest, _ := strings.Cut(key, ":")
	switch kind {
	case SubjectDesign, "":
		return Subject{Kind: SubjectDesign}, nil
	case SubjectBlock, SubjectConnection, SubjectGroup:
		return Subject{Kind: kind, ID: rest}, nil
	case SubjectFinding:
		rule, ids, _ := strings.Cut(rest, "/")
		s := Subject{Kind: kind, Rule: rule, Subjects: []string{}}
		if ids != "" {
			s.Subjects = strings.Split(ids, ",")
		}
		return s, nil
	}
	return Subject{}, Invalid("about", "%q is not something a thread can be about", clip(key, 80))
}

// Key identifies what a thread is about: "block:OrderQueue",
// "finding:sqs-visibility-6x/OrderQueue,c1", "design".
func (s *Subject) Key() string {
	switch s.Kind {
	case SubjectFinding:
		return "finding:" + s.Rule + "/" + strings.Join(s.Subjects, ",")
	case SubjectDesign, "":
		return SubjectDesign
	}
	return s.Kind + ":" + s.ID
}

// The errors both backends answer about comments, worded once.

// TooManyComments is the answer to a comment past MaxCommentsOfDesign.
func TooManyComments() error {
	return Errorf(ETOOLARGE, "This design holds %d comments, the most it may; make a copy of the design to go on.", MaxCommentsOfDesign)
}

// UnknownThread is the answer to a reply to a thread the design has not.
func UnknownThread(id string) error {
	return Invalid("thread", "names %q, which is no thread of this design", clip(id, 40))
}

// NoSuchThread is the answer to resolving a thread the design has not.
func NoSuchThread() error {
	return Errorf(ENOTFOUND, "There is no such thread in this design.")
}
