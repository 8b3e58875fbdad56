package iac

import (
	"bytes"
	"strings"
)

// YAML libraries drop blank lines, which people use to set resources and
// sections apart; keepBlankLines puts them back where the original had
// them: before a mapping key (and the comments right above it) that had a
// blank line before it, found by its path of keys. Keys inside lists are
// left as they come.
func keepBlankLines(original, out []byte) []byte {
	spaced, seen := map[string]bool{}, map[string]bool{}
	// siblings counts, per parent path, the keys under it and those set
	// apart, so that a key the export adds is spaced like its siblings.
	siblings := map[string][2]int{}
	blank, first := false, true
	walkKeys(original, func(path string, line []byte, isKey bool) {
		t := bytes.TrimSpace(line)
		switch {
		case len(t) == 0:
			blank = true
		case t[0] == '#':
			// a comment keeps the blank line above it for the key below
		default:
			if isKey {
				seen[path] = true
				parent := parentPath(path)
				n := siblings[parent]
				n[0]++
				if blank || first {
					n[1]++ // the first key of a document counts as set apart
				}
				siblings[parent] = n
				if blank {
					spaced[path] = true
				}
			}
			blank, first = false, false
		}
	})
	if len(spaced) == 0 {
		return out
	}
	apart := func(path string) bool {
		if seen[path] {
			return spaced[path]
		}
		n := siblings[parentPath(path)]
		return n[0] > 1 && 2*n[1] > n[0]
	}
	var lines [][]byte
	comments := 0 // comment lines right above the current line
	walkKeys(out, func(path string, line []byte, isKey bool) {
		t := bytes.TrimSpace(line)
		if len(t) > 0 && t[0] == '#' {
			comments++
			lines = append(lines, line)
			return
		}
		if isKey && apart(path) && len(lines) > 0 {
			at := len(lines) - comments
			if at > 0 && len(bytes.TrimSpace(lines[at-1])) > 0 {
				lines = append(lines[:at], append([][]byte{[]byte("\n")}, lines[at:]...)...)
			}
		}
		comments = 0
		lines = append(lines, line)
	})
	return bytes.Join(lines, nil)
}

// walkKeys calls fn for each line of a block-style YAML text with the path
// of keys that leads to it ("Resources/Queue/Properties") and whether the
// line holds a mapping key outside any list.
func walkKeys(text []byte, fn func(path string, line []byte, isKey bool)) {
	type level struct {
		indent int
		key    string
	}
	var stack []level
	inList := -1 // the indent of the list the current lines are in, -1 when none
	for line := range bytes.Lines(text) {
		t := bytes.TrimLeft(line, " ")
		indent := len(line) - len(t)
		content := bytes.TrimSpace(t)
		if len(content) == 0 || content[0] == '#' {
			fn("", line, false)
			continue
		}
		if inList >= 0 && indent <= inList && content[0] != '-' {
			inList = -1
		}
		for len(stack) > 0 && stack[len(stack)-1].indent >= indent {
			stack = stack[:len(stack)-1]
		}
		if content[0] == '-' {
			if inList < 0 || indent < inList {
				inList = indent
			}
			fn("", line, false)
			continue
		}
		key, _, ok := bytes.Cut(content, []byte(":"))
		if !ok || inList >= 0 || bytes.ContainsAny(key, "{[\"'") {
			fn("", line, false)
			continue
		}
		stack = append(stack, level{indent, string(key)})
		parts := make([]string, len(stack))
		for i, l := range stack {
			parts[i] = l.key
		}
		fn(strings.Join(parts, "/"), line, true)
	}
}

func parentPath(path string) string {
	i := strings.LastIndexByte(path, '/')
	if i < 0 {
		return ""
	}
	return path[:i]
}
