// Package input reads the files archlab's command line is given: regular
// files, or standard input for "-", always through a size limit. A named
// pipe, a device or a socket is refused at once: /dev/zero never ends, and
// opening a named pipe nobody writes to waits for ever.
package input

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// Stdin is the name that stands for standard input on the command line.
const Stdin = "-"

// The errors leave out the input's name, which callers put first
// ("template.yaml: is larger than ..."), as for every error about a file.

// TooLargeError is an input over the limit; at most the limit and a byte
// were read of it.
type TooLargeError struct {
	Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("is larger than %s bytes, the most archlab reads from one file", Group(e.Limit))
}

// NotRegularError is a path that names something other than a regular
// file.
type NotRegularError struct {
	Mode fs.FileMode
}

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("is %s, not a regular file", Kind(e.Mode))
}

// Kind names what a file mode is, for messages.
func Kind(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return "a regular file"
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0, m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "not a regular file"
}

// Check refuses what is not a regular file, and a file that says it is
// larger than limit. It reads nothing: a named pipe is refused before
// anyone waits on it.
func Check(path string, limit int64) error {
	info, err := os.Stat(path)
	if err != nil {
		return unwrapPath(err)
	}
	return checkInfo(info, limit)
}

func checkInfo(info fs.FileInfo, limit int64) error {
	if !info.Mode().IsRegular() {
		return &NotRegularError{Mode: info.Mode()}
	}
	if info.Size() > limit {
		return &TooLargeError{Limit: limit}
	}
	return nil
}

// unwrapPath drops the operation and path of an *fs.PathError, which
// the caller names already: "no such file or directory".
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// NonBlocking is the flag that keeps opening a named pipe from waiting
// for a writer, so that it can be refused once opened. Reads from regular
// files do not heed it.
const NonBlocking = syscall.O_NONBLOCK

// ReadFile reads a regular file of at most limit bytes. It opens the file
// without waiting, then refuses it unless it is a regular file, so that a
// named pipe swapped in after Check is refused too.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|NonBlocking, 0)
	if err != nil {
		return nil, unwrapPath(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, unwrapPath(err)
	}
	// The size a file claims spares reading a large one; the read is
	// bounded all the same, as a file may grow.
	if err := checkInfo(info, limit); err != nil {
		return nil, err
	}
	return ReadAll(f, limit)
}

// Read reads path, or stdin when path is "-", through the limit.
func Read(path string, stdin io.Reader, limit int64) ([]byte, error) {
	if path == Stdin {
		return ReadAll(stdin, limit)
	}
	return ReadFile(path, limit)
}

// Name is how messages name a path: standard input for "-".
func Name(path string) string {
	if path == Stdin {
		return "standard input"
	}
	return path
}

// ReadAll reads r to its end, or fails once more than limit bytes came:
// no more than limit+1 bytes are ever held.
func ReadAll(r io.Reader, limit int64) ([]byte, error) {
	if r == nil {
		return nil, errors.New("there is nothing to read")
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, unwrapPath(err)
	}
	if int64(len(data)) > limit {
		return nil, &TooLargeError{Limit: limit}
	}
	return data, nil
}

// WithContext returns a reader of r that fails with ctx's cause once ctx
// is done, even while a read of r waits (standard input from a terminal,
// or a pipe nobody writes to, waits for ever). The read that waits goes
// on in the background until r gives something or the process ends: for
// standard input, which nothing else reads.
func WithContext(ctx context.Context, r io.Reader) io.Reader {
	if r == nil {
		return nil
	}
	pr, pw := io.Pipe()
	go func() {
		_, err := io.Copy(pw, r)
		pw.CloseWithError(err)
	}()
	context.AfterFunc(ctx, func() { pw.CloseWithError(context.Cause(ctx)) })
	return pr
}

// Group writes n with thousands separated by commas: 10,485,760.
func Group(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}
