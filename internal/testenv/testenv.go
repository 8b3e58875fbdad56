// Package testenv decides, in one place, when a test that needs an outside
// service may skip: on a developer's machine without the service it skips
// with a hint; in CI (CI=true, or ARCHLAB_REQUIRE_SERVICES=1 as .ci/run sets)
// a missing service is a failure.
package testenv

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
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
		if !Required() {
			notice("Postgres tests skipped", "run them with TEST_DATABASE_URL=postgres://user@host:5432/db go test ./...")
		}
		Missing(tb, "Postgres", "set TEST_DATABASE_URL=postgres://user@host:5432/db (bash .ci/run does)")
	}
	return dsn
}

// notices says each thing once per test binary, that is once per package
// that go test runs.
var notices = struct {
	sync.Mutex
	said map[string]bool
	to   io.Writer // nil: the terminal
}{said: map[string]bool{}}

// noticeTo sends notices to w, as new, until the returned func is called.
func noticeTo(w io.Writer) (restore func()) {
	notices.Lock()
	defer notices.Unlock()
	old, oldSaid := notices.to, notices.said
	notices.to, notices.said = w, map[string]bool{}
	return func() {
		notices.Lock()
		defer notices.Unlock()
		notices.to, notices.said = old, oldSaid
	}
}

// notice tells the person running the tests what was skipped. go test shows
// a passing package's output only with -v, and skipping is a pass, so the
// line goes to the terminal when there is one, and otherwise to stderr
// (seen with -v or when the package fails).
func notice(what, how string) {
	notices.Lock()
	defer notices.Unlock()
	if notices.said[what] {
		return
	}
	notices.said[what] = true
	w := notices.to
	if w == nil {
		w = os.Stderr
		if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
			defer tty.Close()
			w = tty
		}
	}
	pkg := strings.TrimSuffix(filepath.Base(os.Args[0]), ".test")
	fmt.Fprintf(w, "archlab: %s in %s (TEST_DATABASE_URL is unset); %s\n", what, pkg, how)
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
