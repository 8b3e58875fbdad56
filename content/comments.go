package content

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// commentMarkdown is GitHub-flavoured Markdown for comments: bare URLs
// become links; raw HTML is never rendered, as in articles.
var commentMarkdown = goldmark.New(goldmark.WithExtensions(extension.GFM))

// mention is "@name" at the start of the text or after a character that
// cannot be part of a name or an address ("bob@example.com" mentions
// nobody).
var mention = regexp.MustCompile(`(?:^|[^\p{L}\p{N}_.@-])@([\p{L}\p{N}][\p{L}\p{N}_.-]{0,39})`)

// Comment parses a comment's Markdown into a tree that web/components
// renders escaped; raw HTML shows as the text it is. People's text may link only to http and https
// addresses: any other link (javascript:, data:, a relative path) is kept
// as its text alone, and images are links to their address, never loaded.
// Headings are bold paragraphs, and "@name" is a mention.
func Comment(src string) *Node {
	b := []byte(src)
	c := &converter{src: b, rawAsText: true}
	root := c.node(commentMarkdown.Parser().Parse(text.NewReader(b)))
	return tame(root)
}

// tame makes a parsed comment safe and plain: see Comment.
func tame(n *Node) *Node {
	for i, ch := range n.Children {
		n.Children[i] = tame(ch)
	}
	switch n.Kind {
	case KindHeading:
		return &Node{Kind: KindParagraph, Children: []*Node{{Kind: KindEmphasis, Level: 2, Children: n.Children}}}
	case KindLink:
		if !webURL(n.Href) {
			return &Node{Kind: KindText, Children: n.Children}
		}
	case KindText:
		if n.Text != "" && strings.Contains(n.Text, "@") {
			return &Node{Kind: KindText, Children: append(mentions(n.Text), n.Children...)}
		}
	}
	return n
}

// webURL reports whether href is an absolute http or https address.
func webURL(href string) bool {
	u, err := url.Parse(href)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// mentions splits text into plain text and mentions.
func mentions(s string) []*Node {
	var out []*Node
	for {
		m := mention.FindStringSubmatchIndex(s)
		if m == nil {
			break
		}
		name := strings.TrimRight(s[m[2]:m[3]], "._-")
		at := m[2] - 1 // the "@"
		if at > 0 {
			out = append(out, &Node{Kind: KindText, Text: s[:at]})
		}
		out = append(out, &Node{Kind: KindMention, Text: name})
		s = s[m[2]+len(name):]
	}
	if s != "" {
		out = append(out, &Node{Kind: KindText, Text: s})
	}
	return out
}

// Mentions returns the names a comment mentions, each once, in order.
func Mentions(src string) []string {
	var out []string
	seen := map[string]bool{}
	var walk func(n *Node)
	walk = func(n *Node) {
		if n.Kind == KindMention && !seen[n.Text] {
			seen[n.Text] = true
			out = append(out, n.Text)
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(Comment(src))
	return out
}
