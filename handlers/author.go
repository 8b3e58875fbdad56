package handlers

import (
	"net/http"
	"net/url"
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

// nameCookie keeps, for the editor's edits, the name a person last gave in
// this browser (to comment, accept a finding or change the review state).
// It is a display name, no secret: the comments script writes it too, so
// it is not HttpOnly. The value is URL-encoded (encodeURIComponent).
const nameCookie = "archlab_name"

// maxNameCookie bounds the encoded value read: MaxAuthorLen characters of
// up to four bytes, each byte written as %XX.
const maxNameCookie = design.MaxAuthorLen * 4 * 3

// givenName is the name the browser keeps in nameCookie, made a display
// name (cleanName); "" when it keeps none or one that does not decode. A
// bad cookie never refuses an edit: it only leaves the edit's author
// unknown.
func givenName(r *http.Request) string {
	c, err := r.Cookie(nameCookie)
	if err != nil || len(c.Value) > maxNameCookie {
		return ""
	}
	name, err := url.QueryUnescape(c.Value)
	if err != nil {
		return ""
	}
	return cleanName(name)
}

// editorAuthor is who makes an edit in the editor: the proxy's name, else
// the name kept in the browser.
func (h *Handler) editorAuthor(r *http.Request) design.Author {
	return h.author(r, givenName(r))
}

// rememberName keeps a name a person gave in nameCookie for their next
// edits. A name that is no display name is not kept.
func rememberName(w http.ResponseWriter, name string) {
	name = strings.TrimSpace(name)
	if name == "" || cleanName(name) != name {
		return
	}
	http.SetCookie(w, &http.Cookie{Name: nameCookie, Value: url.QueryEscape(name), Path: "/",
		MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode})
}

// acceptedBy is the name the first acceptance in ops was stamped with, or
// "".
func acceptedBy(ops design.Ops) string {
	for _, op := range ops {
		if op.Op == design.OpAcceptFinding && op.Accepted != nil && op.Accepted.By != "" {
			return op.Accepted.By
		}
	}
	return ""
}
