package design

import (
	"slices"
	"testing"
)

func TestSummarizeComments(t *testing.T) {
	queue := Subject{Kind: SubjectBlock, ID: "OrderQueue", Label: "OrderQueue"}
	cs := []Comment{
		{ID: "c1", Version: 2, Subject: queue},
		{ID: "c2", Version: 2, Subject: Subject{Kind: SubjectDesign, Label: "Orders"}},
		{ID: "c3", Version: 3, Subject: queue},
		{ID: "c4", Version: 3, Subject: queue},
		{ID: "c5", Version: 3, Subject: Subject{Kind: SubjectFinding, Rule: "sqs-visibility-6x", Subjects: []string{"OrderQueue"}, Label: "sqs-visibility-6x on OrderQueue"}},
		{ID: "c6", Version: 5, Subject: queue},
	}
	if got, want := SummarizeComments(CommentsAt(cs, 2, 3)), []string{"3 comments on OrderQueue", "1 comment on the design", "1 comment on the finding sqs-visibility-6x on OrderQueue"}; !slices.Equal(got, want) {
		t.Errorf("summary of versions 2-3 = %q; want %q", got, want)
	}
	if got := SummarizeComments(CommentsAt(cs, 4, 4)); len(got) != 0 {
		t.Errorf("summary of version 4 = %q; want none", got)
	}
}

func TestCommentSubject(t *testing.T) {
	d := &Design{Title: "Orders", Blocks: []Block{{ID: "Q", Kind: "sqs", Name: "OrderQueue"}, {ID: "W", Kind: "lambda"}},
		Connections: []Connection{{ID: "c1", From: "Q", To: "W"}}}
	name := func(b *Block) string { return "kind " + b.Kind }
	for _, tc := range []struct {
		in    Subject
		label string
		field string
	}{
		{Subject{Kind: SubjectBlock, ID: "Q"}, "OrderQueue", ""},
		{Subject{Kind: SubjectConnection, ID: "c1"}, "OrderQueue → W", ""},
		{Subject{}, "Orders", ""},
		{Subject{Kind: SubjectFinding, Rule: "r-x", Subjects: []string{"c1", "Q"}}, "r-x on OrderQueue, OrderQueue → W", ""},
		{Subject{Kind: SubjectBlock, ID: "Nope"}, "", "subject.block"},
		{Subject{Kind: SubjectGroup, ID: "g"}, "", "subject.group"},
		{Subject{Kind: SubjectFinding, Rule: "r-x", Subjects: []string{"Q", "zz"}}, "", "subject.finding.subjects[1]"},
		{Subject{Kind: "person"}, "", "subject"},
	} {
		got, err := d.CommentSubject(tc.in, name)
		if tc.field != "" {
			if e, ok := err.(*Error); !ok || e.Field != tc.field {
				t.Errorf("%+v: err %v; want one on %s", tc.in, err, tc.field)
			}
			continue
		}
		if err != nil || got.Label != tc.label {
			t.Errorf("%+v = %+v, %v; want label %q", tc.in, got, err, tc.label)
		}
	}
	s, _ := ParseSubjectKey("finding:r-x/Q,c1")
	if !s.Is("r-x", []string{"c1", "Q"}) || s.Key() != "finding:r-x/Q,c1" {
		t.Errorf("parsed finding key = %+v", s)
	}
}
