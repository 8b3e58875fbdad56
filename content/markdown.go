package content

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"go.yaml.in/yaml/v3"
)

// markdown is goldmark with GitHub-flavoured Markdown and heading anchors.
// Raw HTML is never rendered: the tree has no node for it.
var markdown = goldmark.New(
	goldmark.WithExtensions(extension.GFM),
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
)

// frontMatter splits "---\nyaml\n---\nbody" and decodes the YAML into v.
func frontMatter(src []byte, v any) ([]byte, error) {
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return src, nil
	}
	end := bytes.Index(src[4:], []byte("\n---\n"))
	if end < 0 {
		return nil, fmt.Errorf("front matter has no closing ---")
	}
	dec := yaml.NewDecoder(bytes.NewReader(src[4 : 4+end]))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		return nil, fmt.Errorf("front matter: %w", err)
	}
	return src[4+end+5:], nil
}

// directive is a line such as ":::catalogue sqs" that the app replaces with
// generated content.
var directive = regexp.MustCompile(`^:::([a-z]+) ([a-z0-9-]+)[ \t]*$`)

// markDirectives replaces each directive line with a marker the converter
// finds after parsing. Only lines that start with ":::" go through the
// regexp: run over a whole page in multi-line mode it tried a match at
// every byte, a sixth of the knowledge base's load.
func markDirectives(src []byte) []byte {
	if !bytes.Contains(src, []byte(":::")) {
		return src
	}
	out := make([]byte, 0, len(src))
	for len(src) > 0 {
		line, rest, found := bytes.Cut(src, []byte("\n"))
		if sub := directive.FindSubmatch(line); bytes.HasPrefix(line, []byte(":::")) && sub != nil {
			line = []byte("ARCHLAB-DIRECTIVE " + string(sub[1]) + " " + string(sub[2]))
		}
		out = append(out, line...)
		if found {
			out = append(out, '\n')
		}
		src = rest
	}
	return out
}

// parse turns Markdown into the document tree and its table of contents.
// expand replaces a directive with generated nodes.
func parse(src []byte, expand func(name, arg string) ([]*Node, error)) (*Node, []Heading, error) {
	// Directives stand alone in their paragraph; mark them so that the
	// converter can find them after parsing.
	var errs []string
	src = markDirectives(src)
	root := markdown.Parser().Parse(text.NewReader(src))
	c := &converter{src: src, expand: expand}
	doc := c.node(root)
	if c.err != nil {
		errs = append(errs, c.err.Error())
	}
	if len(errs) > 0 {
		return nil, nil, fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return doc, c.toc, nil
}

type converter struct {
	src []byte
	// rawAsText shows raw HTML as the text it is, for comments, where
	// dropping what a person wrote would hide it; articles drop it.
	rawAsText bool
	expand    func(name, arg string) ([]*Node, error)
	toc       []Heading
	err       error
}

func (c *converter) children(n ast.Node) []*Node {
	var out []*Node
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if p, ok := ch.(*ast.Paragraph); ok {
			if nodes, ok := c.directive(p); ok {
				out = append(out, nodes...)
				continue
			}
		}
		if node := c.node(ch); node != nil {
			out = append(out, node)
		}
	}
	return out
}

// directive expands a paragraph that holds only a directive marker.
func (c *converter) directive(p *ast.Paragraph) ([]*Node, bool) {
	line := strings.TrimSpace(string(p.Lines().Value(c.src)))
	if !strings.HasPrefix(line, "ARCHLAB-DIRECTIVE ") {
		return nil, false
	}
	parts := strings.Fields(line)
	if len(parts) != 3 || c.expand == nil {
		c.err = fmt.Errorf("unknown directive %q", line)
		return nil, true
	}
	nodes, err := c.expand(parts[1], parts[2])
	if err != nil {
		c.err = err
	}
	return nodes, true
}

func (c *converter) node(n ast.Node) *Node {
	switch n := n.(type) {
	case *ast.Document:
		return &Node{Kind: KindDocument, Children: c.children(n)}
	case *ast.Paragraph:
		return &Node{Kind: KindParagraph, Children: c.children(n)}
	case *ast.TextBlock:
		return &Node{Kind: KindParagraph, Children: c.children(n)}
	case *ast.Heading:
		h := &Node{Kind: KindHeading, Level: n.Level, Children: c.children(n)}
		if id, ok := n.AttributeString("id"); ok {
			if b, ok := id.([]byte); ok {
				h.ID = string(b)
			}
		}
		if n.Level >= 2 && n.Level <= 3 {
			c.toc = append(c.toc, Heading{Level: n.Level, ID: h.ID, Text: strings.TrimSpace(h.text())})
		}
		return h
	case *ast.Text:
		t := &Node{Kind: KindText, Text: string(n.Segment.Value(c.src))}
		switch {
		case n.HardLineBreak():
			return &Node{Kind: KindText, Children: []*Node{t, {Kind: KindBreak}}}
		case n.SoftLineBreak():
			t.Text += " "
		}
		return t
	case *ast.String:
		return &Node{Kind: KindText, Text: string(n.Value)}
	case *ast.Emphasis:
		return &Node{Kind: KindEmphasis, Level: n.Level, Children: c.children(n)}
	case *ast.CodeSpan:
		var b strings.Builder
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			if t, ok := ch.(*ast.Text); ok {
				b.Write(t.Segment.Value(c.src))
			}
		}
		return &Node{Kind: KindCode, Text: b.String()}
	case *ast.Link:
		return &Node{Kind: KindLink, Href: string(n.Destination), Children: c.children(n)}
	case *ast.AutoLink:
		url := string(n.URL(c.src))
		return &Node{Kind: KindLink, Href: url, Children: []*Node{{Kind: KindText, Text: string(n.Label(c.src))}}}
	case *ast.Image:
		return &Node{Kind: KindLink, Href: string(n.Destination), Children: c.children(n)}
	case *ast.List:
		return &Node{Kind: KindList, Ordered: n.IsOrdered(), Start: n.Start, Children: c.children(n)}
	case *ast.ListItem:
		return &Node{Kind: KindItem, Children: c.children(n)}
	case *ast.Blockquote:
		return &Node{Kind: KindQuote, Children: c.children(n)}
	case *ast.ThematicBreak:
		return &Node{Kind: KindRule}
	case *ast.FencedCodeBlock:
		code := c.lines(n)
		lang := string(n.Language(c.src))
		return &Node{Kind: KindCodeBlock, Text: code, Lang: lang, Tokens: highlight(lang, code)}
	case *ast.CodeBlock:
		return &Node{Kind: KindCodeBlock, Text: c.lines(n)}
	case *extast.Table:
		t := &Node{Kind: KindTable}
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			row := &Node{Kind: KindRow}
			_, header := ch.(*extast.TableHeader)
			row.Header = header
			for cell := ch.FirstChild(); cell != nil; cell = cell.NextSibling() {
				tc := cell.(*extast.TableCell)
				row.Children = append(row.Children, &Node{Kind: KindCell, Header: header, Align: alignment(tc.Alignment), Children: c.children(tc)})
			}
			t.Children = append(t.Children, row)
		}
		return t
	case *extast.Strikethrough:
		return &Node{Kind: KindStrike, Children: c.children(n)}
	case *extast.TaskCheckBox:
		return &Node{Kind: KindTask, Checked: n.IsChecked}
	case *ast.HTMLBlock:
		if c.rawAsText {
			return &Node{Kind: KindParagraph, Children: []*Node{{Kind: KindText, Text: c.lines(n) + htmlClosure(n, c.src)}}}
		}
		return nil // raw HTML is off
	case *ast.RawHTML:
		if c.rawAsText {
			var b strings.Builder
			for i := 0; i < n.Segments.Len(); i++ {
				seg := n.Segments.At(i)
				b.Write(seg.Value(c.src))
			}
			return &Node{Kind: KindText, Text: b.String()}
		}
		return nil
	}
	// Anything else keeps its children.
	return &Node{Kind: KindParagraph, Children: c.children(n)}
}

func (c *converter) lines(n ast.Node) string {
	var b strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(c.src))
	}
	return strings.TrimRight(b.String(), "\n")
}

func alignment(a extast.Alignment) string {
	switch a {
	case extast.AlignLeft:
		return "left"
	case extast.AlignCenter:
		return "center"
	case extast.AlignRight:
		return "right"
	}
	return ""
}

// htmlClosure is the closing line of an HTML block, which goldmark keeps
// apart from its lines.
func htmlClosure(n *ast.HTMLBlock, src []byte) string {
	if !n.HasClosure() {
		return ""
	}
	return "\n" + strings.TrimRight(string(n.ClosureLine.Value(src)), "\n")
}
