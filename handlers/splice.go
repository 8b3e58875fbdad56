package handlers

import (
	"bytes"
	"compress/flate"
	"context"
	"encoding/binary"
	"hash/crc32"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"

	templruntime "github.com/a-h/templ/runtime"
)

// A piece is HTML rendered once (a region of one version of a design),
// kept with its raw DEFLATE compression. The compression ends with a sync
// flush and no final block, so it can stand anywhere in a DEFLATE stream:
// a page that holds the piece is compressed around it, never through it.
type piece struct {
	html    []byte
	deflate []byte
	crc     uint32   // CRC-32 of html
	shift   crcShift // advances a CRC over len(html) bytes (crcshift.go)
}

// Pieces are compressed at level 3, as every other answer (routes.go), once
// per version. What a request adds around them (its shell, status and
// inspector: a few small segments) is compressed at BestSpeed, whose reset
// is cheap: a level-3 compressor clears 512 KB of tables at each reset,
// which cost more than the rest of the page.
var (
	kept  = sync.Pool{New: func() any { w, _ := flate.NewWriter(nil, 3); return w }}
	quick = sync.Pool{New: func() any { w, _ := flate.NewWriter(nil, flate.BestSpeed); return w }}
)

// deflateTo appends the raw DEFLATE of p to out, sync-flushed; final ends
// the stream there.
func deflateTo(pool *sync.Pool, out *bytes.Buffer, p []byte, final bool) {
	fw := pool.Get().(*flate.Writer)
	fw.Reset(out)
	fw.Write(p) // a bytes.Buffer takes every write
	if final {
		fw.Close()
	} else {
		fw.Flush()
	}
	pool.Put(fw)
}

func newPiece(html []byte) *piece {
	var d bytes.Buffer
	deflateTo(&kept, &d, html, false)
	return &piece{html: html, deflate: d.Bytes(), crc: crc32.ChecksumIEEE(html), shift: shiftOver(len(html))}
}

// finalBlock ends a DEFLATE stream after a sync flush: what a fresh
// compressor writes when closed with nothing written.
var finalBlock = func() []byte {
	var b bytes.Buffer
	deflateTo(&quick, &b, nil, true)
	return b.Bytes()
}()

// The parts of an answer rendered per request (the shell around the kept
// regions, the status, the inspector) are mostly the same from one
// request to the next: every editor of a version opens the same page. So
// their compression is kept too, by their exact bytes, in a bounded
// memo: an answer is compressed once, and its next requests only copy.
var fresh = struct {
	sync.Mutex
	size int
	m    map[string][]byte
}{m: map[string][]byte{}}

// freshMemoBytes bounds the memo: past it, it starts again empty.
const freshMemoBytes = 8 << 20

// deflateFresh returns the sync-flushed DEFLATE of a segment rendered for
// a request, from the memo when it was compressed before.
func deflateFresh(html []byte) []byte {
	fresh.Lock()
	d, ok := fresh.m[string(html)]
	fresh.Unlock()
	if ok {
		return d
	}
	var b bytes.Buffer
	deflateTo(&quick, &b, html, false)
	d = b.Bytes()
	fresh.Lock()
	if fresh.size+len(html)+len(d) > freshMemoBytes {
		clear(fresh.m)
		fresh.size = 0
	}
	fresh.m[string(html)] = d
	fresh.size += len(html) + len(d)
	fresh.Unlock()
	return d
}

// Render writes the piece. Inside a splice it becomes a segment of its
// own, so that a compressed answer uses the kept compression; anywhere
// else it is just its HTML.
func (p *piece) Render(_ context.Context, w io.Writer) error {
	if b, ok := w.(*templruntime.Buffer); ok {
		// templ buffers what it writes: put that out first, in order.
		if err := b.Flush(); err != nil {
			return err
		}
		w = b.Underlying
	}
	if s, ok := w.(*splice); ok {
		s.add(p)
		return nil
	}
	_, err := w.Write(p.html)
	return err
}

// A splice collects an answer as a run of segments: what was rendered for
// this request and pieces rendered before.
type splice struct {
	segs   []segment
	pieces bool // whether any segment is a piece
}

type segment struct {
	html []byte
	p    *piece
}

func (s *splice) Write(b []byte) (int, error) {
	if n := len(s.segs); n > 0 && s.segs[n-1].p == nil {
		s.segs[n-1].html = append(s.segs[n-1].html, b...)
	} else {
		s.segs = append(s.segs, segment{html: append([]byte(nil), b...)})
	}
	return len(b), nil
}

func (s *splice) add(p *piece) {
	s.segs = append(s.segs, segment{html: p.html, p: p})
	s.pieces = true
}

// bytes returns the whole answer uncompressed.
func (s *splice) bytes() []byte {
	n := 0
	for _, g := range s.segs {
		n += len(g.html)
	}
	out := make([]byte, 0, n)
	for _, g := range s.segs {
		out = append(out, g.html...)
	}
	return out
}

// gzip returns the answer as one gzip member: a header, the DEFLATE of
// each segment (a piece's kept one, a fresh segment's from the memo), a
// final empty block, and the CRC (a piece's kept one, combined) and length
// of all of it.
func (s *splice) gzip() []byte {
	return s.appendGzip(nil)
}

// answers are the buffers gzip answers are assembled in, reused: a
// 500-block page is 134 KB, which a new buffer clears and the GC sweeps
// on every request.
var answers = sync.Pool{New: func() any { return new([]byte) }}

// appendGzip appends the gzip member to out.
func (s *splice) appendGzip(out []byte) []byte {
	deflates := make([][]byte, len(s.segs))
	n := 10 + len(finalBlock) + 8
	for i, g := range s.segs {
		if g.p != nil {
			deflates[i] = g.p.deflate
		} else {
			deflates[i] = deflateFresh(g.html)
		}
		n += len(deflates[i])
	}
	out = slices.Grow(out, n)
	out = append(out, 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff)
	crc, size := uint32(0), 0
	for i, g := range s.segs {
		if g.p != nil {
			crc = g.p.shift.times(crc) ^ g.p.crc
		} else {
			crc = crc32.Update(crc, crc32.IEEETable, g.html)
		}
		size += len(g.html)
		out = append(out, deflates[i]...)
	}
	out = append(out, finalBlock...)
	out = binary.LittleEndian.AppendUint32(out, crc)
	out = binary.LittleEndian.AppendUint32(out, uint32(size))
	return out
}

// acceptsGzip reports whether the request's Accept-Encoding takes gzip
// (named, or by *, and not with q=0).
func acceptsGzip(r *http.Request) bool {
	var gz, star *bool
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(part, ";")
		ok := !zeroQ(params)
		switch strings.ToLower(strings.TrimSpace(name)) {
		case "gzip":
			gz = &ok
		case "*":
			star = &ok
		}
	}
	if gz != nil {
		return *gz
	}
	return star != nil && *star
}

// zeroQ reports whether an encoding's parameters give it q=0: not wanted.
func zeroQ(params string) bool {
	for _, p := range strings.Split(params, ";") {
		k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
		if strings.EqualFold(k, "q") {
			q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			return err == nil && q == 0
		}
	}
	return false
}

// writeSplice sends a spliced answer, compressed when the client takes
// gzip. It sets Content-Encoding itself, which the compression middleware
// leaves alone.
func writeSplice(w http.ResponseWriter, r *http.Request, status int, s *splice) {
	if acceptsGzip(r) {
		buf := answers.Get().(*[]byte)
		defer answers.Put(buf)
		*buf = s.appendGzip((*buf)[:0])
		writeBody(w, status, true, *buf)
		return
	}
	writeBody(w, status, false, s.bytes())
}

// writeBody sends a spliced answer's bytes, gzip or not.
func writeBody(w http.ResponseWriter, status int, gzip bool, b []byte) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Add("Vary", "Accept-Encoding")
	if gzip {
		w.Header().Set("Content-Encoding", "gzip")
	}
	// With its length said, the answer goes out in one write, not chunked.
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	w.Write(b)
}
