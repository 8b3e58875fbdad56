package iac

import (
	"io/fs"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/internal/memfs"
)

// memFS serves a design's Source as a folder: its template at its path,
// and the files it read beside it, so that an export imports the design
// again as it was imported.
func memFS(s *design.Source) fs.FS {
	files := make(memfs.FS, len(s.Files)+1)
	for name, text := range s.Files {
		files[name] = []byte(text)
	}
	files[s.File] = []byte(s.Template)
	return files
}
