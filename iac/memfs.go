package iac

import (
	"io"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/archlab/archlab/design"
)

// memFS serves a design's Source as a folder: its template at its path,
// and the files it read beside it, so that an export imports the design
// again as it was imported.
func memFS(s *design.Source) fs.FS {
	files := make(map[string]string, len(s.Files)+1)
	for name, text := range s.Files {
		files[name] = text
	}
	files[s.File] = s.Template
	return mapFS(files)
}

// mapFS is a read-only folder of files held in memory, by their paths.
type mapFS map[string]string

func (m mapFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if text, ok := m[name]; ok {
		return &memFile{info: memInfo{name: path.Base(name), size: int64(len(text))}, r: strings.NewReader(text)}, nil
	}
	prefix := name + "/"
	if name == "." {
		prefix = ""
	}
	for p := range m {
		if strings.HasPrefix(p, prefix) {
			return &memFile{info: memInfo{name: path.Base(name), dir: true}, r: strings.NewReader("")}, nil
		}
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

type memFile struct {
	info memInfo
	r    *strings.Reader
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Read(b []byte) (int, error) {
	if f.info.dir {
		return 0, io.EOF
	}
	return f.r.Read(b)
}
func (f *memFile) Close() error { return nil }

type memInfo struct {
	name string
	size int64
	dir  bool
}

func (i memInfo) Name() string { return i.name }
func (i memInfo) Size() int64  { return i.size }
func (i memInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return i.dir }
func (i memInfo) Sys() any           { return nil }
