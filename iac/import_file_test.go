//go:build unix

package iac

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/archlab/archlab/design"
)

// importFile runs ImportFile, failing the test rather than hanging it when
// it has not returned after a minute: a named pipe nobody writes to must
// be refused, not waited on.
func importFile(t *testing.T, root, path string) (*Imported, error) {
	t.Helper()
	type result struct {
		imp *Imported
		err error
	}
	done := make(chan result, 1)
	go func() {
		imp, err := ImportFile(root, path, design.Builtin())
		done <- result{imp, err}
	}()
	select {
	case r := <-done:
		return r.imp, r.err
	case <-time.After(time.Minute):
		t.Fatalf("ImportFile(%s) did not return", path)
		return nil, nil
	}
}

func TestImportFileRefusesPipesAndDevices(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.yaml"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "flow.asl.json"), 0o600); err != nil {
		t.Fatal(err)
	}
	write("big.yaml", "")
	if err := os.Truncate(filepath.Join(dir, "big.yaml"), MaxTemplateSize+1); err != nil {
		t.Fatal(err)
	}
	write("template.yaml", "Resources:\n  Flow:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: flow.asl.json\n")

	// The template itself.
	for name, want := range map[string]string{
		"pipe.yaml": "pipe.yaml is a named pipe, not a regular file",
		"big.yaml":  "big.yaml is larger than 10,485,760 bytes",
	} {
		_, err := importFile(t, dir, filepath.Join(dir, name))
		if err == nil || !strings.Contains(err.Error(), want) || design.ErrorCode(err) != design.EINVALID {
			t.Errorf("%s: err = %v, want EINVALID saying %q", name, err, want)
		}
	}
	// A file it references: noted as not read.
	imp, err := importFile(t, dir, filepath.Join(dir, "template.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, n := range imp.Notes {
		found = found || strings.Contains(n.Message, "DefinitionUri names flow.asl.json, which archlab could not read (is a named pipe, not a regular file")
	}
	if !found {
		t.Errorf("no note says flow.asl.json is a named pipe: %v", imp.Notes)
	}
}
