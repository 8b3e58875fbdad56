// Package webhook sends a space's outgoing webhooks: a JSON body that chat
// tools take as it is (Slack's and Teams' incoming webhooks read "text")
// with the event's fields beside it, signed with HMAC-SHA256, delivered in
// the background from a queue (archlab's database, so that a restart loses
// none) with retries and exponential backoff, so that a slow or failing
// receiver never holds up an edit.
package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// The events a hook may ask for.
const (
	ReviewRequested  = "review-requested"
	Approved         = "approved"
	ChangesRequested = "changes-requested"
	Comment          = "comment"
	// Test is the delivery the space page sends on request, to every
	// hook, to check that it is wired up.
	Test = "test"
)

// Events are the events a hook may subscribe to.
var Events = []string{ReviewRequested, Approved, ChangesRequested, Comment}

// KnownEvent reports whether a hook may subscribe to e.
func KnownEvent(e string) bool { return slices.Contains(Events, e) }

// Headers of a delivery.
const (
	// SignatureHeader is "sha256=" and the hex HMAC-SHA256, keyed with the
	// hook's secret, of the timestamp, a dot and the body.
	SignatureHeader = "X-Archlab-Signature"
	// TimestampHeader is when the delivery was signed, in Unix seconds: a
	// receiver refuses old ones, so a captured delivery cannot be replayed.
	TimestampHeader = "X-Archlab-Timestamp"
	// EventHeader names the event; DeliveryHeader identifies the delivery,
	// the same on each attempt, so that a receiver can drop repeats.
	EventHeader    = "X-Archlab-Event"
	DeliveryHeader = "X-Archlab-Delivery"
)

// Event is something that happened to a design in a space.
type Event struct {
	Kind string
	// DesignID and Title name the design; URL is its view link.
	DesignID string
	Title    string
	URL      string
	// By is who did it, Version the design's version it concerns.
	By      string
	Version int
	// Note is the comment's text or the reviewer's note, if any.
	Note string
}

// Payload is a delivery's JSON body.
type Payload struct {
	// Text is the one line a chat tool shows.
	Text    string        `json:"text"`
	Event   string        `json:"event"`
	Design  PayloadDesign `json:"design"`
	URL     string        `json:"url"`
	By      string        `json:"by,omitempty"`
	Version int           `json:"version,omitempty"`
	Note    string        `json:"note,omitempty"`
	At      time.Time     `json:"at"`
}

// PayloadDesign names the design in a payload.
type PayloadDesign struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// Body encodes an event's delivery body.
func Body(ev Event, at time.Time) ([]byte, error) {
	p := Payload{Text: text(ev), Event: ev.Kind, Design: PayloadDesign{ID: ev.DesignID, Title: ev.Title},
		URL: ev.URL, By: ev.By, Version: ev.Version, Note: ev.Note, At: at.UTC()}
	b, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("webhook: encode %s: %w", ev.Kind, err)
	}
	return b, nil
}

// text is the line a chat tool shows for an event.
func text(ev Event) string {
	who := ev.By
	if who == "" {
		who = "Someone"
	}
	v := ""
	if ev.Version > 0 {
		v = " (v" + strconv.Itoa(ev.Version) + ")"
	}
	var what string
	switch ev.Kind {
	case ReviewRequested:
		what = who + " requested a review of " + ev.Title + v
	case Approved:
		what = who + " approved " + ev.Title + v
	case ChangesRequested:
		what = who + " requested changes to " + ev.Title + v
	case Comment:
		what = who + " commented on " + ev.Title
	case Test:
		what = "archlab test delivery: this webhook works"
	default:
		what = ev.Kind + ": " + ev.Title
	}
	if ev.URL != "" {
		what += " " + ev.URL
	}
	return what
}

// Sign returns the signature header's value for a body sent at ts.
func Sign(secret string, ts time.Time, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(strconv.FormatInt(ts.Unix(), 10)))
	m.Write([]byte("."))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// Verify reports whether sig is the signature of body sent at the Unix
// time ts, as a receiver checks it (constant time).
func Verify(secret, ts, sig string, body []byte) bool {
	n, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return false
	}
	return hmac.Equal([]byte(sig), []byte(Sign(secret, time.Unix(n, 0), body)))
}
