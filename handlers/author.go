package handlers

import (
	"net/http"
	"strings"
	"unicode"

	"github.com/archlab/archlab/design"
)

// author says who is speaking in a request: the name a single sign-on
// proxy gives in the UserHeader, marked verified, when the request's
// connection comes from one of the trusted proxies; otherwise the name the
// person gave (kept in their browser), unverified. The proxy is known by
// the connection's peer address, never by X-Forwarded-For, which anyone
// may write. Every feature that records a person (comments, acceptances,
// sign-off) asks here.
func (h *Handler) author(r *http.Request, given string) design.Author {
	if h.opts.UserHeader != "" && h.fromTrustedProxy(r) {
		if name := cleanName(r.Header.Get(h.opts.UserHeader)); name != "" {
			return design.Author{Name: name, Verified: true}
		}
	}
	return design.Author{Name: strings.TrimSpace(given)}
}

// cleanName makes a proxy's header value a display name: one line, no
// control characters, at most design.MaxAuthorLen characters.
func cleanName(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > design.MaxAuthorLen {
		s = strings.TrimSpace(string(r[:design.MaxAuthorLen]))
	}
	return s
}
