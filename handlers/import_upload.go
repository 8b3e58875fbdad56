package handlers

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime/multipart"
	"path"
	"slices"
	"strings"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/iac"
	"github.com/archlab/archlab/internal/memfs"
)

// Limits on what one web import unpacks. The request body is bounded by
// ARCHLAB_MAX_BODY before any of this; these bound what a small archive
// can claim to hold. The bytes are counted as they are read, never taken
// from the archive's headers, so a zip bomb stops at maxUploadBytes.
const (
	// maxUploadFiles bounds the files read from an upload.
	maxUploadFiles = 500
	// maxUploadEntries bounds the entries an archive may list, read or not.
	maxUploadEntries = 10_000
	// maxUploadBytes bounds the bytes read from all files together.
	maxUploadBytes = 20 << 20
	// maxUploadDepth bounds the folders of a path in an archive.
	maxUploadDepth = 16
)

// uploadError is an upload refused: 413 for one over a limit, 422 for one
// that is malformed; the message names the file or entry.
type uploadError struct {
	tooLarge bool
	msg      string
}

func (e *uploadError) Error() string { return e.msg }

func tooLarge(format string, args ...any) error {
	return &uploadError{tooLarge: true, msg: fmt.Sprintf(format, args...)}
}

func badUpload(format string, args ...any) error {
	return &uploadError{msg: fmt.Sprintf(format, args...)}
}

// uploadFS is the files of an upload as a read-only folder for
// iac.ImportFS. Files uploaded side by side (not in an archive) lose
// their folders on the way (browsers send names only), so a reference to
// statemachine/flow.asl.json finds the one uploaded flow.asl.json. A
// template is found by its path only: nested stacks are often all called
// template.yaml, and a name alone would make one stack nest another.
type uploadFS struct {
	files map[string][]byte
	// byName holds, for an upload of loose files, each file that is no
	// template by its name.
	byName map[string]string
}

// readUploads reads the files of the form's file field: one zip archive
// of a project, or several files.
func readUploads(headers []*multipart.FileHeader) (*uploadFS, error) {
	if len(headers) == 1 && strings.EqualFold(path.Ext(headers[0].Filename), ".zip") {
		data, err := readHeader(headers[0])
		if err != nil {
			return nil, err
		}
		return readZip(data)
	}
	u := &uploadFS{files: map[string][]byte{}, byName: map[string]string{}}
	if len(headers) > maxUploadFiles {
		return nil, tooLarge("the upload holds %d files; archlab reads at most %d", len(headers), maxUploadFiles)
	}
	total := 0
	for _, h := range headers {
		name := path.Base(strings.ReplaceAll(h.Filename, `\`, "/"))
		if !fs.ValidPath(name) || name == "." || name == ".." {
			return nil, badUpload("the file name %q is not usable", h.Filename)
		}
		if _, dup := u.files[name]; dup {
			return nil, badUpload("two uploaded files are named %s; upload a zip of the folder instead", name)
		}
		data, err := readHeader(h)
		if err != nil {
			return nil, err
		}
		if total += len(data); total > maxUploadBytes {
			return nil, tooLarge("the files hold more than %s bytes; archlab reads at most that", design.FormatNumber(maxUploadBytes))
		}
		u.files[name] = data
		if !iac.LooksLikeTemplate(data) {
			u.byName[name] = name
		}
	}
	return u, nil
}

func readHeader(h *multipart.FileHeader) ([]byte, error) {
	f, err := h.Open()
	if err != nil {
		return nil, badUpload("the file %s could not be read", h.Filename)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, badUpload("the file %s could not be read", h.Filename)
	}
	return data, nil
}

// readZip unpacks the YAML and JSON files of a zip archive, within the
// limits; an entry whose path would leave the archive's root refuses the
// whole archive.
func readZip(data []byte) (*uploadFS, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, badUpload("the upload is not a zip archive archlab can read: %v", err)
	}
	if len(zr.File) > maxUploadEntries {
		return nil, tooLarge("the archive lists %d entries; archlab reads archives of at most %d", len(zr.File), maxUploadEntries)
	}
	u := &uploadFS{files: map[string][]byte{}}
	total := 0
	for _, f := range zr.File {
		name := strings.ReplaceAll(f.Name, `\`, "/")
		clean := path.Clean(name)
		if path.IsAbs(name) || clean == ".." || strings.HasPrefix(clean, "../") || !fs.ValidPath(clean) {
			return nil, badUpload("the archive's entry %q leaves the archive's root", f.Name)
		}
		if strings.Count(clean, "/") > maxUploadDepth {
			return nil, badUpload("the archive's entry %q is more than %d folders deep", f.Name, maxUploadDepth)
		}
		if f.FileInfo().IsDir() || strings.HasPrefix(clean, "__MACOSX/") || !importable(clean) {
			continue
		}
		if _, dup := u.files[clean]; dup {
			return nil, badUpload("the archive holds %s twice", clean)
		}
		if len(u.files) >= maxUploadFiles {
			return nil, tooLarge("the archive holds more than %d YAML and JSON files; archlab reads at most that many", maxUploadFiles)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, badUpload("the archive's entry %s cannot be read: %v", f.Name, err)
		}
		content, err := io.ReadAll(io.LimitReader(rc, int64(maxUploadBytes-total)+1))
		rc.Close()
		if err != nil {
			return nil, badUpload("the archive's entry %s cannot be read: %v", f.Name, err)
		}
		if total += len(content); total > maxUploadBytes {
			return nil, tooLarge("the archive unpacks to more than %s bytes; archlab reads at most that", design.FormatNumber(maxUploadBytes))
		}
		u.files[clean] = content
	}
	return u, nil
}

// importable reports whether a file of an archive may be a template or a
// file a template references.
func importable(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".yaml", ".yml", ".json", ".template":
		return true
	}
	return false
}

// names lists the upload's files in order.
func (u *uploadFS) names() []string {
	out := make([]string, 0, len(u.files))
	for name := range u.files {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

// Open opens a file of the upload, or a folder that holds some; a file
// the upload holds under another folder is found by its name.
func (u *uploadFS) Open(name string) (fs.File, error) {
	if _, ok := u.files[name]; !ok && fs.ValidPath(name) {
		if alias, found := u.byName[path.Base(name)]; found {
			name = alias
		}
	}
	return memfs.FS(u.files).Open(name)
}
