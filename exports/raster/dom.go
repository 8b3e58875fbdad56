package raster

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// element is one SVG element as read: its name, attributes, children and
// the text it holds (of <text> and <style>).
type element struct {
	name     string
	attrs    map[string]string
	classes  []string
	parent   *element
	children []*element
	text     strings.Builder
	style    *computed // set while painting
}

func (e *element) attr(name string) string { return e.attrs[name] }

func (e *element) hasClass(c string) bool {
	for _, have := range e.classes {
		if have == c {
			return true
		}
	}
	return false
}

// maxDepth bounds nesting; the diagram nests a handful of levels.
const maxDepth = 64

// document is a parsed SVG: its root, elements by id, and the text of its
// <style> elements.
type document struct {
	root  *element
	byID  map[string]*element
	style strings.Builder
}

// parse reads an SVG document.
func parse(svg []byte) (*document, error) {
	doc := &document{byID: map[string]*element{}}
	dec := xml.NewDecoder(bytes.NewReader(svg))
	var cur *element
	depth := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("svg: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > maxDepth {
				return nil, fmt.Errorf("svg: elements nest deeper than %d", maxDepth)
			}
			e := &element{name: t.Name.Local, attrs: make(map[string]string, len(t.Attr)), parent: cur}
			for _, a := range t.Attr {
				// xlink:href and href both name what <use> draws.
				e.attrs[a.Name.Local] = a.Value
			}
			e.classes = strings.Fields(e.attrs["class"])
			if id := e.attrs["id"]; id != "" {
				doc.byID[id] = e
			}
			if cur == nil {
				if doc.root != nil {
					return nil, errors.New("svg: more than one root element")
				}
				doc.root = e
			} else {
				cur.children = append(cur.children, e)
			}
			cur = e
		case xml.EndElement:
			depth--
			if cur != nil {
				cur = cur.parent
			}
		case xml.CharData:
			if cur == nil {
				continue
			}
			if cur.name == "style" {
				doc.style.Write(t)
			} else {
				cur.text.Write(t)
			}
		}
	}
	if doc.root == nil || doc.root.name != "svg" {
		return nil, errors.New("svg: the document has no <svg> root")
	}
	return doc, nil
}
