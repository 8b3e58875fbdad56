package iac

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// parseJSON reads a template written in JSON, keeping the line and column of
// every value and key, with the same limits as YAML.
func parseJSON(data []byte) (*node, error) { return parseJSONFile(data, 0) }

// parseJSONFile is parseJSON for one of the files of an import.
func parseJSONFile(data []byte, file int) (*node, error) {
	p := &jsonParser{data: data, file: file, dec: json.NewDecoder(bytes.NewReader(data))}
	p.dec.UseNumber()
	for i, c := range data {
		if c == '\n' {
			p.lines = append(p.lines, i+1)
		}
	}
	n, err := p.value(0)
	if err != nil {
		return nil, err
	}
	if _, err := p.dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("malformed JSON: unexpected data after the template at %s", p.where(p.start()))
	}
	return n, nil
}

type jsonParser struct {
	data  []byte
	dec   *json.Decoder
	lines []int // offsets where lines 2, 3, ... start
	count int
	file  int
}

// start returns the offset of the next token: after the previous one,
// past blanks, commas and colons.
func (p *jsonParser) start() int {
	off := int(p.dec.InputOffset())
	for off < len(p.data) {
		switch p.data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
			continue
		}
		break
	}
	return off
}

func (p *jsonParser) posOf(off int) pos {
	line := sort.SearchInts(p.lines, off+1) // lines starting at or before off
	lineStart := 0
	if line > 0 {
		lineStart = p.lines[line-1]
	}
	return pos{line: line + 1, col: off - lineStart + 1, file: p.file}
}

func (p *jsonParser) where(off int) string {
	ps := p.posOf(off)
	return fmt.Sprintf("line %d, column %d", ps.line, ps.col)
}

func (p *jsonParser) token() (json.Token, pos, error) {
	off := p.start()
	t, err := p.dec.Token()
	if err != nil {
		var syn *json.SyntaxError
		switch {
		case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
			return nil, pos{}, fmt.Errorf("malformed JSON: the template ends early at %s", p.where(len(p.data)))
		case errors.As(err, &syn):
			return nil, pos{}, fmt.Errorf("malformed JSON at %s: %s", p.where(max(int(syn.Offset)-1, 0)), strings.TrimPrefix(syn.Error(), "json: "))
		}
		return nil, pos{}, fmt.Errorf("malformed JSON at %s: %v", p.where(off), err)
	}
	return t, p.posOf(off), nil
}

func (p *jsonParser) value(depth int) (*node, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("line %d: values are nested more than %d levels deep", p.posOf(p.start()).line, maxDepth)
	}
	p.count++
	if p.count > maxNodes {
		return nil, fmt.Errorf("the template holds more than %s values; archlab reads at most that many", groupDigits(maxNodes))
	}
	t, at, err := p.token()
	if err != nil {
		return nil, err
	}
	switch t := t.(type) {
	case json.Delim:
		switch t {
		case '{':
			n := &node{kind: mapNode, pos: at}
			seen := map[string]int{}
			for p.dec.More() {
				kt, kp, err := p.token()
				if err != nil {
					return nil, err
				}
				k, _ := kt.(string)
				if first, dup := seen[k]; dup {
					return nil, fmt.Errorf("line %d: key %q appears twice in this object (first on line %d)", kp.line, k, first)
				}
				seen[k] = kp.line
				v, err := p.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, k)
				n.vals = append(n.vals, v)
				n.keyPos = append(n.keyPos, kp)
			}
			if _, _, err := p.token(); err != nil { // }
				return nil, err
			}
			return n, nil
		case '[':
			n := &node{kind: seqNode, pos: at}
			for p.dec.More() {
				v, err := p.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.items = append(n.items, v)
			}
			if _, _, err := p.token(); err != nil { // ]
				return nil, err
			}
			return n, nil
		}
		return nil, fmt.Errorf("malformed JSON at line %d, column %d: unexpected %q", at.line, at.col, t)
	case string:
		return &node{kind: scalarNode, str: t, pos: at}, nil
	case json.Number:
		n := &node{kind: scalarNode, str: t.String(), typ: typeInt, pos: at}
		if strings.ContainsAny(n.str, ".eE") {
			n.typ = typeFloat
		}
		return n, nil
	case bool:
		s := "false"
		if t {
			s = "true"
		}
		return &node{kind: scalarNode, str: s, typ: typeBool, pos: at}, nil
	case nil:
		return &node{kind: nullNode, pos: at}, nil
	}
	return nil, fmt.Errorf("malformed JSON at line %d, column %d", at.line, at.col)
}
