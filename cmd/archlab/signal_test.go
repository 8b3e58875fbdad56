//go:build unix

package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// archlabBinary builds archlab for the tests that run it as a process, to
// send it signals.
func archlabBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "archlab")
	if out, err := exec.CommandContext(t.Context(), "go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// process starts archlab with args; the test's context deadline (a
// minute) kills it when it does not end by itself.
func process(t *testing.T, bin string, env []string, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	t.Cleanup(cancel)
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	return cmd, &stderr
}

func exitCode(t *testing.T, err error) int {
	t.Helper()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	if ee != nil {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			t.Fatalf("archlab was killed by %v", ws.Signal())
		}
		return ee.ExitCode()
	}
	return 0
}

// A named pipe nobody writes to is refused at once, not waited on.
func TestLintRefusesANamedPipeAtOnce(t *testing.T) {
	bin := archlabBinary(t)
	fifo := filepath.Join(t.TempDir(), "template.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd, stderr := process(t, bin, nil, "lint", fifo)
	if code := exitCode(t, cmd.Run()); code != 2 || !strings.Contains(stderr.String(), fifo+": is a named pipe, not a regular file") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
}

// SIGTERM stops lint while it waits on standard input that never ends.
func TestSignalStopsLintReadingStandardInput(t *testing.T) {
	bin := archlabBinary(t)
	cmd, stderr := process(t, bin, nil, "lint", "-")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// A pipe holds 64 KB: once 1 MB is written, lint is reading, so its
	// signal handling is in place.
	if _, err := stdin.Write(bytes.Repeat([]byte("#\n"), 1<<19)); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	code := exitCode(t, cmd.Wait())
	stdin.Close()
	if code != exitStopped || !strings.Contains(stderr.String(), "archlab lint: stopped: terminated signal received") {
		t.Fatalf("exit %d, want %d: %s", code, exitStopped, stderr)
	}
}

// SIGINT stops serve, on both of its listeners, after in-flight requests.
func TestSignalStopsServe(t *testing.T) {
	bin := archlabBinary(t)
	dir := t.TempDir()
	cmd, _ := process(t, bin, []string{
		"ARCHLAB_ADDR=127.0.0.1:0", "ARCHLAB_METRICS_ADDR=127.0.0.1:0",
		"DATABASE_URL=" + filepath.Join(dir, "archlab.db"), "ARCHLAB_LOG_FORMAT=text",
	}, "serve")
	pr, pw := io.Pipe()
	cmd.Stderr = pw
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(pr)
	var log strings.Builder
	seen := func(want string) {
		t.Helper()
		for lines.Scan() {
			log.WriteString(lines.Text() + "\n")
			if strings.Contains(lines.Text(), want) {
				return
			}
		}
		t.Fatalf("archlab ended before logging %q:\n%s", want, log.String())
	}
	seen("metrics are served apart")
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	seen("stopped cleanly")
	go io.Copy(io.Discard, pr)
	if code := exitCode(t, cmd.Wait()); code != 0 {
		t.Fatalf("exit %d:\n%s", code, log.String())
	}
	pw.Close()
}
