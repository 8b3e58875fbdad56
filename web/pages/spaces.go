package pages

import (
	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
	"github.com/archlab/archlab/webhook"
)

// SpaceView is a team space's page: its designs, searched and filtered,
// and its webhooks.
type SpaceView struct {
	Space *design.Space
	// Base is the page's path: /s/{key}, or /spaces/{id} in the directory.
	Base string
	// URL is the space's link to share; empty in the directory.
	URL string
	// ReadOnly is the directory's view: no new designs, no webhooks.
	ReadOnly bool
	Filter   SpaceFilterView
	// Filtered says the listing is narrowed by a filter.
	Filtered    bool
	FilterError string
	Rows        []SpaceRow
	Notice      string
	// Hooks says webhooks are available; HookList are the space's.
	Hooks    bool
	HookList []design.Hook
	// NewHook is the hook just made, whose secret is shown this once.
	NewHook   *design.Hook
	HookError string
	HookURL   string
	// Templates are what a new design may start from.
	Templates []SpaceTemplate
}

// SpaceTemplate is a template a design in a space may start from.
type SpaceTemplate struct{ Slug, Title string }

// SpaceFilterView is the search form with its choices.
type SpaceFilterView struct {
	design.SpaceFilter
	Kinds  []*design.Kind
	Rules  []rules.Meta
	States []string
}

// SpaceRow is one design of a space's listing.
type SpaceRow struct {
	Item      design.SpaceItem
	ViewURL   string
	Thumbnail string
	// Services are the names of the services the design uses.
	Services []string
}

// eventLabel names a webhook event on the page.
func eventLabel(e string) string {
	switch e {
	case webhook.ReviewRequested:
		return "Review requested"
	case webhook.Approved:
		return "Approved"
	case webhook.ChangesRequested:
		return "Changes requested"
	case webhook.Comment:
		return "New comment"
	}
	return e
}
