package testenv

import (
	"bytes"
	"strings"
	"testing"
)

// A plain go test ./... without Postgres says, once for the package, what
// it skipped and how to run it, where a person sees it.
func TestSkippedPostgresIsNoticedOnce(t *testing.T) {
	t.Setenv("TEST_DATABASE_URL", "")
	t.Setenv("CI", "")
	t.Setenv("ARCHLAB_REQUIRE_SERVICES", "")
	var out bytes.Buffer
	restore := noticeTo(&out)
	defer restore()

	for i := 0; i < 3; i++ {
		t.Run("needs postgres", func(t *testing.T) {
			PostgresURL(t)
			t.Fatal("PostgresURL returned without the database")
		})
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 1 || lines[0] == "" {
		t.Fatalf("want one line, got %q", out.String())
	}
	for _, want := range []string{"Postgres", "skipped", "TEST_DATABASE_URL=postgres://", "go test ./..."} {
		if !strings.Contains(lines[0], want) {
			t.Errorf("the notice %q does not say %q", lines[0], want)
		}
	}
}

// With the database set nothing is skipped and nothing is said.
func TestNoNoticeWithPostgres(t *testing.T) {
	t.Setenv("TEST_DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")
	var out bytes.Buffer
	restore := noticeTo(&out)
	defer restore()
	if got := PostgresURL(t); got != "postgres://nobody@127.0.0.1:1/none" {
		t.Fatalf("PostgresURL = %q", got)
	}
	if out.Len() != 0 {
		t.Fatalf("noticed %q", out.String())
	}
}
