// Package testenv decides, in one place, when a test that needs an outside
// service may skip: on a developer's machine without the service it skips
// with a hint; in CI (CI=true, or ARCHLAB_REQUIRE_SERVICES=1 as .ci/run sets)
// a missing service is a failure.
package testenv

import (
	"os"
	"os/exec"
	"testing"
)

// Required reports whether outside services must be present.
func Required() bool {
	return os.Getenv("CI") == "true" || os.Getenv("ARCHLAB_REQUIRE_SERVICES") == "1"
}

// Missing skips the test, or fails it when services are required.
func Missing(tb testing.TB, what, hint string) {
	tb.Helper()
	if Required() {
		tb.Fatalf("%s is required here (CI=true or ARCHLAB_REQUIRE_SERVICES=1) but missing: %s", what, hint)
	}
	tb.Skipf("%s is missing: %s", what, hint)
}

// PostgresURL returns TEST_DATABASE_URL, or skips or fails without it.
func PostgresURL(tb testing.TB) string {
	tb.Helper()
	dsn := os.Getenv("TEST_DATABASE_URL")
	if dsn == "" {
		Missing(tb, "Postgres", "set TEST_DATABASE_URL=postgres://user@host:5432/db (bash .ci/run does)")
	}
	return dsn
}

// Chromium returns the path of a Chromium binary (ARCHLAB_CHROMIUM, or
// chromium / chromium-browser / google-chrome on PATH), or skips or fails.
func Chromium(tb testing.TB) string {
	tb.Helper()
	if p := os.Getenv("ARCHLAB_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	Missing(tb, "Chromium", "install it (apt-get install chromium) or set ARCHLAB_CHROMIUM")
	return ""
}
