package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// startServe runs serve on a free port and returns its URL and a stop
// function that waits for it to end.
func startServe(t *testing.T, dsn string) (string, func()) {
	t.Helper()
	cfg, err := parseServeConfig(nil, env(map[string]string{"DATABASE_URL": dsn}))
	if err != nil {
		t.Fatal(err)
	}
	return startServeConfig(t, cfg, nil)
}

// startServeConfig runs serve with cfg on a free port, and metrics on
// metricsLn when it is not nil.
func startServeConfig(t *testing.T, cfg *config, metricsLn net.Listener) (string, func()) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, cfg, ln, metricsLn, slog.New(slog.NewTextHandler(io.Discard, nil))) }()
	url := "http://" + ln.Addr().String()
	for i := 0; ; i++ {
		resp, err := http.Get(url + "/healthz")
		if err == nil {
			resp.Body.Close()
			break
		}
		if i > 100 {
			t.Fatalf("archlab did not start: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return url, func() {
		cancel()
		if err := <-done; err != nil {
			t.Fatalf("serve ended with %v", err)
		}
	}
}

func TestServeKeepsDesignsAcrossRestarts(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "data", "archlab.db")
	url, stop := startServe(t, dsn)
	resp, err := http.Get(url + "/")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("home: %v %v", resp, err)
	}
	resp.Body.Close()
	resp, err = http.Post(url+"/api/v1/designs", "application/json", strings.NewReader(`{"format":"archlab/v1","title":"Kept"}`))
	if err != nil {
		t.Fatal(err)
	}
	var c struct{ ID string }
	json.NewDecoder(resp.Body).Decode(&c)
	resp.Body.Close()
	stop()

	if _, err := os.Stat(dsn); err != nil {
		t.Fatalf("the SQLite file was not created: %v", err)
	}
	url, stop = startServe(t, dsn)
	defer stop()
	resp, err = http.Get(url + "/api/v1/designs/" + c.ID)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("after a restart the design is gone: %v %v", resp, err)
	}
	var doc struct{ Title string }
	json.NewDecoder(resp.Body).Decode(&doc)
	resp.Body.Close()
	if doc.Title != "Kept" {
		t.Fatalf("title=%q after restart", doc.Title)
	}
}

func TestMigrateCommand(t *testing.T) {
	var out, errOut bytes.Buffer
	dsn := filepath.Join(t.TempDir(), "m.db")
	if code := run(context.Background(), []string{"migrate", "--db", dsn}, nil, &out, &errOut, env(nil)); code != 0 {
		t.Fatalf("migrate exited %d: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "schema is up to date") {
		t.Fatalf("migrate said %q", out.String())
	}
}

func TestCommandLineErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"unknown command", []string{"deploy"}, nil, `unknown command "deploy"`},
		{"bad log format", []string{"serve"}, map[string]string{"ARCHLAB_LOG_FORMAT": "xml"}, "ARCHLAB_LOG_FORMAT"},
		{"bad body limit", []string{"serve"}, map[string]string{"ARCHLAB_MAX_BODY": "lots"}, "ARCHLAB_MAX_BODY"},
		{"bad timeout", []string{"serve"}, map[string]string{"ARCHLAB_SHUTDOWN_TIMEOUT": "soon"}, "ARCHLAB_SHUTDOWN_TIMEOUT"},
		{"bad database timeout", []string{"serve"}, map[string]string{"ARCHLAB_DB_TIMEOUT": "0s"}, "ARCHLAB_DB_TIMEOUT"},
		{"stray argument", []string{"serve", "extra"}, nil, `unexpected argument "extra"`},
		{"bad proxy range", []string{"serve"}, map[string]string{"ARCHLAB_TRUSTED_PROXIES": "10.0.0.0/8 proxy.local"}, `"proxy.local"`},
		{"old proxy switch", []string{"serve"}, map[string]string{"ARCHLAB_TRUST_PROXY": "true"}, "ARCHLAB_TRUSTED_PROXIES"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			if code := run(context.Background(), tc.args, nil, &out, &errOut, env(tc.env)); code != 2 {
				t.Fatalf("exit code %d, want 2", code)
			}
			if !strings.Contains(errOut.String(), tc.want) {
				t.Fatalf("stderr %q does not mention %q", errOut.String(), tc.want)
			}
		})
	}
}

func TestTrustedProxies(t *testing.T) {
	cfg, err := parseServeConfig(nil, env(map[string]string{"ARCHLAB_TRUSTED_PROXIES": "10.1.2.3/8 127.0.0.1 ::1"}))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range cfg.TrustedProxies {
		got = append(got, p.String())
	}
	if strings.Join(got, " ") != "10.0.0.0/8 127.0.0.1/32 ::1/128" {
		t.Fatalf("trusted proxies = %v", got)
	}
}

func TestFlagsWinOverEnvironment(t *testing.T) {
	cfg, err := parseServeConfig([]string{"--addr", ":9999"}, env(map[string]string{"ARCHLAB_ADDR": ":7777", "DATABASE_URL": "x.db", "ARCHLAB_LOG_FORMAT": "json"}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Addr != ":9999" || cfg.DSN != "x.db" || cfg.LogFormat != "json" || cfg.MaxBody != 1<<20 {
		t.Fatalf("config = %+v", cfg)
	}
}

// TestReadmeDocumentsEverySetting keeps README.md's configuration table in
// step with the settings archlab reads.
func TestReadmeDocumentsEverySetting(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range settings {
		if !bytes.Contains(readme, []byte("`"+s.Env+"`")) {
			t.Errorf("README.md does not document %s", s.Env)
		}
	}
}
