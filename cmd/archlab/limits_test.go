package main

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/archlab/archlab/design"
)

// The limits on a design come from the environment, with defaults that
// fit any real architecture, and bad values stop archlab serve.
func TestDesignLimitsConfig(t *testing.T) {
	cfg, err := parseServeConfig(nil, env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Limits != design.DefaultLimits {
		t.Fatalf("default limits = %+v, want %+v", cfg.Limits, design.DefaultLimits)
	}
	cfg, err = parseServeConfig(nil, env(map[string]string{"ARCHLAB_MAX_DESIGN_BYTES": "1000000", "ARCHLAB_MAX_BLOCKS": "20", "ARCHLAB_MAX_CONNECTIONS": "30"}))
	if err != nil {
		t.Fatal(err)
	}
	if want := (design.Limits{MaxDesignBytes: 1000000, MaxBlocks: 20, MaxConnections: 30}); cfg.Limits != want {
		t.Fatalf("limits = %+v, want %+v", cfg.Limits, want)
	}
	for _, bad := range []map[string]string{
		{"ARCHLAB_MAX_DESIGN_BYTES": "1000"},
		{"ARCHLAB_MAX_DESIGN_BYTES": "8MiB"},
		{"ARCHLAB_MAX_BLOCKS": "0"},
		{"ARCHLAB_MAX_CONNECTIONS": "-1"},
	} {
		if _, err := parseServeConfig(nil, env(bad)); err == nil {
			t.Errorf("%v was accepted", bad)
		} else {
			for k := range bad {
				if !strings.Contains(err.Error(), k) {
					t.Errorf("%v: the error %q does not name %s", bad, err, k)
				}
			}
		}
	}
}

// archlab serve holds designs to the configured limits.
func TestServeAppliesTheDesignLimits(t *testing.T) {
	cfg, err := parseServeConfig(nil, env(map[string]string{"DATABASE_URL": filepath.Join(t.TempDir(), "archlab.db"), "ARCHLAB_MAX_BLOCKS": "2"}))
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, cfg, ln, nil, slog.New(slog.NewTextHandler(io.Discard, nil))) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve ended with %v", err)
		}
	}()
	url := "http://" + ln.Addr().String()
	doc := `{"format":"archlab/v1","blocks":[{"id":"A","kind":"sqs"},{"id":"B","kind":"sqs"},{"id":"C","kind":"sqs"}]}`
	for i := 0; ; i++ {
		resp, err := http.Post(url+"/api/v1/designs", "application/json", strings.NewReader(doc))
		if err != nil {
			select {
			case err := <-done:
				done <- err
				t.Fatalf("serve ended: %v", err)
			default:
			}
			if i > 100 {
				t.Fatalf("archlab did not start: %v", err)
			}
			time.Sleep(20 * time.Millisecond)
			continue
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), "at most 2 blocks") {
			t.Fatalf("a design of 3 blocks: %d %s", resp.StatusCode, body)
		}
		return
	}
}
