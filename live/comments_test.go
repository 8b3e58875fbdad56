package live

import (
	"context"
	"testing"
)

// recorder is a relay that keeps what it was asked to send.
type recorder struct{ sent []string }

func (r *recorder) Send(_ context.Context, payload string) error {
	r.sent = append(r.sent, payload)
	return nil
}

// A comment reaches the subscribers here at once and, through the relay,
// those of another instance; its own message coming back is not heard
// twice.
func TestCommentsReachEveryInstanceOnce(t *testing.T) {
	a, b := NewHub("a"), NewHub("b")
	relay := &recorder{}
	a.SetRelay(relay)
	here, there := a.Subscribe("d"), b.Subscribe("d")
	defer here.Close()
	defer there.Close()
	here.Take()
	there.Take()
	relay.sent = nil

	a.Commented(context.Background(), "d")
	if evs := wait(t, here); len(evs) != 1 || !evs[0].Commented {
		t.Fatalf("here: %v, want one comment event", evs)
	}
	if len(relay.sent) != 1 {
		t.Fatalf("relay sent %v, want one message", relay.sent)
	}
	a.Receive(relay.sent[0]) // back to the sender
	b.Receive(relay.sent[0])
	select {
	case <-here.Ready:
		t.Fatalf("the sender heard its own comment again: %v", here.Take())
	default:
	}
	if evs := wait(t, there); len(evs) != 1 || !evs[0].Commented || evs[0].Version != 0 {
		t.Fatalf("there: %v, want one comment event", evs)
	}
}
