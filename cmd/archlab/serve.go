package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/archlab/archlab/content"
	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/handlers"
	"github.com/archlab/archlab/live"
	"github.com/archlab/archlab/rules"
	"github.com/archlab/archlab/static"
	"github.com/archlab/archlab/store"
	"github.com/archlab/archlab/store/postgres"
	"github.com/archlab/archlab/webhook"
)

func serveCommand(ctx context.Context, args []string, stderr io.Writer, getenv func(string) string) int {
	cfg, err := parseServeConfig(args, getenv)
	if err != nil {
		fmt.Fprintf(stderr, "archlab: %v\n", err)
		return 2
	}
	log := newLogger(cfg.LogFormat, cfg.LogLevel, os.Stderr)
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		log.Error("cannot listen", "addr", cfg.Addr, "err", err)
		return 1
	}
	var metricsLn net.Listener
	if cfg.MetricsAddr != "" {
		if metricsLn, err = net.Listen("tcp", cfg.MetricsAddr); err != nil {
			ln.Close()
			log.Error("cannot listen for metrics", "addr", cfg.MetricsAddr, "err", err)
			return 1
		}
	}
	if err := serve(ctx, cfg, ln, metricsLn, log); err != nil {
		log.Error("archlab stopped", "err", err)
		return 1
	}
	return 0
}

// serve wires archlab together and serves on ln until ctx is cancelled, then
// lets in-flight requests finish and closes the database. metricsLn, when
// not nil, serves /metrics, which ln then does not.
func serve(ctx context.Context, cfg *config, ln, metricsLn net.Listener, log *slog.Logger) error {
	if metricsLn != nil {
		defer metricsLn.Close()
	}
	cat := design.Builtin().WithLimits(cfg.Limits)
	st, err := store.Open(ctx, cfg.DSN, cat)
	if err != nil {
		ln.Close()
		return fmt.Errorf("open %s: %w", store.Describe(cfg.DSN), err)
	}
	defer st.Close()

	// The rules, their examples and the knowledge base's templates are
	// archlab's own, read whatever the limits on stored designs (a
	// template over them is refused when someone starts a design from it).
	reg := rules.Default(design.Builtin())
	lib, err := content.Load(design.Builtin(), reg)
	if err != nil {
		return fmt.Errorf("load the knowledge base: %w", err)
	}
	// Live updates: in this process, and through the database when it can
	// carry them to other instances (Postgres LISTEN/NOTIFY).
	hub := live.NewHub(design.NewViewID())
	if bus, ok := st.(live.Bus); ok {
		hub.Join(ctx, bus)
	}
	if pg, ok := st.(*postgres.DB); ok {
		pg.OnListenError = func(err error) {
			log.Warn("live updates lost their database connection; reconnecting", "err", err)
		}
	}
	// Every call the handlers make gets a deadline, and a database that is
	// away is answered 503, not 500 or a hang.
	// Spaces' webhooks go out in the background, never in a request.
	// They wait in the database, so that a restart loses none.
	dst := store.WithDeadline(st, cfg.DBTimeout)
	hooks := webhook.New(webhook.Options{Queue: webhook.StoreQueue(dst), AllowPrivate: cfg.WebhooksAllowPrivate, Log: log})
	go hooks.Run(ctx)
	h, err := handlers.New(handlers.Deps{Store: dst, Catalogue: cat, Rules: reg, Knowledge: lib, Assets: static.New(), Log: log, Live: hub, Hooks: hooks},
		handlers.Options{BaseURL: cfg.BaseURL, MaxBody: cfg.MaxBody, WritesPerMinute: cfg.WritesPerMinute, TrustedProxies: cfg.TrustedProxies, EmbedOrigins: cfg.EmbedOrigins,
			UserHeader:      cfg.UserHeader,
			SeparateMetrics: metricsLn != nil, Directory: cfg.Directory})
	if err != nil {
		return fmt.Errorf("prepare the handlers: %w", err)
	}
	srv := &http.Server{
		Handler:           h.Routes(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	// Event streams never go idle: end them when shutdown starts, so that
	// it waits only for ordinary requests.
	srv.RegisterOnShutdown(h.EndStreams)
	errs := make(chan error, 2)
	go func() { errs <- srv.Serve(ln) }()
	log.Info("archlab is serving", "url", "http://"+displayAddr(ln.Addr()), "store", store.Describe(cfg.DSN))
	var metricsSrv *http.Server
	if metricsLn != nil {
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", h.Metrics())
		metricsSrv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, WriteTimeout: 60 * time.Second,
			ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
		go func() { errs <- metricsSrv.Serve(metricsLn) }()
		log.Info("metrics are served apart", "url", "http://"+displayAddr(metricsLn.Addr())+"/metrics")
	}

	select {
	case err := <-errs:
		srv.Close()
		if metricsSrv != nil {
			metricsSrv.Close()
		}
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down: letting in-flight requests finish", "timeout", cfg.ShutdownTimeout)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if metricsSrv != nil {
		// Nothing in flight there is worth waiting for.
		metricsSrv.Close()
		if err := <-errs; err != nil && !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	}
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errs; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped cleanly")
	return nil
}

// displayAddr turns ":8080" into "localhost:8080" for the log line people
// click on.
func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}
