// Package live tells every open editor and viewer of a design about each
// change as it happens, and how many people have the design open.
//
// A Hub fans events out to the subscribers of this process. With several
// archlab processes on one Postgres database, a Relay (LISTEN/NOTIFY)
// carries changes and presence between them, so no process holds state
// another one needs.
package live

import (
	"context"
	"encoding/json"
	"sync"
	"time"
)

// Event is what a subscriber hears: a design reached a new version, the
// number of people who have it open changed, or its edit key was replaced.
type Event struct {
	Design  string
	Version int // the design's version; 0 for a presence or rotation event
	// Presence is how many people have the design open, on every instance.
	Presence int
	// Rotated says the edit key was replaced: a stream opened with the old
	// one must end.
	Rotated bool
	// Reviewed says the design's review state changed, which makes no
	// version: open pages fetch it again.
	Reviewed bool
	// Commented says the design's comments changed (a comment was added,
	// a thread resolved or reopened); they change no version.
	Commented bool
}

// Message travels between instances through a Relay.
type Message struct {
	Kind     string `json:"k"` // "change", "presence", "rotate", "review" or "comment"
	Design   string `json:"d"`
	Version  int    `json:"v,omitempty"`
	Instance string `json:"i,omitempty"`
	Count    int    `json:"n,omitempty"`
}

// Relay carries messages to the other instances. Messages an instance sends
// come back to it too; the hub ignores its own presence and repeated
// versions.
type Relay interface {
	Send(ctx context.Context, payload string) error
}

// presenceTTL is how long another instance's presence count holds without
// being repeated: an instance that dies stops counting after it.
const presenceTTL = 45 * time.Second

// Hub fans events out to subscribers. The zero value is not usable; call
// NewHub.
type Hub struct {
	instance string

	mu     sync.Mutex
	subs   map[string]map[*Subscription]struct{}
	latest map[string]int // the newest version announced per design
	remote map[string]map[string]remoteCount
	relay  Relay
}

type remoteCount struct {
	n    int
	seen time.Time
}

// NewHub returns a hub for this process; instance names it to the others.
func NewHub(instance string) *Hub {
	return &Hub{
		instance: instance,
		subs:     map[string]map[*Subscription]struct{}{},
		latest:   map[string]int{},
		remote:   map[string]map[string]remoteCount{},
	}
}

// SetRelay connects the hub to the other instances.
func (h *Hub) SetRelay(r Relay) {
	h.mu.Lock()
	h.relay = r
	h.mu.Unlock()
}

// Subscription receives the events of one design. It holds at most the
// latest change and the latest presence: a slow reader skips versions it
// would have fetched anyway, and never holds up the others.
type Subscription struct {
	hub    *Hub
	design string
	// Ready has a value when Take has something.
	Ready   chan struct{}
	closing sync.Once

	mu                  sync.Mutex
	change, presence    Event
	hasChange, hasCount bool
	rotated, reviewed   bool
	commented           bool
}

// Take returns the pending events, the change first.
func (s *Subscription) Take() []Event {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Event
	if s.hasChange {
		out = append(out, s.change)
	}
	if s.hasCount {
		out = append(out, s.presence)
	}
	if s.rotated {
		out = append(out, Event{Design: s.design, Rotated: true})
	}
	if s.reviewed {
		out = append(out, Event{Design: s.design, Reviewed: true})
	}
	if s.commented {
		out = append(out, Event{Design: s.design, Commented: true})
	}
	s.hasChange, s.hasCount, s.rotated, s.reviewed, s.commented = false, false, false, false, false
	select { // what is taken needs no wake-up
	case <-s.Ready:
	default:
	}
	return out
}

func (s *Subscription) offer(ev Event) {
	s.mu.Lock()
	if ev.Rotated {
		s.rotated = true
	} else if ev.Reviewed {
		s.reviewed = true
	} else if ev.Commented {
		s.commented = true
	} else if ev.Version > 0 {
		if !s.hasChange || ev.Version > s.change.Version {
			s.change, s.hasChange = ev, true
		}
	} else {
		s.presence, s.hasCount = ev, true
	}
	s.mu.Unlock()
	select {
	case s.Ready <- struct{}{}:
	default:
	}
}

// Subscribe starts receiving a design's events; Close ends it.
func (h *Hub) Subscribe(design string) *Subscription {
	s := &Subscription{hub: h, design: design, Ready: make(chan struct{}, 1)}
	h.mu.Lock()
	if h.subs[design] == nil {
		h.subs[design] = map[*Subscription]struct{}{}
	}
	h.subs[design][s] = struct{}{}
	h.mu.Unlock()
	h.presenceChanged(design)
	return s
}

// Close stops the subscription.
func (s *Subscription) Close() {
	s.closing.Do(func() {
		h := s.hub
		h.mu.Lock()
		delete(h.subs[s.design], s)
		if len(h.subs[s.design]) == 0 {
			delete(h.subs, s.design)
			delete(h.latest, s.design)
		}
		h.mu.Unlock()
		h.presenceChanged(s.design)
	})
}

// Changed announces a new version of a design, here and, through the
// relay, on every other instance.
func (h *Hub) Changed(ctx context.Context, design string, version int) {
	if h.deliverChange(design, version) {
		h.send(ctx, Message{Kind: "change", Design: design, Version: version})
	}
}

// Rotated announces that a design's edit key was replaced, here and on
// every other instance, so that streams opened with the old key end.
func (h *Hub) Rotated(ctx context.Context, design string) {
	h.deliverRotation(design)
	h.send(ctx, Message{Kind: "rotate", Design: design})
}

// Reviewed announces that a design's review state changed, here and on
// every other instance.
func (h *Hub) Reviewed(ctx context.Context, design string) {
	h.deliverReview(design)
	h.send(ctx, Message{Kind: "review", Design: design, Instance: h.instance})
}

func (h *Hub) deliverReview(design string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.broadcastLocked(Event{Design: design, Reviewed: true})
}

// Commented announces that a design's comments changed, here and on every
// other instance. Its own message coming back through the relay is
// dropped: subscribers here have heard.
func (h *Hub) Commented(ctx context.Context, design string) {
	h.deliverComment(design)
	h.send(ctx, Message{Kind: "comment", Design: design, Instance: h.instance})
}

func (h *Hub) deliverComment(design string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.broadcastLocked(Event{Design: design, Commented: true})
}

func (h *Hub) deliverRotation(design string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.broadcastLocked(Event{Design: design, Rotated: true})
}

// Presence is how many people have the design open on every instance.
func (h *Hub) Presence(design string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.presenceLocked(design)
}

func (h *Hub) presenceLocked(design string) int {
	n := len(h.subs[design])
	for inst, rc := range h.remote[design] {
		if time.Since(rc.seen) > presenceTTL {
			delete(h.remote[design], inst)
			continue
		}
		n += rc.n
	}
	return n
}

// Receive takes a message from the relay.
func (h *Hub) Receive(payload string) {
	var m Message
	if err := json.Unmarshal([]byte(payload), &m); err != nil || m.Design == "" {
		return
	}
	switch m.Kind {
	case "change":
		h.deliverChange(m.Design, m.Version)
	case "rotate":
		// This instance's own message comes back too: a second look at
		// the key costs a query per open stream, once.
		h.deliverRotation(m.Design)
	case "review":
		if m.Instance != h.instance { // delivered here when sent
			h.deliverReview(m.Design)
		}
	case "comment":
		if m.Instance != h.instance {
			h.deliverComment(m.Design)
		}
	case "presence":
		if m.Instance == h.instance {
			return
		}
		h.mu.Lock()
		if h.remote[m.Design] == nil {
			h.remote[m.Design] = map[string]remoteCount{}
		}
		if m.Count == 0 {
			delete(h.remote[m.Design], m.Instance)
			if len(h.remote[m.Design]) == 0 {
				delete(h.remote, m.Design)
			}
		} else {
			h.remote[m.Design][m.Instance] = remoteCount{n: m.Count, seen: time.Now()}
		}
		n := h.presenceLocked(m.Design)
		h.broadcastLocked(Event{Design: m.Design, Presence: n})
		h.mu.Unlock()
	}
}

// deliverChange hands a version to the local subscribers, once: the same
// version arriving again through the relay is dropped.
func (h *Hub) deliverChange(design string, version int) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if version <= h.latest[design] {
		return false
	}
	// Versions are remembered only while someone listens, so that the hub
	// holds nothing for the many designs nobody has open.
	if len(h.subs[design]) > 0 {
		h.latest[design] = version
	}
	h.broadcastLocked(Event{Design: design, Version: version})
	return true
}

func (h *Hub) broadcastLocked(ev Event) {
	for s := range h.subs[ev.Design] {
		s.offer(ev)
	}
}

// presenceChanged tells local subscribers and the other instances how many
// people have the design open.
func (h *Hub) presenceChanged(design string) {
	h.mu.Lock()
	local := len(h.subs[design])
	n := h.presenceLocked(design)
	h.broadcastLocked(Event{Design: design, Presence: n})
	h.mu.Unlock()
	h.send(context.Background(), Message{Kind: "presence", Design: design, Instance: h.instance, Count: local})
}

// Announce repeats this instance's presence counts to the others until ctx
// ends, so that they expire when the instance is gone.
func (h *Hub) Announce(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		h.mu.Lock()
		counts := make(map[string]int, len(h.subs))
		for d, s := range h.subs {
			counts[d] = len(s)
		}
		h.mu.Unlock()
		for d, n := range counts {
			h.send(ctx, Message{Kind: "presence", Design: d, Instance: h.instance, Count: n})
		}
	}
}

func (h *Hub) send(ctx context.Context, m Message) {
	h.mu.Lock()
	r := h.relay
	h.mu.Unlock()
	if r == nil {
		return
	}
	b, _ := json.Marshal(m)
	// A lost message costs a late refresh, never data: the store holds the
	// truth and clients catch up from the version they last saw.
	_ = r.Send(ctx, string(b))
}

// Bus links instances, as Postgres LISTEN/NOTIFY does: what one sends,
// every listener hears.
type Bus interface {
	Relay
	Listen(ctx context.Context, receive func(payload string))
}

// Join connects the hub to the other instances on bus until ctx ends.
func (h *Hub) Join(ctx context.Context, bus Bus) {
	h.SetRelay(bus)
	go bus.Listen(ctx, h.Receive)
	go h.Announce(ctx, presenceTTL/3)
}
