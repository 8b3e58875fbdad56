package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/internal/apptest"
	"github.com/archlab/archlab/live"
	"github.com/archlab/archlab/store/storetest"
)

// A comment made through one instance reaches the people who have the
// design open on another, through LISTEN/NOTIFY, as an edit does.
func TestCommentsReachOtherInstances(t *testing.T) {
	cfg := apptest.PostgresConfig(t)
	dbA, dbB := apptest.Postgres(t, cfg), apptest.Postgres(t, cfg)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	hubA, hubB := live.NewHub("a"), live.NewHub("b")
	hubA.Join(ctx, dbA)
	hubB.Join(ctx, dbB)
	a := live.Announcing(dbA, hubA)

	c := storetest.MustCreate(t, a, `{"format":"archlab/v1","title":"Shared"}`)
	there := hubB.Subscribe(c.Design.ID)
	defer there.Close()
	// Comment until the other instance's listener is up and hears it.
	deadline := time.After(10 * time.Second)
	for {
		if _, err := a.AddComment(ctx, design.NewComment{Design: c.Design.ID, Author: design.Author{Name: "A"}, Text: "hello", Subject: design.Subject{Kind: design.SubjectDesign, Label: "Shared"}}); err != nil {
			t.Fatal(err)
		}
		select {
		case <-there.Ready:
			for _, ev := range there.Take() {
				if ev.Commented {
					return
				}
			}
		case <-time.After(500 * time.Millisecond):
			continue
		case <-deadline:
			t.Fatal("no comment event reached the other instance")
		}
	}
}
