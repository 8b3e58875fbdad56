//go:build unix

package input

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestReadRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "sock")
	ln, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	for path, kind := range map[string]string{
		"/dev/zero": "is a device",
		"/dev/null": "is a device",
		fifo:        "is a named pipe", // nobody writes to it: opening it must not wait
		sock:        "is a socket",
		dir:         "is a folder",
	} {
		for name, err := range map[string]error{"Check": Check(path, 1<<20), "ReadFile": second(ReadFile(path, 1<<20))} {
			var nr *NotRegularError
			if name == "ReadFile" && path == sock {
				// A socket cannot be opened: it fails rather than waits.
				if err == nil {
					t.Errorf("ReadFile read a socket")
				}
				continue
			}
			if !errors.As(err, &nr) || !strings.HasPrefix(err.Error(), kind+", not a regular file") {
				t.Errorf("%s(%s) = %v, want it to say it %s", name, path, err, kind)
			}
		}
	}
	if err := Check(filepath.Join(dir, "missing"), 1); !errors.Is(err, os.ErrNotExist) || err.Error() != "no such file or directory" {
		t.Errorf("a missing file: %v", err)
	}
}

func second(_ []byte, err error) error { return err }

func TestReadStopsAtTheLimit(t *testing.T) {
	dir := t.TempDir()
	exact := filepath.Join(dir, "exact.yaml")
	over := filepath.Join(dir, "over.yaml")
	os.WriteFile(exact, []byte(strings.Repeat("a", 100)), 0o600)
	os.WriteFile(over, []byte(strings.Repeat("a", 101)), 0o600)
	if data, err := ReadFile(exact, 100); err != nil || len(data) != 100 {
		t.Errorf("a file of the limit: %d bytes, %v", len(data), err)
	}
	if err := Check(exact, 100); err != nil {
		t.Errorf("Check of a file of the limit: %v", err)
	}
	var tl *TooLargeError
	for _, err := range []error{second(ReadFile(over, 100)), Check(over, 100)} {
		if !errors.As(err, &tl) || err.Error() != "is larger than 100 bytes, the most archlab reads from one file" {
			t.Errorf("a file over the limit: %v", err)
		}
	}

	// Standard input claims no size: it is read through the limit.
	if data, err := Read(Stdin, strings.NewReader("abc"), 3); err != nil || string(data) != "abc" {
		t.Errorf("stdin: %q, %v", data, err)
	}
	zero, err := os.Open("/dev/zero")
	if err != nil {
		t.Fatal(err)
	}
	defer zero.Close()
	counted := &countingReader{r: zero}
	_, err = Read(Stdin, counted, 10<<20)
	if !errors.As(err, &tl) || !strings.Contains(err.Error(), "larger than 10,485,760 bytes") {
		t.Errorf("an endless stdin: %v", err)
	}
	if counted.n > 10<<20+1 {
		t.Errorf("read %d bytes of an endless stdin for a limit of %d", counted.n, 10<<20)
	}
}

type countingReader struct {
	r interface{ Read([]byte) (int, error) }
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func TestGroup(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 10485760: "10,485,760"} {
		if got := Group(n); got != want {
			t.Errorf("Group(%d) = %q, want %q", n, got, want)
		}
	}
}

// A read of standard input that waits stops when the context is done.
func TestWithContextStopsAWaitingRead(t *testing.T) {
	pr, pw := io.Pipe() // nobody writes
	defer pw.Close()
	ctx, cancel := context.WithCancelCause(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := Read(Stdin, WithContext(ctx, pr), 100)
		done <- err
	}()
	stop := errors.New("interrupt signal received")
	cancel(stop)
	if err := <-done; !errors.Is(err, stop) {
		t.Fatalf("err = %v, want %v", err, stop)
	}
	// Until then, what is written is read.
	if data, err := Read(Stdin, WithContext(context.Background(), strings.NewReader("abc")), 3); err != nil || string(data) != "abc" {
		t.Errorf("read %q, %v", data, err)
	}
}
