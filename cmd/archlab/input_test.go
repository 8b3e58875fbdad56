//go:build unix

package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// runWith runs a command with stdin, and fails the test, rather than
// hanging it, when the command has not returned after a minute: the
// commands below must answer at once.
func runWith(t *testing.T, stdin io.Reader, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- run(t.Context(), args, stdin, &out, &errOut, env(nil)) }()
	select {
	case code := <-done:
		return code, out.String(), errOut.String()
	case <-time.After(time.Minute):
		t.Fatalf("archlab %v did not return", args)
		return 0, "", ""
	}
}

// A device that never ends, a named pipe nobody writes to and a file over
// the limit are refused before they are read, naming the file and why.
func TestCommandsRefuseWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "template.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, 10<<20+1); err != nil { // sparse: nothing written
		t.Fatal(err)
	}
	for _, cmd := range []struct {
		name string
		code int
	}{{"lint", 2}, {"import", 2}, {"export", 1}} {
		for path, want := range map[string]string{
			"/dev/zero": "/dev/zero: is a device, not a regular file",
			fifo:        fifo + ": is a named pipe, not a regular file",
			big:         big + ": is larger than 10,485,760 bytes",
		} {
			code, out, errOut := runWith(t, nil, cmd.name, path)
			if code != cmd.code || !strings.Contains(errOut, "archlab "+cmd.name+": "+want) {
				t.Errorf("archlab %s %s: exit %d, want %d with %q\nstdout: %.200s\nstderr: %s", cmd.name, path, code, cmd.code, want, out, errOut)
			}
		}
	}
}

// "-" reads standard input, through the same limit.
func TestCommandsReadStandardInput(t *testing.T) {
	const tmpl = "Resources:\n  Jobs:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: 10\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Timeout: 30\n      Runtime: python3.13\n      Handler: app.handler\n      Events:\n        Q:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Jobs.Arn\n"
	code, out, errOut := runWith(t, strings.NewReader(tmpl), "import", "-")
	if code != 0 || !strings.Contains(out, `"kind": "sqs"`) {
		t.Errorf("import -: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = runWith(t, strings.NewReader(tmpl), "export", "--format", "mermaid", "-")
	if code != 0 || !strings.Contains(out, "flowchart") {
		t.Errorf("export -: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = runWith(t, strings.NewReader(tmpl), "lint", "-")
	if code != 1 || !strings.Contains(out, "-:2:3: error sqs-visibility-below-timeout Jobs") {
		t.Errorf("lint - of a template: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = runWith(t, strings.NewReader(lintDesign), "lint", "--format", "json", "-")
	if code != 1 || !strings.Contains(out, `"file": "-"`) || !strings.Contains(out, "sqs-visibility-below-timeout") {
		t.Errorf("lint - of a design: exit %d\n%s%s", code, out, errOut)
	}

	for _, cmd := range []struct {
		name string
		code int
	}{{"lint", 2}, {"import", 2}, {"export", 1}} {
		zero, err := os.Open("/dev/zero")
		if err != nil {
			t.Fatal(err)
		}
		code, _, errOut := runWith(t, zero, cmd.name, "-")
		zero.Close()
		want := "archlab " + cmd.name + ": standard input: is larger than 10,485,760 bytes"
		if code != cmd.code || !strings.Contains(errOut, want) {
			t.Errorf("archlab %s - < /dev/zero: exit %d, want %d with %q\nstderr: %s", cmd.name, code, cmd.code, want, errOut)
		}
	}
}

// A directory is linted as before; a named pipe inside one is passed over.
func TestLintPassesOverPipesInAFolder(t *testing.T) {
	dir := writeFiles(t, map[string]string{"quiet.archlab.json": cleanDesign})
	if err := syscall.Mkfifo(filepath.Join(dir, "template.yaml"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := runWith(t, nil, "lint", dir); code != 0 {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
}
