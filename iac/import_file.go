package iac

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/archlab/archlab/design"
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
	return ImportFS(r.FS(), filepath.ToSlash(rel), cat)
}
