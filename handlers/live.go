package handlers

import (
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// heartbeat keeps idle event streams open through proxies that close
// silent connections.
const heartbeat = 25 * time.Second

// events streams a design's changes and presence as server-sent events.
// A client that reconnects sends the last version it saw (Last-Event-ID)
// and hears at once when the design has moved on.
func (h *Handler) events(w http.ResponseWriter, r *http.Request, s *editorSession) {
	if h.live == nil {
		h.fail(w, r, fmt.Errorf("live updates are not configured"))
		return
	}
	// The stream outlives the server's write timeout, which protects
	// ordinary requests.
	rc := http.NewResponseController(w)
	_ = rc.SetWriteDeadline(time.Time{})
	sub := h.live.Subscribe(s.design.ID)
	defer sub.Close()

	hd := w.Header()
	hd.Set("Content-Type", "text/event-stream")
	hd.Set("Cache-Control", "no-store")
	hd.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)

	// EventSource sends Last-Event-ID when it reconnects; a page that
	// opens a stream says which version it shows with since.
	seen, _ := strconv.Atoi(r.Header.Get("Last-Event-ID"))
	if since, err := strconv.Atoi(r.URL.Query().Get("since")); err == nil && since > seen {
		seen = since
	}
	fmt.Fprint(w, "retry: 2000\n\n")
	// What the client may have missed: a reconnecting client catches up.
	if cur := s.design.Version; cur > seen {
		writeChange(w, cur)
	}
	writePresence(w, h.live.Presence(s.design.ID))
	if rc.Flush() != nil {
		return
	}
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-h.streamsEnd:
			return
		case <-tick.C:
			fmt.Fprint(w, ": still here\n\n")
		case <-sub.Ready:
			for _, ev := range sub.Take() {
				if ev.Rotated {
					if s.key != "" && !h.keyStillOpens(r, s) {
						// The edit link was replaced: it stops working at
						// once, this stream too (a reconnect is refused).
						return
					}
					continue
				}
				if ev.Reviewed {
					fmt.Fprint(w, "event: review\ndata: {}\n\n")
				} else if ev.Commented {
					fmt.Fprint(w, "event: comment\ndata: {}\n\n")
				} else if ev.Version > 0 {
					writeChange(w, ev.Version)
				} else {
					writePresence(w, ev.Presence)
				}
			}
		}
		if rc.Flush() != nil {
			return
		}
	}
}

// keyStillOpens reports whether the edit key a stream was opened with still
// opens its design. A database that cannot say ends the stream too: the
// client reconnects, and the reconnect checks the key.
func (h *Handler) keyStillOpens(r *http.Request, s *editorSession) bool {
	d, err := h.store.DesignByEditKey(r.Context(), s.key)
	return err == nil && d.ID == s.design.ID
}

func writeChange(w http.ResponseWriter, version int) {
	fmt.Fprintf(w, "id: %d\nevent: change\ndata: {\"version\":%d}\n\n", version, version)
}

func writePresence(w http.ResponseWriter, n int) {
	fmt.Fprintf(w, "event: presence\ndata: {\"count\":%d}\n\n", n)
}
