package content

import "strings"

// Node is one element of a rendered document. Markdown is parsed once at
// start into this small tree, and web/components renders it through templ,
// so that every character of an article is escaped like everything else.
type Node struct {
	Kind     Kind
	Text     string // text, code, or an image's description
	Level    int    // heading level; 1 for emphasis, 2 for strong
	ID       string // heading anchor
	Href     string // link target
	Lang     string // code block language
	Ordered  bool   // list
	Start    int    // first number of an ordered list
	Align    string // table cell: left, center, right
	Header   bool   // table header row or cell
	Checked  bool   // task list item
	Tokens   []Token
	Children []*Node
}

// Kind is the kind of a node.
type Kind int

// The node kinds.
const (
	KindDocument Kind = iota
	KindParagraph
	KindHeading
	KindText
	KindBreak
	KindEmphasis
	KindCode
	KindCodeBlock
	KindLink
	KindList
	KindItem
	KindQuote
	KindRule
	KindTable
	KindRow
	KindCell
	KindStrike
	KindTask
	// KindMention is "@name" in a comment; Text is the name.
	KindMention
)

// Token is a highlighted piece of a code block: Class is a chroma token
// class such as "k" (keyword) or "s" (string).
type Token struct {
	Class string
	Text  string
}

// Heading is an entry of an article's table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// text returns the plain text of a node and its children, for search and
// for headings.
func (n *Node) text() string {
	if n == nil {
		return ""
	}
	switch n.Kind {
	case KindText, KindCode:
		return n.Text
	case KindBreak:
		return " "
	case KindCodeBlock:
		return n.Text + "\n"
	}
	s := ""
	for _, c := range n.Children {
		s += c.text()
	}
	switch n.Kind {
	case KindParagraph, KindHeading, KindItem, KindCell, KindRow, KindQuote:
		s += "\n"
	}
	return s
}

// SplitBefore splits a document at its level-2 heading with the given
// text: the part before it and the part from it on (nil when there is no
// such heading). Rule pages put their generated example in between.
func (n *Node) SplitBefore(heading string) (*Node, *Node) {
	for i, c := range n.Children {
		if c.Kind == KindHeading && c.Level == 2 && strings.TrimSpace(c.text()) == heading {
			before := &Node{Kind: n.Kind, Children: n.Children[:i:i]}
			after := &Node{Kind: n.Kind, Children: n.Children[i:]}
			return before, after
		}
	}
	return n, nil
}
