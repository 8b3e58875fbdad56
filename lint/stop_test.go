package lint

import (
	"context"
	"errors"
	"testing"
)

// A run that is stopped (SIGINT in archlab lint) walks no further and
// starts no more files.
func TestStoppedRunsEnd(t *testing.T) {
	dir := templates100(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Targets(ctx, []string{dir}, ""); !errors.Is(err, context.Canceled) {
		t.Errorf("Targets after the context ended: %v", err)
	}
	targets, err := Targets(context.Background(), []string{dir}, "")
	if err != nil {
		t.Fatal(err)
	}
	rs, failed, err := mustLinter().Check(ctx, targets)
	if !errors.Is(err, context.Canceled) || rs != nil || failed != nil {
		t.Errorf("Check after the context ended: %d results, %v, %v", len(rs), failed, err)
	}
}
