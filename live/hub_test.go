package live

import (
	"context"
	"sync"
	"testing"
	"time"
)

// wait takes the next events of s, or fails after a second.
func wait(t *testing.T, s *Subscription) []Event {
	t.Helper()
	select {
	case <-s.Ready:
		return s.Take()
	case <-time.After(time.Second):
		t.Fatal("no event within 1 s")
		return nil
	}
}

func TestChangesReachEverySubscriberOnce(t *testing.T) {
	h := NewHub("a")
	s1, s2 := h.Subscribe("d1"), h.Subscribe("d1")
	other := h.Subscribe("d2")
	defer s1.Close()
	defer s2.Close()
	defer other.Close()
	s1.Take()
	s2.Take()
	other.Take()
	h.Changed(context.Background(), "d1", 2)
	h.Receive(`{"k":"change","d":"d1","v":2}`) // the same version back through the relay
	for _, s := range []*Subscription{s1, s2} {
		evs := wait(t, s)
		if len(evs) != 1 || evs[0].Version != 2 {
			t.Errorf("events %v, want version 2 once", evs)
		}
	}
	select {
	case <-other.Ready:
		t.Errorf("a subscriber of another design heard %v", other.Take())
	default:
	}
}

func TestSlowSubscriberKeepsOnlyTheLatest(t *testing.T) {
	h := NewHub("a")
	s := h.Subscribe("d")
	defer s.Close()
	s.Take()
	for v := 2; v <= 50; v++ {
		h.Changed(context.Background(), "d", v)
	}
	evs := wait(t, s)
	if len(evs) != 1 || evs[0].Version != 50 {
		t.Fatalf("events %v, want only version 50", evs)
	}
}

// relayTo is a relay that delivers to other hubs, as Postgres does.
type relayTo struct {
	mu   sync.Mutex
	hubs []*Hub
}

func (r *relayTo) Send(_ context.Context, payload string) error {
	r.mu.Lock()
	hubs := r.hubs
	r.mu.Unlock()
	for _, h := range hubs {
		go h.Receive(payload)
	}
	return nil
}

func TestPresenceAcrossInstances(t *testing.T) {
	r := &relayTo{}
	a, b := NewHub("a"), NewHub("b")
	r.hubs = []*Hub{a, b}
	a.SetRelay(r)
	b.SetRelay(r)
	sa := a.Subscribe("d")
	defer sa.Close()
	sb := b.Subscribe("d")
	deadline := time.Now().Add(time.Second)
	for a.Presence("d") != 2 || b.Presence("d") != 2 {
		if time.Now().After(deadline) {
			t.Fatalf("presence a=%d b=%d, want 2 and 2", a.Presence("d"), b.Presence("d"))
		}
		time.Sleep(5 * time.Millisecond)
	}
	b.Changed(context.Background(), "d", 7)
	for {
		evs := wait(t, sa)
		if len(evs) > 0 && evs[0].Version == 7 {
			break
		}
	}
	sb.Close()
	deadline = time.Now().Add(time.Second)
	for a.Presence("d") != 1 {
		if time.Now().After(deadline) {
			t.Fatalf("after b's reader left, a counts %d", a.Presence("d"))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// The hub forgets a design once nobody has it open.
func TestHubForgetsClosedDesigns(t *testing.T) {
	h := NewHub("a")
	h.Changed(context.Background(), "nobody-watches", 3)
	s := h.Subscribe("d")
	h.Changed(context.Background(), "d", 2)
	s.Close()
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.latest) != 0 || len(h.subs) != 0 {
		t.Errorf("after every reader left the hub still holds %v and %v", h.latest, h.subs)
	}
}

// A review change makes no version: it reaches the subscribers here as an
// event of its own, and another instance's through the relay, once.
func TestReviewChangesReachSubscribers(t *testing.T) {
	h := NewHub("a")
	s := h.Subscribe("d1")
	defer s.Close()
	s.Take()
	h.Reviewed(context.Background(), "d1")
	h.Receive(`{"k":"review","d":"d1","i":"a"}`) // its own message back through the relay
	if evs := wait(t, s); len(evs) != 1 || !evs[0].Reviewed {
		t.Fatalf("events %v, want one review event", evs)
	}
	select {
	case <-s.Ready:
		t.Fatalf("the relay's echo was delivered again: %v", s.Take())
	default:
	}
	h.Receive(`{"k":"review","d":"d1","i":"b"}`) // another instance's
	if evs := wait(t, s); len(evs) != 1 || !evs[0].Reviewed {
		t.Fatalf("events %v, want the other instance's review event", evs)
	}
}
