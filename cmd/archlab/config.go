package main

import (
	"flag"
	"fmt"
	"log/slog"
	"net/netip"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/store"
)

// config holds every setting of archlab serve. Flags win over environment
// variables, which win over the defaults.
type config struct {
	Addr            string
	DSN             string
	LogFormat       string
	LogLevel        slog.Level
	BaseURL         string
	MaxBody         int64
	WritesPerMinute int
	TrustedProxies  []netip.Prefix
	EmbedOrigins    []string
	// UserHeader names the header a single sign-on proxy puts the
	// person's name in (honoured from TrustedProxies only).
	UserHeader      string
	ShutdownTimeout time.Duration
	DBTimeout       time.Duration
	// Limits bound each stored design.
	Limits design.Limits
	// MetricsAddr, when set, is the address /metrics is served on instead
	// of the public one.
	MetricsAddr string
	// Directory turns on the server-wide directory of spaces.
	Directory bool
	// WebhooksAllowPrivate lets webhooks reach internal addresses.
	WebhooksAllowPrivate bool
}

// settings documents the environment: README.md's configuration table is
// written from the same list, and a test checks that they agree.
var settings = []struct{ Env, Flag, Default, Help string }{
	{"ARCHLAB_ADDR", "addr", ":8080", "address to listen on"},
	{"DATABASE_URL", "db", store.DefaultDSN, "a postgres:// URL, or the path of the SQLite file"},
	{"ARCHLAB_LOG_FORMAT", "", "text", "log format: text or json"},
	{"ARCHLAB_LOG_LEVEL", "", "info", "lowest level logged: debug, info, warn or error"},
	{"ARCHLAB_BASE_URL", "", "", "public URL used in the links archlab hands out (default: taken from each request)"},
	{"ARCHLAB_MAX_BODY", "", "1048576", "largest request body in bytes"},
	{"ARCHLAB_WRITES_PER_MINUTE", "", "600", "state-changing requests allowed per client address per minute"},
	{"ARCHLAB_TRUSTED_PROXIES", "", "", "space-separated address ranges of your reverse proxies (127.0.0.1/32, 10.0.0.0/8): requests from them give the client address and scheme in X-Forwarded-For and X-Forwarded-Proto; none by default"},
	{"ARCHLAB_EMBED_ORIGINS", "", "", "space-separated origins allowed to embed view links (https://wiki.example.com); none by default"},
	{"ARCHLAB_USER_HEADER", "", "", "header in which a single sign-on proxy in ARCHLAB_TRUSTED_PROXIES gives the person's name (X-Forwarded-User); comments then carry it as verified; none by default"},
	{"ARCHLAB_SHUTDOWN_TIMEOUT", "", "20s", "how long in-flight requests may finish on SIGINT/SIGTERM"},
	{"ARCHLAB_DB_TIMEOUT", "", store.DefaultTimeout.String(), "how long a database call may take; past it, or while the database cannot be reached, requests are answered 503 with Retry-After"},
	{"ARCHLAB_MAX_DESIGN_BYTES", "", strconv.Itoa(design.DefaultLimits.MaxDesignBytes), "largest design in bytes, as stored (its JSON, the template it keeps included)"},
	{"ARCHLAB_MAX_BLOCKS", "", strconv.Itoa(design.DefaultLimits.MaxBlocks), "most blocks in one design"},
	{"ARCHLAB_MAX_CONNECTIONS", "", strconv.Itoa(design.DefaultLimits.MaxConnections), "most connections in one design"},
	{"ARCHLAB_METRICS_ADDR", "", "", "address to serve /metrics on instead of ARCHLAB_ADDR (127.0.0.1:9090), which then answers 404 for it"},
	{"ARCHLAB_DIRECTORY", "", "off", "on: list every team space at /spaces, so that every design in a space is discoverable; off: /spaces answers 404 and a space is found only by its link"},
	{"ARCHLAB_WEBHOOKS_ALLOW_PRIVATE", "", "off", "on: spaces' webhooks may post to loopback, private and link-local addresses (a chat server on your network); off: such addresses are refused"},
}

func envOr(getenv func(string) string, name string) string {
	if v := getenv(name); v != "" {
		return v
	}
	for _, s := range settings {
		if s.Env == name {
			return s.Default
		}
	}
	return ""
}

// parseServeConfig reads flags and environment for archlab serve.
func parseServeConfig(args []string, getenv func(string) string) (*config, error) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(os.Stderr)
	c := &config{}
	fs.StringVar(&c.Addr, "addr", envOr(getenv, "ARCHLAB_ADDR"), "address to listen on (ARCHLAB_ADDR)")
	fs.StringVar(&c.DSN, "db", envOr(getenv, "DATABASE_URL"), "postgres:// URL or SQLite file path (DATABASE_URL)")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("serve: unexpected argument %q", fs.Arg(0))
	}
	c.LogFormat = envOr(getenv, "ARCHLAB_LOG_FORMAT")
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return nil, fmt.Errorf("ARCHLAB_LOG_FORMAT must be text or json, not %q", c.LogFormat)
	}
	if err := c.LogLevel.UnmarshalText([]byte(envOr(getenv, "ARCHLAB_LOG_LEVEL"))); err != nil {
		return nil, fmt.Errorf("ARCHLAB_LOG_LEVEL: %w", err)
	}
	c.BaseURL = envOr(getenv, "ARCHLAB_BASE_URL")
	var err error
	if c.MaxBody, err = strconv.ParseInt(envOr(getenv, "ARCHLAB_MAX_BODY"), 10, 64); err != nil || c.MaxBody < 1024 {
		return nil, fmt.Errorf("ARCHLAB_MAX_BODY must be a number of bytes, at least 1024")
	}
	if c.WritesPerMinute, err = strconv.Atoi(envOr(getenv, "ARCHLAB_WRITES_PER_MINUTE")); err != nil || c.WritesPerMinute < 1 {
		return nil, fmt.Errorf("ARCHLAB_WRITES_PER_MINUTE must be a positive whole number")
	}
	if getenv("ARCHLAB_TRUST_PROXY") != "" {
		// Trusting any sender's X-Forwarded-For let clients pick their own
		// address; the proxies must now be named.
		return nil, fmt.Errorf("ARCHLAB_TRUST_PROXY is replaced by ARCHLAB_TRUSTED_PROXIES: list your proxies' address ranges, such as 127.0.0.1/32 for a proxy on this host")
	}
	for _, p := range strings.Fields(envOr(getenv, "ARCHLAB_TRUSTED_PROXIES")) {
		prefix, err := netip.ParsePrefix(p)
		if err != nil {
			addr, aerr := netip.ParseAddr(p)
			if aerr != nil {
				return nil, fmt.Errorf("ARCHLAB_TRUSTED_PROXIES: %q is not an address or range such as 10.0.0.0/8", p)
			}
			prefix = netip.PrefixFrom(addr.Unmap(), addr.Unmap().BitLen())
		}
		c.TrustedProxies = append(c.TrustedProxies, prefix.Masked())
	}
	for _, o := range strings.Fields(envOr(getenv, "ARCHLAB_EMBED_ORIGINS")) {
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || (u.Path != "" && u.Path != "/") {
			return nil, fmt.Errorf("ARCHLAB_EMBED_ORIGINS: %q is not an origin such as https://wiki.example.com", o)
		}
		c.EmbedOrigins = append(c.EmbedOrigins, u.Scheme+"://"+u.Host)
	}
	c.UserHeader = strings.TrimSpace(envOr(getenv, "ARCHLAB_USER_HEADER"))
	if c.UserHeader != "" {
		if !validHeaderName(c.UserHeader) {
			return nil, fmt.Errorf("ARCHLAB_USER_HEADER: %q is not a header name such as X-Forwarded-User", c.UserHeader)
		}
		if len(c.TrustedProxies) == 0 {
			// Without trusted proxies the header would never be read:
			// say so rather than let names go unverified unnoticed.
			return nil, fmt.Errorf("ARCHLAB_USER_HEADER is honoured only from ARCHLAB_TRUSTED_PROXIES: name the single sign-on proxy's address range there")
		}
	}
	if c.ShutdownTimeout, err = time.ParseDuration(envOr(getenv, "ARCHLAB_SHUTDOWN_TIMEOUT")); err != nil || c.ShutdownTimeout <= 0 {
		return nil, fmt.Errorf("ARCHLAB_SHUTDOWN_TIMEOUT must be a duration such as 20s")
	}
	if c.DBTimeout, err = time.ParseDuration(envOr(getenv, "ARCHLAB_DB_TIMEOUT")); err != nil || c.DBTimeout <= 0 {
		return nil, fmt.Errorf("ARCHLAB_DB_TIMEOUT must be a duration such as 5s")
	}
	for _, l := range []struct {
		env      string
		least    int
		v        *int
		boundary string
	}{
		{"ARCHLAB_MAX_DESIGN_BYTES", 64 << 10, &c.Limits.MaxDesignBytes, "a number of bytes, at least 65536"},
		{"ARCHLAB_MAX_BLOCKS", 1, &c.Limits.MaxBlocks, "a positive whole number"},
		{"ARCHLAB_MAX_CONNECTIONS", 1, &c.Limits.MaxConnections, "a positive whole number"},
	} {
		if *l.v, err = strconv.Atoi(envOr(getenv, l.env)); err != nil || *l.v < l.least {
			return nil, fmt.Errorf("%s must be %s", l.env, l.boundary)
		}
	}
	c.MetricsAddr = envOr(getenv, "ARCHLAB_METRICS_ADDR")
	for _, sw := range []struct {
		env string
		v   *bool
	}{{"ARCHLAB_DIRECTORY", &c.Directory}, {"ARCHLAB_WEBHOOKS_ALLOW_PRIVATE", &c.WebhooksAllowPrivate}} {
		switch envOr(getenv, sw.env) {
		case "on":
			*sw.v = true
		case "off":
		default:
			return nil, fmt.Errorf("%s must be on or off, not %q", sw.env, getenv(sw.env))
		}
	}
	return c, nil
}

func newLogger(format string, level slog.Level, w *os.File) *slog.Logger {
	opts := &slog.HandlerOptions{Level: level}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// validHeaderName reports whether s is an HTTP header name (an RFC 9110
// token).
func validHeaderName(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("!#$%&'*+-.^_`|~", r)) {
			return false
		}
	}
	return s != ""
}
