package iac

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/internal/input"
)

// Limits on the files one ImportFS reads, the template included. A hostile
// folder (a thousand nested stacks, a 10 GB "OpenAPI document") stops at
// them with a note; real projects are far below.
const (
	// MaxImportFiles bounds the files read.
	MaxImportFiles = 100
	// MaxImportBytes bounds the bytes read from all of them together; each
	// one is bounded by MaxTemplateSize as well.
	MaxImportBytes = 50 << 20
	// MaxNesting bounds nested stacks inside nested stacks.
	MaxNesting = 5
	// maxExpansions bounds how many nested stack parameters and outputs
	// one reference is followed through, so that stacks passing outputs to
	// each other cannot make it grow without end.
	maxExpansions = 10_000
)

// fileSet is the folder an import reads, and the files it read from it:
// index 0 is the template, the others are what it references, each read
// and parsed once.
type fileSet struct {
	fsys  fs.FS
	paths []string
	// texts are the files' contents, by index, as read: a design keeps
	// them (keepSource) without reading the files again.
	texts  [][]byte
	byPath map[string]int
	docs   map[int]*node
	bytes  int64
	// reported are the problems and notes found while reading files;
	// the builder takes them over.
	reported []problem
}

func newFileSet(fsys fs.FS) *fileSet {
	return &fileSet{fsys: fsys, byPath: map[string]int{}, docs: map[int]*node{}}
}

// name is the path of a file, "" for a nil set (Import).
func (f *fileSet) name(i int) string {
	if f == nil || i < 0 || i >= len(f.paths) {
		return ""
	}
	return f.paths[i]
}

// list returns the paths of the files read, the template first.
func (f *fileSet) list() []string {
	if f == nil {
		return nil
	}
	return slices.Clone(f.paths)
}

// readTemplate reads the template an import starts from.
func (f *fileSet) readTemplate(p string) ([]byte, error) {
	if !fs.ValidPath(p) {
		return nil, design.Errorf(design.EINVALID, "%q is not a path inside the folder read", p)
	}
	data, err := f.readFile(p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, design.Errorf(design.ENOTFOUND, "%s does not exist", p)
	case errors.Is(err, errTooLarge):
		return nil, design.Errorf(design.EINVALID, "%s %v", p, &input.TooLargeError{Limit: MaxTemplateSize})
	case errors.As(err, new(*input.NotRegularError)):
		return nil, design.Errorf(design.EINVALID, "%s %v", p, err)
	case err != nil:
		return nil, design.Errorf(design.EINVALID, "%s: %v", p, err)
	}
	f.add(p, data)
	return data, nil
}

// text is the content of a file read, as it was read.
func (f *fileSet) text(p string) ([]byte, bool) {
	if f == nil {
		return nil, false
	}
	i, ok := f.byPath[p]
	if !ok {
		return nil, false
	}
	return f.texts[i], true
}

// add records a file read, and its text, and returns its index.
func (f *fileSet) add(p string, data []byte) int {
	f.paths = append(f.paths, p)
	f.texts = append(f.texts, data)
	f.byPath[p] = len(f.paths) - 1
	return len(f.paths) - 1
}

// errTooLarge says a file is over what is left to read.
var errTooLarge = errors.New("too large")

// readFile reads one regular file, within the size limits: the size the
// file claims is checked first, and what is read is bounded all the same.
func (f *fileSet) readFile(p string) ([]byte, error) {
	file, err := f.fsys.Open(p)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		// A named pipe or a device is refused before it is read: it may
		// never end, or never start.
		return nil, &input.NotRegularError{Mode: info.Mode()}
	}
	limit := min(int64(MaxTemplateSize), MaxImportBytes-f.bytes)
	if info.Size() > limit {
		return nil, errTooLarge
	}
	data, err := io.ReadAll(io.LimitReader(file, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, errTooLarge
	}
	f.bytes += int64(len(data))
	return data, nil
}

// isLocalPath reports whether a reference names a file beside the
// template rather than an S3 object or a URL: what sam package and aws
// cloudformation package upload.
func isLocalPath(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && !strings.Contains(s, "://") && !strings.HasPrefix(s, "s3:") && !strings.Contains(s, "${")
}

// document reads and parses the file a reference names, relative to the
// file from: what (say "DefinitionUri") is the property that names it, id
// the resource. It returns the document and its file's index, or nil and
// -1 after reporting why at the reference: a problem when packaging the
// template would fail (the file is not there, or does not parse), a note
// when archlab stops short of it (outside the folder, over the limits).
func (f *fileSet) document(ref string, from int, at pos, id, what string) (*node, int) {
	ref = strings.TrimSpace(ref)
	target := path.Join(path.Dir(f.paths[from]), ref)
	if path.IsAbs(ref) || target == ".." || strings.HasPrefix(target, "../") || !fs.ValidPath(target) {
		f.report(id, at, "", "%s names %s, outside the folder archlab reads; the file is not read", what, ref)
		return nil, -1
	}
	if i, ok := f.byPath[target]; ok {
		if f.docs[i] == nil {
			return nil, -1 // reported when it was read
		}
		return f.docs[i], i
	}
	if len(f.paths) >= MaxImportFiles {
		f.report(id, at, "", "%s names %s, but archlab reads at most %d files for one template; it is not read", what, ref, MaxImportFiles)
		return nil, -1
	}
	data, err := f.readFile(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		f.report(id, at, RuleTemplateReference, "%s names %s, which is not there; packaging the template (sam build, sam deploy, aws cloudformation package) fails on a missing file", what, ref)
		return nil, -1
	case errors.Is(err, errTooLarge):
		f.report(id, at, "", "%s names %s, which is larger than archlab reads (%s bytes a file, %s bytes in all); it is not read",
			what, ref, groupDigits(MaxTemplateSize), groupDigits(MaxImportBytes))
		return nil, -1
	case err != nil:
		f.report(id, at, "", "%s names %s, which archlab could not read (%v); it is not read", what, ref, unwrapPathError(err))
		return nil, -1
	}
	i := f.add(target, data)
	doc, err := parseFile(data, i)
	if err != nil {
		se := syntaxError(err)
		by := what
		if id != "" {
			by += " of " + id
		}
		col := se.Column
		if se.Line > 0 && col == 0 {
			col = 1 // the YAML parser names lines only
		}
		f.reported = append(f.reported, problem{at: pos{line: se.Line, col: col, file: i}, rule: RuleTemplateMalformed,
			msg: fmt.Sprintf("%s, which %s names, does not parse: %s", target, by, se.Message)})
		return nil, -1
	}
	f.docs[i] = doc
	return doc, i
}

// report records a problem (with a rule) or a note (without) about a
// reference.
func (f *fileSet) report(id string, at pos, rule, format string, args ...any) {
	f.reported = append(f.reported, problem{id: id, at: at, rule: rule, msg: fmt.Sprintf(format, args...)})
}

// unwrapPathError drops the operation and path of an *fs.PathError, which
// the message names already.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
