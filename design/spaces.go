package design

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode"
)

// A space is a team's shared list of designs, opened by its link like a
// design's edit link: whoever holds the space key sees its designs, adds
// new ones and configures its webhooks. The key is stored only as a hash.

// SpaceStore keeps spaces, the summaries of the designs in them (kept
// current on each edit, so that a space can be searched without reading
// every design) and the spaces' webhooks. Both backends pass the
// conformance suite in store/storetest/spaces.go.
type SpaceStore interface {
	// CreateSpace stores a new space with a new key, shown once.
	CreateSpace(ctx context.Context, title string) (*SpaceCreated, error)

	// RenameSpace gives a space a new title; ENOTFOUND if none.
	RenameSpace(ctx context.Context, id, title string) error

	// SpaceByKey returns the space the key opens; EFORBIDDEN if none.
	SpaceByKey(ctx context.Context, key string) (*Space, error)

	// Space returns the space with the given id; ENOTFOUND if none.
	Space(ctx context.Context, id string) (*Space, error)

	// Spaces lists every space, newest first, at most limit (the
	// server-wide directory, when the operator turns it on).
	Spaces(ctx context.Context, limit int) ([]Space, error)

	// SpaceOf returns the id of the space a design is in, "" if none.
	SpaceOf(ctx context.Context, designID string) (string, error)

	// PlaceDesign puts a design into a space with its summary, moving it
	// out of any other space. ENOTFOUND for an unknown space or design.
	PlaceDesign(ctx context.Context, spaceID string, s Summary) error

	// RemoveDesign takes a design out of a space; ENOTFOUND if it is not
	// in it.
	RemoveDesign(ctx context.Context, spaceID, designID string) error

	// UpdateSummary records a design's summary if the design is in a space
	// and the summary is of a newer version than the one recorded; it does
	// nothing otherwise.
	UpdateSummary(ctx context.Context, s Summary) error

	// SpaceDesigns lists a space's designs that pass the filter, most
	// recently changed first.
	SpaceDesigns(ctx context.Context, spaceID string, f SpaceFilter) ([]SpaceItem, error)

	// AddHook stores a webhook of a space; EINVALID beyond MaxHooks.
	AddHook(ctx context.Context, h Hook) (*Hook, error)

	// Hooks lists a space's webhooks, oldest first.
	Hooks(ctx context.Context, spaceID string) ([]Hook, error)

	// DeleteHook removes a webhook of a space, and its deliveries not yet
	// sent; ENOTFOUND if it has none with that id.
	DeleteHook(ctx context.Context, spaceID, hookID string) error

	// QueueDeliveries stores webhook deliveries (ID, HookID, Event, Body),
	// due at once. Past MaxQueuedDeliveries waiting in all, it stores none
	// and returns EINVALID.
	QueueDeliveries(ctx context.Context, ds []Delivery) error

	// ClaimDeliveries returns up to limit deliveries due at now, with
	// their hooks' URL and secret, and counts an attempt of each; they are
	// not due again until now+lease, so that no other claim (on this
	// instance or another) takes them while they are sent.
	ClaimDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]Delivery, error)

	// RetryDelivery makes a claimed delivery due again at at.
	RetryDelivery(ctx context.Context, id string, at time.Time) error

	// DoneDelivery forgets a delivery: sent, or given up.
	DoneDelivery(ctx context.Context, id string) error
}

// Delivery is a webhook delivery waiting to be sent.
type Delivery struct {
	ID     string
	HookID string
	Event  string
	Body   []byte
	// URL and Secret are the hook's, filled when claimed.
	URL    string
	Secret string
	// Attempts counts the attempts made, this one included when claimed.
	Attempts int
}

// MaxQueuedDeliveries bounds the deliveries waiting to be sent.
const MaxQueuedDeliveries = 10000

// Space is a shared list of designs.
type Space struct {
	ID        string    `json:"id"`
	Title     string    `json:"title"`
	CreatedAt time.Time `json:"createdAt"`
	// Designs counts the designs in the space.
	Designs int `json:"designs"`
}

// SpaceCreated is a new space with its key, which is never shown again.
type SpaceCreated struct {
	Space *Space
	Key   string
}

// Summary is what a space lists of a design, recorded on each edit.
type Summary struct {
	DesignID string `json:"id"`
	Version  int    `json:"version"`
	Title    string `json:"title"`
	// Services are the kinds of the design's blocks, sorted, each once.
	Services []string `json:"services"`
	// Rules are the ids of the rules with open findings, sorted, each once.
	Rules    []string `json:"rules"`
	Errors   int      `json:"errors"`
	Warnings int      `json:"warnings"`
	Infos    int      `json:"infos"`
	// ChangedAt is when the version was made; ChangedBy who made it, ""
	// while revisions do not record who (the column is nullable).
	ChangedAt time.Time `json:"changedAt"`
	ChangedBy string    `json:"changedBy,omitempty"`
}

// SpaceItem is a design as a space lists it.
type SpaceItem struct {
	Summary
	AddedAt time.Time `json:"addedAt"`
	// ReviewState is the design's review state (AllReviewStates): the
	// state of its latest review event, "draft" without one. Both backends
	// read it from one place (reviewStateSQL in store/*/spaces.go).
	ReviewState string `json:"reviewState"`
}

// SpaceFilter narrows a space's listing; empty fields do not filter.
type SpaceFilter struct {
	// Query matches words of the title: each word of the query must start
	// a word of the title.
	Query string
	// Service is a kind of block the design must have (a catalogue id).
	Service string
	// Rule is a rule that must have an open finding on the design.
	Rule string
	// State is the review state the design must be in.
	State string
	// Limit bounds the listing; 0 means MaxSpaceListing.
	Limit int
}

// MaxSpaceListing bounds one listing of a space.
const MaxSpaceListing = 500

// MaxQueryWords bounds the words of a search; the rest are ignored.
const MaxQueryWords = 8

// QueryWords returns the words of a search, lowercased: letters and
// digits, everything else a separator. Both backends build their
// full-text queries from these words alone, so nothing a user types is
// read as query syntax.
func QueryWords(q string) []string {
	words := strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if len(words) > MaxQueryWords {
		words = words[:MaxQueryWords]
	}
	return words
}

// Hook is a space's outgoing webhook. Secret signs each delivery's body
// (HMAC-SHA256), so it is stored as it is (a hash could not sign); it is
// shown once, when the hook is made, and never again.
type Hook struct {
	ID        string    `json:"id"`
	SpaceID   string    `json:"-"`
	URL       string    `json:"url"`
	Events    []string  `json:"events"`
	Secret    string    `json:"-"`
	CreatedAt time.Time `json:"createdAt"`
}

// MaxHooks bounds the webhooks of a space; MaxHookURLLen their addresses.
const (
	MaxHooks      = 10
	MaxHookURLLen = 2000
)

// SummaryOf is the part of a design's summary the design itself says: its
// title, services and when it changed. The findings are the rules'.
func SummaryOf(d *Design) Summary {
	s := Summary{DesignID: d.ID, Version: d.Version, Title: d.Title, ChangedAt: d.UpdatedAt, Services: []string{}, Rules: []string{}}
	for _, b := range d.Blocks {
		s.Services = append(s.Services, b.Kind)
	}
	slices.Sort(s.Services)
	s.Services = slices.Compact(s.Services)
	return s
}

// CheckSpaceTitle refuses a space title that is too long or not text.
func CheckSpaceTitle(title string) error {
	return checkText("title", title, MaxTitleLen)
}

// SpaceTitle is the title a space is stored with: trimmed, "Untitled
// space" when empty; EINVALID when too long or not text.
func SpaceTitle(title string) (string, error) {
	title = strings.TrimSpace(title)
	if title == "" {
		title = "Untitled space"
	}
	return title, CheckSpaceTitle(title)
}
