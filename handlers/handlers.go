// Package handlers is archlab's HTTP layer: the one route table, the JSON API
// and the pages. Handlers decode, call the store or the rules, and render.
package handlers

import (
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"sync"

	"github.com/archlab/archlab/content"
	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/live"
	"github.com/archlab/archlab/rules"
	"github.com/archlab/archlab/static"
	"github.com/archlab/archlab/web/layout"
	"github.com/archlab/archlab/webhook"
)

// Options are the settings the handlers need.
type Options struct {
	// BaseURL is the public URL of archlab (https://archlab.example.com),
	// used in the links it hands out; when empty it is taken from each request.
	BaseURL string
	// MaxBody bounds request bodies in bytes.
	MaxBody int64
	// WritesPerMinute bounds state-changing requests per client address.
	WritesPerMinute int
	// TrustedProxies are the address ranges (CIDR prefixes) of the reverse
	// proxies in front of archlab. A request from one of them is taken to
	// come from the address it puts in X-Forwarded-For, and to be HTTPS when
	// it says so in X-Forwarded-Proto; anyone else's headers are ignored, so
	// a client cannot choose its own address to escape the rate limits.
	TrustedProxies []netip.Prefix
	// EmbedOrigins may frame the embeddable view (/v/{id}?embed=1), such
	// as https://wiki.example.com; none by default but archlab itself.
	// Every other page refuses to be framed.
	EmbedOrigins []string
	// UserHeader names the header in which a single sign-on proxy among
	// TrustedProxies gives the name of the person behind a request
	// (author.go); empty, names are what people give.
	UserHeader string
	// SeparateMetrics leaves /metrics off the routes (it answers 404
	// there), for an operator who serves Metrics on an address of its own
	// that the public cannot reach.
	SeparateMetrics bool
	// Directory turns on the server-wide directory of spaces (/spaces),
	// for a company that wants every design discoverable; off, the
	// directory answers 404.
	Directory bool
}

// Deps are what the handlers serve.
type Deps struct {
	Store     design.Store
	Catalogue *design.Catalogue
	Rules     *rules.Registry
	Knowledge *content.Library
	Assets    *static.Assets
	Log       *slog.Logger
	// Live, when set, hears every applied batch and serves the event
	// streams of open editors and viewers.
	Live *live.Hub
	// Hooks, when set, sends the spaces' webhooks (and runs elsewhere);
	// without it spaces have no webhooks.
	Hooks *webhook.Dispatcher
}

// Handler serves archlab over HTTP.
type Handler struct {
	store design.Store
	cat   *design.Catalogue
	rules *rules.Registry
	// renders keeps each version's regions rendered (regions.go).
	renders *renderCache
	shell   keptShell // regions.go
	// prerenders holds the one render started on save (prerender.go).
	prerenders chan struct{}
	// opening shares the loads of a design by one link between the
	// requests that come at once (flights.go).
	opening flights[*design.Design]
	// besides shares the reads of what the editor shows beside a design
	// (beside.go).
	besides flights[*beside]
	kb      *knowledge
	assets  *static.Assets
	live    *live.Hub
	hooks   *webhook.Dispatcher
	// streamsEnd closes when the server shuts down, ending event streams.
	streamsEnd chan struct{}
	endOnce    sync.Once
	log        *slog.Logger
	opts       Options
	metrics    *metrics
}

// New returns the handlers. It renders the knowledge base once, here, so
// that no request does.
func New(deps Deps, opts Options) (*Handler, error) {
	if opts.MaxBody <= 0 {
		opts.MaxBody = 1 << 20
	}
	if opts.WritesPerMinute <= 0 {
		opts.WritesPerMinute = 600
	}
	opts.BaseURL = strings.TrimRight(opts.BaseURL, "/")
	h := &Handler{store: deps.Store, cat: deps.Catalogue, rules: deps.Rules, assets: deps.Assets, live: deps.Live, log: deps.Log, opts: opts, metrics: newMetrics(), renders: newRenderCache(renderCacheBytes), prerenders: make(chan struct{}, 1), streamsEnd: make(chan struct{})}
	if deps.Live != nil {
		h.store = live.Announcing(prerenderingStore{Store: deps.Store, h: h}, deps.Live)
	}
	h.store = summarizingStore{Store: h.store, h: h}
	h.hooks = deps.Hooks
	if err := h.loadKnowledge(deps.Knowledge); err != nil {
		return nil, err
	}
	return h, nil
}

// EndStreams ends every open event stream; clients reconnect to another
// instance, or to this one when it is back.
func (h *Handler) EndStreams() { h.endOnce.Do(func() { close(h.streamsEnd) }) }

// layoutHead is the layout's head of a page.
type layoutHead = layout.Head

// head returns the layout's head for a page.
func (h *Handler) head(title string) layout.Head {
	return layout.Head{
		Title: title,
		CSS:   []string{h.assets.URL("css/app.css")},
		JS:    []string{h.assets.URL("js/app.js")},
		Icon:  h.assets.URL("img/favicon.svg"),
	}
}

// baseURL is the public URL of archlab for links in responses.
func (h *Handler) baseURL(r *http.Request) string {
	if h.opts.BaseURL != "" {
		return h.opts.BaseURL
	}
	scheme := "http"
	if r.TLS != nil || (h.fromTrustedProxy(r) && r.Header.Get("X-Forwarded-Proto") == "https") {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// fromTrustedProxy reports whether the request's connection comes from one
// of the trusted proxies.
func (h *Handler) fromTrustedProxy(r *http.Request) bool {
	if len(h.opts.TrustedProxies) == 0 {
		return false
	}
	peer, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	addr := peer.Addr().Unmap()
	for _, p := range h.opts.TrustedProxies {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

func (h *Handler) viewURL(r *http.Request, id string) string { return h.baseURL(r) + "/v/" + id }
func (h *Handler) editURL(r *http.Request, key string) string {
	return h.baseURL(r) + "/d/" + key
}
