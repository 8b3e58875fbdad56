package main

import (
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// With ARCHLAB_METRICS_ADDR, /metrics is served on that address only, and
// counts the public listener's requests.
func TestMetricsOnTheirOwnAddress(t *testing.T) {
	cfg, err := parseServeConfig(nil, env(map[string]string{
		"DATABASE_URL":         filepath.Join(t.TempDir(), "archlab.db"),
		"ARCHLAB_METRICS_ADDR": "127.0.0.1:0",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.MetricsAddr != "127.0.0.1:0" {
		t.Fatalf("MetricsAddr = %q", cfg.MetricsAddr)
	}
	metricsLn, err := net.Listen("tcp", cfg.MetricsAddr)
	if err != nil {
		t.Fatal(err)
	}
	url, stop := startServeConfig(t, cfg, metricsLn)
	defer stop()
	metricsURL := "http://" + metricsLn.Addr().String()

	if code, _ := get(t, url+"/healthz"); code != http.StatusOK {
		t.Fatalf("public /healthz answered %d", code)
	}
	if code, _ := get(t, url+"/metrics"); code != http.StatusNotFound {
		t.Errorf("public /metrics answered %d, want 404", code)
	}
	code, body := get(t, metricsURL+"/metrics")
	if code != http.StatusOK {
		t.Fatalf("metrics address /metrics answered %d", code)
	}
	for _, want := range []string{`archlab_http_requests_total{code="200",method="GET",route="/healthz"}`, `route="unmatched"`, "go_goroutines"} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	// The metrics address serves nothing else.
	if code, _ := get(t, metricsURL+"/"); code != http.StatusNotFound {
		t.Errorf("metrics address / answered %d, want 404", code)
	}
}

// Without it, /metrics stays on the public address.
func TestMetricsOnThePublicAddressByDefault(t *testing.T) {
	url, stop := startServe(t, filepath.Join(t.TempDir(), "archlab.db"))
	defer stop()
	if code, body := get(t, url+"/metrics"); code != http.StatusOK || !strings.Contains(body, "archlab_http_requests_total") {
		t.Errorf("public /metrics answered %d", code)
	}
}
