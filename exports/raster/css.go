package raster

import (
	"slices"
	"strings"
)

// The stylesheet the SVG carries is what colours and dashes it: the
// diagram's look lives in one place, archlab's CSS, and this file applies
// it the way a browser does for a still picture. Rules under @media are
// left out (the picture is the light theme at any size), and so are
// selectors that depend on interaction (:hover, :focus-visible, ...).

// stylesheet holds the rules, indexed by what their last compound
// selector names, so that an element is matched only against rules that
// could apply to it.
type stylesheet struct {
	rules   [][]declaration
	byClass map[string][]*selector
	byTag   map[string][]*selector
	byID    map[string][]*selector
	any     []*selector
}

type declaration struct{ name, value string }

// selector is a complex selector: compounds joined by combinators, read
// right to left when matching.
type selector struct {
	parts       []compound
	combinators []byte // combinators[i] joins parts[i] and parts[i+1]: ' ' or '>'
	specificity int
	rule        int // index in stylesheet.rules, which is also source order
}

type compound struct {
	tag     string // "" matches any element
	id      string
	classes []string
	root    bool
}

func parseStylesheet(src string) *stylesheet {
	ss := &stylesheet{byClass: map[string][]*selector{}, byTag: map[string][]*selector{}, byID: map[string][]*selector{}}
	src = stripComments(src)
	for {
		src = strings.TrimSpace(src)
		if src == "" {
			return ss
		}
		if src[0] == '@' {
			src = skipAtRule(src)
			continue
		}
		open := strings.IndexByte(src, '{')
		if open < 0 {
			return ss
		}
		closing := strings.IndexByte(src[open:], '}')
		if closing < 0 {
			return ss
		}
		prelude, body := src[:open], src[open+1:open+closing]
		src = src[open+closing+1:]
		rule := len(ss.rules)
		ss.rules = append(ss.rules, parseDeclarations(body))
		for _, text := range strings.Split(prelude, ",") {
			if sel, ok := parseSelector(text); ok {
				sel.rule = rule
				ss.index(sel)
			}
		}
	}
}

func (ss *stylesheet) index(sel *selector) {
	last := sel.parts[len(sel.parts)-1]
	switch {
	case last.id != "":
		ss.byID[last.id] = append(ss.byID[last.id], sel)
	case len(last.classes) > 0:
		ss.byClass[last.classes[0]] = append(ss.byClass[last.classes[0]], sel)
	case last.tag != "":
		ss.byTag[last.tag] = append(ss.byTag[last.tag], sel)
	default:
		ss.any = append(ss.any, sel)
	}
}

func stripComments(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "/*")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		j := strings.Index(s[i+2:], "*/")
		if j < 0 {
			return b.String()
		}
		s = s[i+2+j+2:]
	}
}

// skipAtRule drops an at-rule: a statement up to ';' or a block with its
// nested blocks.
func skipAtRule(s string) string {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ';':
			return s[i+1:]
		case '{':
			depth := 0
			for j := i; j < len(s); j++ {
				switch s[j] {
				case '{':
					depth++
				case '}':
					depth--
					if depth == 0 {
						return s[j+1:]
					}
				}
			}
			return ""
		}
	}
	return ""
}

func parseDeclarations(body string) []declaration {
	var out []declaration
	for _, d := range strings.Split(body, ";") {
		name, value, ok := strings.Cut(d, ":")
		if !ok {
			continue
		}
		name, value = strings.TrimSpace(name), strings.TrimSpace(value)
		if !strings.HasPrefix(name, "--") {
			name = strings.ToLower(name)
		}
		if name != "" && value != "" {
			out = append(out, declaration{name, value})
		}
	}
	return out
}

// parseSelector reads a selector of type, class and id selectors joined by
// descendant or child combinators, with :root. Anything else (other
// pseudo-classes, attributes, sibling combinators) can only match in a
// live page, and the selector is dropped.
func parseSelector(text string) (*selector, bool) {
	sel := &selector{}
	cur := compound{}
	empty := true
	pending := byte(0)
	flush := func() {
		if !empty {
			if len(sel.parts) > 0 {
				sel.combinators = append(sel.combinators, pending)
			}
			sel.parts = append(sel.parts, cur)
		}
		cur, empty, pending = compound{}, true, 0
	}
	s := strings.TrimSpace(text)
	if s == "" {
		return nil, false
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			if !empty {
				flush()
				pending = ' '
			}
			i++
		case c == '>':
			if !empty {
				flush()
			}
			if len(sel.parts) == 0 {
				return nil, false
			}
			pending = '>'
			i++
		case c == '.' || c == '#':
			name, n := ident(s[i+1:])
			if name == "" {
				return nil, false
			}
			if c == '.' {
				cur.classes = append(cur.classes, name)
				sel.specificity += 1_000
			} else {
				cur.id = name
				sel.specificity += 1_000_000
			}
			empty = false
			i += 1 + n
		case c == ':':
			name, n := ident(s[i+1:])
			if name != "root" {
				return nil, false
			}
			cur.root = true
			sel.specificity += 1_000
			empty = false
			i += 1 + n
		case c == '*':
			empty = false
			i++
		default:
			name, n := ident(s[i:])
			if name == "" || !empty {
				return nil, false
			}
			cur.tag = strings.ToLower(name)
			sel.specificity++
			empty = false
			i += n
		}
	}
	if empty {
		if pending != 0 || len(sel.parts) == 0 {
			return nil, false
		}
	} else {
		flush()
	}
	return sel, true
}

// ident reads a CSS identifier at the start of s.
func ident(s string) (string, int) {
	n := 0
	for n < len(s) {
		c := s[n]
		if c == '-' || c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80 {
			n++
			continue
		}
		break
	}
	return s[:n], n
}

// matches says whether the selector applies to e.
func (sel *selector) matches(e *element) bool {
	return sel.matchFrom(len(sel.parts)-1, e)
}

func (sel *selector) matchFrom(i int, e *element) bool {
	if !sel.parts[i].matches(e) {
		return false
	}
	if i == 0 {
		return true
	}
	if sel.combinators[i-1] == '>' {
		return e.parent != nil && sel.matchFrom(i-1, e.parent)
	}
	for a := e.parent; a != nil; a = a.parent {
		if sel.matchFrom(i-1, a) {
			return true
		}
	}
	return false
}

func (c compound) matches(e *element) bool {
	if c.tag != "" && c.tag != e.name || c.id != "" && c.id != e.attrs["id"] || c.root && e.parent != nil {
		return false
	}
	for _, class := range c.classes {
		if !e.hasClass(class) {
			return false
		}
	}
	return true
}

// matching lists the declarations that apply to e, in cascade order:
// lower specificity first, then source order.
func (ss *stylesheet) matching(e *element) []declaration {
	var found []*selector
	try := func(sels []*selector) {
		for _, s := range sels {
			// Each selector sits in one index list, so none is found twice.
			if s.matches(e) {
				found = append(found, s)
			}
		}
	}
	try(ss.any)
	try(ss.byTag[e.name])
	if id := e.attrs["id"]; id != "" {
		try(ss.byID[id])
	}
	for _, c := range e.classes {
		try(ss.byClass[c])
	}
	if len(found) == 0 {
		return nil
	}
	slices.SortStableFunc(found, func(a, b *selector) int {
		if a.specificity != b.specificity {
			return a.specificity - b.specificity
		}
		return a.rule - b.rule
	})
	var out []declaration
	for _, s := range found {
		out = append(out, ss.rules[s.rule]...)
	}
	return out
}
