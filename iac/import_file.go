package iac

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/internal/input"
)

// ImportFile is ImportFS for a template on disk: the files it references
// are read from root ("" for the template's own folder), which must hold
// the template. Reads go through os.Root, so neither a path nor a
// symbolic link leads out of root. The design is titled by the file's
// name.
func ImportFile(root, path string, cat *design.Catalogue) (*Imported, error) {
	if root == "" {
		root = filepath.Dir(path)
	}
	rel, err := filepath.Rel(root, path)
	if err != nil || !filepath.IsLocal(rel) {
		return nil, design.Errorf(design.EINVALID, "%s is outside the root %s", path, root)
	}
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, fmt.Errorf("iac: %w", err)
	}
	defer r.Close()
	return ImportFS(rootFS{r}, filepath.ToSlash(rel), cat)
}

// rootFS is an os.Root as an fs.FS whose Open does not wait: opening a
// named pipe nobody writes to would wait for ever, where opened without
// waiting it is refused as not a regular file (fileSet.readFile).
type rootFS struct{ r *os.Root }

func (f rootFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	return f.r.OpenFile(filepath.FromSlash(name), os.O_RDONLY|input.NonBlocking, 0)
}
