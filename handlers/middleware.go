package handlers

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/archlab/archlab/design"
)

// contentSecurityPolicy allows nothing inline: scripts and styles come from
// archlab's own files only.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// embedPolicy is the content security policy of an embed: the page's own,
// but framable by archlab and the configured origins.
func embedPolicy(origins []string) string {
	return strings.Replace(contentSecurityPolicy, "frame-ancestors 'none'",
		strings.TrimSpace("frame-ancestors 'self' "+strings.Join(origins, " ")), 1)
}

// securityHeaders sets the headers every response carries. Edit keys travel
// in URLs, so no referrer is ever sent.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", contentSecurityPolicy)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
		hd.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
		next.ServeHTTP(w, r)
	})
}

// crossOrigin refuses state-changing requests that a browser sends from
// another site (Sec-Fetch-Site, then Origin). Requests without those headers
// come from scripts and curl, which hold an edit key or nothing to steal.
var crossOrigin = http.NewCrossOriginProtection()

func refuseCrossOrigin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := crossOrigin.Check(r); err != nil {
			writeError(w, r, http.StatusForbidden, "forbidden", "Cross-origin requests may not change designs.", "")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// limitBodies caps every request body.
func (h *Handler) limitBodies(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, h.opts.MaxBody)
		}
		next.ServeHTTP(w, r)
	})
}

// logRequests logs one line per request with its id. The path is logged by
// route pattern where it may hold an edit key or a space's key, so secrets
// never reach logs.
func (h *Handler) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
		reqID := middleware.GetReqID(r.Context())
		ww.Header().Set("X-Request-Id", reqID)
		next.ServeHTTP(ww, r)
		path := r.URL.Path
		switch {
		case strings.HasPrefix(path, "/d/"):
			path = "/d/{editKey}"
		case strings.HasPrefix(path, "/s/"), strings.HasPrefix(path, "/api/v1/spaces/"):
			// A space's key opens it like an edit key.
			path = routePattern(r)
		}
		level := slog.LevelInfo
		if ww.Status() >= 500 {
			level = slog.LevelError
		}
		h.log.LogAttrs(r.Context(), level, "request",
			slog.String("request_id", reqID),
			slog.String("method", r.Method),
			slog.String("path", path),
			slog.String("route", routePattern(r)),
			slog.Int("status", ww.Status()),
			slog.Int("bytes", ww.BytesWritten()),
			slog.Duration("duration", time.Since(start)),
		)
	})
}

func routePattern(r *http.Request) string {
	if rc := chi.RouteContext(r.Context()); rc != nil {
		if p := rc.RoutePattern(); p != "" {
			return p
		}
	}
	return "unmatched"
}

// recoverPanics turns a panic into a 500 and a log line with the stack.
func (h *Handler) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				h.log.Error("panic", "request_id", middleware.GetReqID(r.Context()), "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				h.fail(w, r, fmt.Errorf("panic: %v", v))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

func (h *Handler) tooManyRequests(w http.ResponseWriter, r *http.Request) {
	writeError(w, r, http.StatusTooManyRequests, "rate_limited", "Too many changes from your address; wait a minute and try again.", "")
}

// statusClientGone is what the access log says of a request whose client
// went away before it was answered (nginx's 499): nothing was served, and
// nothing failed on archlab's side.
const statusClientGone = 499

// fail answers for an error from the domain or the store.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	if r.Context().Err() != nil && design.ErrorCode(err) == design.EINTERNAL {
		// Nobody reads the answer; the status is for the access log.
		w.WriteHeader(statusClientGone)
		return
	}
	status := statusOf(err)
	switch status {
	case http.StatusInternalServerError:
		h.log.Error("request failed", "request_id", middleware.GetReqID(r.Context()), "route", routePattern(r), "err", err)
	case http.StatusServiceUnavailable:
		h.log.Warn("database unavailable", "request_id", middleware.GetReqID(r.Context()), "route", routePattern(r), "err", err)
	}
	markRetry(w, status)
	if wantsJSON(r) {
		writeDomainError(w, err, status)
		return
	}
	h.renderError(w, r, status, messageOf(err))
}
