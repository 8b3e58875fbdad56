package main

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

func TestExportPNG(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"orders.archlab.json": `{"format":"archlab/v1","title":"Orders","blocks":[{"id":"Jobs","kind":"sqs"},{"id":"Worker","kind":"lambda"}],
			"connections":[{"id":"c1","from":"Jobs","to":"Worker"}]}`,
	})
	noEnv := func(string) string { return "" }

	// To a pipe or a file, standard output gets the picture.
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"export", "--format", "png", dir + "/orders.archlab.json"}, nil, &out, &errOut, noEnv); code != 0 {
		t.Fatalf("export --format png: exit %d: %s", code, errOut.String())
	}
	img, err := png.Decode(&out)
	if err != nil || img.Bounds().Dx() < 100 {
		t.Fatalf("standard output is no PNG picture of the design: %v", err)
	}

	// -o writes the file.
	file := filepath.Join(dir, "orders.png")
	errOut.Reset()
	if code := run(context.Background(), []string{"export", "--format", "png", "-o", file, dir + "/orders.archlab.json"}, nil, &out, &errOut, noEnv); code != 0 {
		t.Fatalf("export -o: exit %d: %s", code, errOut.String())
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := png.Decode(f); err != nil {
		t.Errorf("-o wrote no PNG: %v", err)
	}

	// A terminal gets a message, not binary noise.
	term := openTerminal(t)
	errOut.Reset()
	code := run(context.Background(), []string{"export", "--format", "png", dir + "/orders.archlab.json"}, nil, term, &errOut, noEnv)
	if code != 2 || !strings.Contains(errOut.String(), "-o FILE") {
		t.Errorf("PNG to a terminal: exit %d, %q", code, errOut.String())
	}
	// Text formats still print there.
	errOut.Reset()
	if code := run(context.Background(), []string{"export", "--format", "mermaid", dir + "/orders.archlab.json"}, nil, term, &errOut, noEnv); code != 0 {
		t.Errorf("Mermaid to a terminal: exit %d, %q", code, errOut.String())
	}
}

// openTerminal opens the far side of a new pseudo-terminal.
func openTerminal(t *testing.T) *os.File {
	t.Helper()
	ptmx, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Fatalf("no pseudo-terminal to test with: %v", err)
	}
	t.Cleanup(func() { ptmx.Close() })
	if err := unix.IoctlSetPointerInt(int(ptmx.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(int(ptmx.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	pts, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pts.Close() })
	// Drain what is written so that writes never block.
	go func() {
		buf := make([]byte, 4096)
		for {
			if _, err := ptmx.Read(buf); err != nil {
				return
			}
		}
	}()
	return pts
}
