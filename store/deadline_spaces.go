package store

import (
	"context"
	"time"

	"github.com/archlab/archlab/design"
)

// The space store's calls, each with the deadline (deadline.go). Reads
// and idempotent writes (a summary, a removal) may run again.

func (d *deadline) CreateSpace(ctx context.Context, title string) (*design.SpaceCreated, error) {
	return call(d, ctx, "to create a space", false, func(ctx context.Context) (*design.SpaceCreated, error) { return d.st.CreateSpace(ctx, title) })
}

func (d *deadline) SpaceByKey(ctx context.Context, key string) (*design.Space, error) {
	return call(d, ctx, "to read a space", true, func(ctx context.Context) (*design.Space, error) { return d.st.SpaceByKey(ctx, key) })
}

func (d *deadline) Space(ctx context.Context, id string) (*design.Space, error) {
	return call(d, ctx, "to read a space", true, func(ctx context.Context) (*design.Space, error) { return d.st.Space(ctx, id) })
}

func (d *deadline) Spaces(ctx context.Context, limit int) ([]design.Space, error) {
	return call(d, ctx, "to list spaces", true, func(ctx context.Context) ([]design.Space, error) { return d.st.Spaces(ctx, limit) })
}

func (d *deadline) SpaceOf(ctx context.Context, designID string) (string, error) {
	return call(d, ctx, "to find a design's space", true, func(ctx context.Context) (string, error) { return d.st.SpaceOf(ctx, designID) })
}

func (d *deadline) PlaceDesign(ctx context.Context, spaceID string, s design.Summary) error {
	_, err := call(d, ctx, "to add a design to a space", true, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, d.st.PlaceDesign(ctx, spaceID, s)
	})
	return err
}

func (d *deadline) RemoveDesign(ctx context.Context, spaceID, designID string) error {
	_, err := call(d, ctx, "to take a design out of a space", false, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, d.st.RemoveDesign(ctx, spaceID, designID)
	})
	return err
}

func (d *deadline) UpdateSummary(ctx context.Context, s design.Summary) error {
	_, err := call(d, ctx, "to update a design's summary", true, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, d.st.UpdateSummary(ctx, s)
	})
	return err
}

func (d *deadline) SpaceDesigns(ctx context.Context, spaceID string, f design.SpaceFilter) ([]design.SpaceItem, error) {
	return call(d, ctx, "to list a space", true, func(ctx context.Context) ([]design.SpaceItem, error) { return d.st.SpaceDesigns(ctx, spaceID, f) })
}

func (d *deadline) AddHook(ctx context.Context, h design.Hook) (*design.Hook, error) {
	return call(d, ctx, "to add a webhook", false, func(ctx context.Context) (*design.Hook, error) { return d.st.AddHook(ctx, h) })
}

func (d *deadline) Hooks(ctx context.Context, spaceID string) ([]design.Hook, error) {
	return call(d, ctx, "to list webhooks", true, func(ctx context.Context) ([]design.Hook, error) { return d.st.Hooks(ctx, spaceID) })
}

func (d *deadline) DeleteHook(ctx context.Context, spaceID, hookID string) error {
	_, err := call(d, ctx, "to delete a webhook", false, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, d.st.DeleteHook(ctx, spaceID, hookID)
	})
	return err
}

func (d *deadline) QueueDeliveries(ctx context.Context, ds []design.Delivery) error {
	_, err := call(d, ctx, "to queue webhook deliveries", false, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, d.st.QueueDeliveries(ctx, ds)
	})
	return err
}

func (d *deadline) ClaimDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]design.Delivery, error) {
	return call(d, ctx, "to claim webhook deliveries", false, func(ctx context.Context) ([]design.Delivery, error) {
		return d.st.ClaimDeliveries(ctx, now, lease, limit)
	})
}

func (d *deadline) RetryDelivery(ctx context.Context, id string, at time.Time) error {
	_, err := call(d, ctx, "to reschedule a webhook delivery", true, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, d.st.RetryDelivery(ctx, id, at)
	})
	return err
}

func (d *deadline) DoneDelivery(ctx context.Context, id string) error {
	_, err := call(d, ctx, "to forget a webhook delivery", true, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, d.st.DoneDelivery(ctx, id)
	})
	return err
}

func (d *deadline) RenameSpace(ctx context.Context, id, title string) error {
	_, err := call(d, ctx, "to rename a space", true, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, d.st.RenameSpace(ctx, id, title)
	})
	return err
}
