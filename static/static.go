// Package static embeds archlab's stylesheets, scripts and vendored browser
// libraries and serves them under content-hashed URLs, so that browsers may
// cache them for a year and still see every change at once.
package static

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

//go:embed css js img vendor
var files embed.FS

// Prefix is where the assets are served.
const Prefix = "/static/"

// Assets serves the embedded files and names them by content.
type Assets struct {
	hashes map[string]string // file name → short content hash
}

// New hashes every embedded file once.
func New() *Assets {
	a := &Assets{hashes: map[string]string{}}
	fs.WalkDir(files, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := files.ReadFile(name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		a.hashes[name] = hex.EncodeToString(sum[:6])
		return nil
	})
	return a
}

// URL returns the versioned URL of an embedded file, such as
// "/static/css/app.css?v=3f2a…". It panics for a file that does not exist,
// so that a typo fails at start-up rather than as a broken page.
func (a *Assets) URL(name string) string {
	h, ok := a.hashes[name]
	if !ok {
		panic("static: no embedded file " + name)
	}
	return Prefix + name + "?v=" + h
}

// Stylesheet returns the application's stylesheet, which standalone
// diagrams (the SVG export) carry inside them.
func Stylesheet() []byte {
	b, err := files.ReadFile("css/app.css")
	if err != nil {
		panic("static: css/app.css is not embedded")
	}
	return b
}

// Size returns the size in bytes of an embedded file, or -1.
func (a *Assets) Size(name string) int {
	b, err := files.ReadFile(name)
	if err != nil {
		return -1
	}
	return len(b)
}

// ServeHTTP serves a file under Prefix. A request carrying the current hash
// may be cached forever; any other is revalidated.
func (a *Assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(path.Clean(r.URL.Path), Prefix)
	h, ok := a.hashes[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	b, _ := files.ReadFile(name)
	if r.URL.Query().Get("v") == h {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	w.Header().Set("ETag", `"`+h+`"`)
	if r.Header.Get("If-None-Match") == `"`+h+`"` {
		// Without a body and so without a type, which also keeps
		// compression from wrapping the empty answer.
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	w.Write(b)
}
