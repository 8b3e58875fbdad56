package handlers

import (
	"context"
	"crypto/rand"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/web/pages"
	"github.com/archlab/archlab/webhook"
)

// announce tells the webhooks of the design's space that ev happened:
// each hook that asked for ev.Kind gets a signed delivery, sent in the
// background (webhook.Dispatcher), so announcing never waits on a
// receiver. It is what a review action calls after it is stored, with
// ev.Kind one of webhook.Events, ev.By and ev.Note filled; the design's
// title, version and view link are filled here when left empty. A design
// in no space, or a space without hooks, announces nothing; failing to
// look them up is logged, never answered.
func (h *Handler) announce(ctx context.Context, designID string, ev webhook.Event) {
	if h.hooks == nil {
		return
	}
	ctx = context.WithoutCancel(ctx)
	space, err := h.store.SpaceOf(ctx, designID)
	if err != nil || space == "" {
		if err != nil {
			h.log.Warn("webhooks not announced", "design", designID, "event", ev.Kind, "err", err)
		}
		return
	}
	hooks, err := h.store.Hooks(ctx, space)
	if err != nil {
		h.log.Warn("webhooks not announced", "design", designID, "event", ev.Kind, "err", err)
		return
	}
	hooks = slices.DeleteFunc(hooks, func(hk design.Hook) bool { return !slices.Contains(hk.Events, ev.Kind) })
	if len(hooks) == 0 {
		return
	}
	ev.DesignID = designID
	if ev.Title == "" || ev.Version == 0 {
		d, err := h.store.Design(ctx, designID)
		if err != nil {
			h.log.Warn("webhooks not announced", "design", designID, "event", ev.Kind, "err", err)
			return
		}
		ev.Title, ev.Version = cmpOr(ev.Title, d.Title), cmp0(ev.Version, d.Version)
	}
	if ev.URL == "" {
		ev.URL = h.opts.BaseURL + "/v/" + designID
	}
	h.deliver(ctx, hooks, ev)
}

// deliver queues an event's delivery to each hook.
func (h *Handler) deliver(ctx context.Context, hooks []design.Hook, ev webhook.Event) {
	body, err := webhook.Body(ev, time.Now())
	if err != nil {
		h.log.Error("webhook body", "err", err)
		return
	}
	items := make([]webhook.Item, len(hooks))
	for i, hk := range hooks {
		items[i] = webhook.NewItem(hk.ID, ev.Kind, webhook.Target{URL: hk.URL, Secret: hk.Secret}, body)
	}
	h.hooks.Enqueue(ctx, items...)
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func cmp0(a, b int) int {
	if a != 0 {
		return a
	}
	return b
}

// addHook adds a webhook to a space from its page, and shows the page
// with the hook's secret, the only time it is shown.
func (h *Handler) addHook(w http.ResponseWriter, r *http.Request) {
	key := chi.URLParam(r, "spaceKey")
	sp, ok := h.spaceForHooks(w, r, key)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		h.fail(w, r, design.Errorf(design.EMALFORMED, "the form could not be read"))
		return
	}
	hk := design.Hook{SpaceID: sp.ID, URL: strings.TrimSpace(r.PostForm.Get("url")), Events: r.PostForm["event"], Secret: "whsec_" + strings.ToLower(rand.Text())}
	err := h.checkHook(hk)
	var made *design.Hook
	if err == nil {
		made, err = h.store.AddHook(r.Context(), hk)
	}
	v := pages.SpaceView{Space: sp, Base: "/s/" + key, URL: h.spaceURL(r, key), Hooks: true, NewHook: made, Templates: h.spaceTemplates()}
	if err != nil {
		if statusOf(err) != http.StatusUnprocessableEntity {
			h.fail(w, r, err)
			return
		}
		v.HookError = design.ErrorMessage(err)
		v.HookURL = hk.URL
		h.showSpaceList(w, r, v, http.StatusUnprocessableEntity)
		return
	}
	h.showSpaceList(w, r, v, http.StatusOK)
}

// checkHook refuses a hook's address or events by name.
func (h *Handler) checkHook(hk design.Hook) error {
	if len(hk.URL) > design.MaxHookURLLen {
		return design.Invalid("url", "is %d characters long; at most %d", len(hk.URL), design.MaxHookURLLen)
	}
	if err := webhook.CheckURL(hk.URL, h.hooks.AllowPrivate()); err != nil {
		return design.Invalid("url", "%s", err)
	}
	if len(hk.Events) == 0 {
		return design.Invalid("event", "choose at least one event")
	}
	for _, e := range hk.Events {
		if !webhook.KnownEvent(e) {
			return design.Invalid("event", "%q is not an event; the events are %s", e, strings.Join(webhook.Events, ", "))
		}
	}
	return nil
}

// deleteHook removes a webhook of a space.
func (h *Handler) deleteHook(w http.ResponseWriter, r *http.Request) {
	key := chi.URLParam(r, "spaceKey")
	sp, ok := h.spaceForHooks(w, r, key)
	if !ok {
		return
	}
	if err := h.store.DeleteHook(r.Context(), sp.ID, chi.URLParam(r, "hookID")); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/s/"+key+"#webhooks", http.StatusSeeOther)
}

// testHooks sends a test delivery to every webhook of a space.
func (h *Handler) testHooks(w http.ResponseWriter, r *http.Request) {
	key := chi.URLParam(r, "spaceKey")
	sp, ok := h.spaceForHooks(w, r, key)
	if !ok {
		return
	}
	hooks, err := h.store.Hooks(r.Context(), sp.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	// No link in it: the space's link is a secret, and a chat channel is
	// not the place for it.
	h.deliver(r.Context(), hooks, webhook.Event{Kind: webhook.Test, Title: sp.Title})
	http.Redirect(w, r, "/s/"+key+"?notice=tested#webhooks", http.StatusSeeOther)
}

// spaceForHooks opens the space for a webhook action; without a
// dispatcher there are no webhooks to act on.
func (h *Handler) spaceForHooks(w http.ResponseWriter, r *http.Request, key string) (*design.Space, bool) {
	if h.hooks == nil {
		h.pageNotFound(w, r)
		return nil, false
	}
	sp, err := h.spaceFromKey(r, key)
	if err != nil {
		h.fail(w, r, err)
		return nil, false
	}
	return sp, true
}
