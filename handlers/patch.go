package handlers

import (
	"bytes"
	"context"
	"io"
	"regexp"

	"github.com/a-h/templ"

	"github.com/archlab/archlab/design"
)

// A drag answers only what it changed in the diagram: the elements (blocks,
// connections, group boxes) whose rendering differs between the version the
// editor shows and the new one, found by comparing the two versions' kept
// diagrams element by element. On a 500-block design that is a few KB where
// the whole diagram is 0.8 MB. When anything else in the drawing differs
// (an element added, removed or reordered, other markers), the answer is
// the whole diagram, as for any other edit.

// viewBoxes are the root's attributes that follow the drawing's bounds.
var viewBoxes = regexp.MustCompile(` (?:data-viewbox|viewBox)="[^"]*"`)

// keyedStart finds the start of a keyed element of the diagram.
var keyedStart = regexp.MustCompile(`<g [^>]*?data-(?:block|connection|group)-id="([^"]*)"`)

// keyed is a diagram split into its keyed elements and what lies around
// them (the frame, each element replaced by its key).
type keyed struct {
	root  []byte // the <svg …> tag: its viewBox follows the drawing's bounds
	frame []byte
	keys  []string
	elems [][]byte
}

// splitDiagram splits a rendered diagram. ok is false when its shape is
// not the one expected (then nothing is patched).
func splitDiagram(html []byte) (k keyed, ok bool) {
	end := bytes.IndexByte(html, '>')
	if !bytes.HasPrefix(html, []byte("<svg")) || end < 0 {
		return k, false
	}
	k.root = html[:end+1]
	rest := html[end+1:]
	var frame bytes.Buffer
	for {
		loc := keyedStart.FindSubmatchIndex(rest)
		if loc == nil {
			frame.Write(rest)
			break
		}
		close := closeOfG(rest[loc[0]:])
		if close < 0 {
			return k, false
		}
		frame.Write(rest[:loc[0]])
		key := string(rest[loc[2]:loc[3]])
		frame.WriteString("\x00" + key + "\x00")
		k.keys = append(k.keys, key)
		k.elems = append(k.elems, rest[loc[0]:loc[0]+close])
		rest = rest[loc[0]+close:]
	}
	k.frame = frame.Bytes()
	return k, true
}

// closeOfG returns the length of the <g> element s starts with, its own
// closing tag included, or -1.
func closeOfG(s []byte) int {
	depth := 0
	for i := 0; i < len(s); {
		j := bytes.IndexByte(s[i:], '<')
		if j < 0 {
			return -1
		}
		i += j
		switch {
		case bytes.HasPrefix(s[i:], []byte("</g>")):
			depth--
			i += 4
			if depth == 0 {
				return i
			}
		case bytes.HasPrefix(s[i:], []byte("<g ")), bytes.HasPrefix(s[i:], []byte("<g>")):
			depth++
			i += 2
		default:
			i++
		}
	}
	return -1
}

// diagramPatch returns the root tag of the new diagram and its elements
// that differ from the old one's, or ok false when only the whole diagram
// will do.
func diagramPatch(old, cur []byte) (root []byte, changed [][]byte, ok bool) {
	a, okA := splitDiagram(old)
	b, okB := splitDiagram(cur)
	if !okA || !okB || !bytes.Equal(a.frame, b.frame) {
		return nil, nil, false
	}
	for i := range b.elems {
		if !bytes.Equal(a.elems[i], b.elems[i]) {
			changed = append(changed, b.elems[i])
		}
	}
	return b.root, changed, true
}

// patchOf renders what changed in the editor's diagram from one version to
// the next: a <template id="diagram-patch"> holding an <svg> (so that its
// elements parse as SVG) with the new root's attributes and the changed
// elements, which the editor's script puts in place of their namesakes.
// It returns nil when the whole diagram must go.
func (h *Handler) patchOf(old, cur *design.Design) templ.Component {
	a, err := h.diagram(old, false)
	if err != nil {
		return nil
	}
	b, err := h.diagram(cur, false)
	if err != nil {
		return nil
	}
	html, ok := patchHTML(a.html, b.html)
	if !ok {
		return nil
	}
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		_, err := w.Write(html)
		return err
	})
}

// patchHTML is the <template id="diagram-patch"> that turns the old
// diagram into the new one, or ok false.
func patchHTML(old, cur []byte) ([]byte, bool) {
	root, changed, ok := diagramPatch(old, cur)
	// The editor takes only the drawing's bounds from the new root: any
	// other change of it (the title it is labelled with) needs the whole.
	if !ok || !bytes.Equal(viewBoxes.ReplaceAll(root, nil), viewBoxes.ReplaceAll(old[:bytes.IndexByte(old, '>')+1], nil)) {
		return nil, false
	}
	var out bytes.Buffer
	out.WriteString(`<template id="diagram-patch">`)
	out.Write(root)
	for _, e := range changed {
		out.Write(e)
	}
	out.WriteString(`</svg></template>`)
	return out.Bytes(), true
}
