// Package memfs is a read-only folder of files held in memory, by their
// slash-separated paths: an upload, or the template a design keeps with
// the files it read beside it. Folders are those the paths imply.
package memfs

import (
	"bytes"
	"io"
	"io/fs"
	"path"
	"strings"
	"time"
)

// FS maps paths to file contents.
type FS map[string][]byte

// Open opens a file, or a folder that holds some.
func (m FS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if data, ok := m[name]; ok {
		return &file{info: info{name: path.Base(name), size: int64(len(data))}, r: bytes.NewReader(data)}, nil
	}
	prefix := name + "/"
	if name == "." {
		prefix = ""
	}
	for p := range m {
		if strings.HasPrefix(p, prefix) {
			return &file{info: info{name: path.Base(name), dir: true}, r: bytes.NewReader(nil)}, nil
		}
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

type file struct {
	info info
	r    *bytes.Reader
}

func (f *file) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *file) Read(b []byte) (int, error) {
	if f.info.dir {
		return 0, io.EOF
	}
	return f.r.Read(b)
}
func (f *file) Close() error { return nil }

type info struct {
	name string
	size int64
	dir  bool
}

func (i info) Name() string { return i.name }
func (i info) Size() int64  { return i.size }
func (i info) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (i info) ModTime() time.Time { return time.Time{} }
func (i info) IsDir() bool        { return i.dir }
func (i info) Sys() any           { return nil }
