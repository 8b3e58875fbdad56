package lint

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/archlab/archlab/iac"
	"github.com/archlab/archlab/internal/input"
)

// MaxTargets bounds the files one run checks; a folder holding more is
// refused with a message rather than read for minutes.
const MaxTargets = 10_000

// sniffSize is how much of a YAML or JSON file discovery reads to tell a
// template from the other files of a repository.
const sniffSize = 256 << 10

// Target is a file to check and the folder its references may reach.
type Target struct {
	Path string
	// Root is the folder a template's references are read from and may
	// not leave; "" for the template's own folder.
	Root string
}

// Targets expands paths into the files to check, in a stable order: a
// file as given, and inside a directory the design documents and templates
// found (Lintable names, and other YAML and JSON files whose content is a
// template: see looksLikeTemplate), skipping hidden folders and
// node_modules. A template found in a directory may reference anything in
// that directory; one given as a file, anything in its own folder. root,
// when not "", is the folder for all of them instead, and must hold them.
// "-" is standard input (see Linter.Stdin). A path given that is neither a
// folder nor a regular file (a named pipe, a device) is refused unread;
// inside a folder, such files are passed over. Walking a folder stops when
// ctx is done.
func Targets(ctx context.Context, paths []string, root string) ([]Target, error) {
	var out []Target
	add := func(p, r string) error {
		if root != "" {
			r = root
			if rel, err := filepath.Rel(root, p); err != nil || !filepath.IsLocal(rel) {
				return &FileError{File: p, Err: fmt.Errorf("is outside the root %s", root)}
			}
		}
		if len(out) >= MaxTargets {
			return &FileError{File: p, Err: fmt.Errorf("more than %d files to check; lint a narrower folder", MaxTargets)}
		}
		out = append(out, Target{Path: p, Root: r})
		return nil
	}
	for _, p := range paths {
		if p == input.Stdin {
			out = append(out, Target{Path: p})
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			return nil, &FileError{File: p, Err: errors.Unwrap(err)}
		}
		if !info.IsDir() {
			if err := input.Check(p, MaxFileSize); err != nil {
				var tooLarge *input.TooLargeError
				if !errors.As(err, &tooLarge) { // reported when the file is checked
					return nil, &FileError{File: p, Err: err}
				}
			}
			if err := add(p, ""); err != nil {
				return nil, err
			}
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			if d.IsDir() {
				if path != p && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() || !(Lintable(d.Name()) || maybeTemplate(d.Name()) && looksLikeTemplate(path)) {
				return nil
			}
			return add(path, p)
		})
		if err != nil {
			var fe *FileError
			if errors.As(err, &fe) {
				return nil, fe
			}
			if ctx.Err() != nil {
				return nil, err
			}
			return nil, &FileError{File: p, Err: err}
		}
	}
	slices.SortFunc(out, func(a, b Target) int { return strings.Compare(a.Path, b.Path) })
	return slices.CompactFunc(out, func(a, b Target) bool { return a.Path == b.Path }), nil
}

// maybeTemplate reports whether a file's name allows it to be a template
// (YAML or JSON) that discovery should look into.
func maybeTemplate(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml", ".json", ".template":
		return true
	}
	return false
}

// looksLikeTemplate reads the start of a YAML or JSON file and reports
// whether it is a template (iac.LooksLikeTemplate), so that a template
// that does not parse is still found, and reported.
func looksLikeTemplate(path string) bool {
	f, err := os.OpenFile(path, os.O_RDONLY|input.NonBlocking, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		return false // swapped for a named pipe since the walk saw it
	}
	head, err := io.ReadAll(io.LimitReader(f, sniffSize))
	if err != nil {
		return false
	}
	return iac.LooksLikeTemplate(head)
}
