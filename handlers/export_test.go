package handlers

import (
	"context"

	"github.com/archlab/archlab/webhook"
)

// Announce is announce, for the tests of the webhooks' delivery.
func (h *Handler) Announce(ctx context.Context, designID string, ev webhook.Event) {
	h.announce(ctx, designID, ev)
}
