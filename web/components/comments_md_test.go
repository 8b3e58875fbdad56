package components

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/archlab/archlab/content"
)

// A comment's Markdown renders inert: raw HTML shows as text, never markup, links only
// to http and https, images never loaded, mentions marked.
func TestCommentMarkdownIsInert(t *testing.T) {
	for _, tc := range []struct {
		src       string
		want      []string
		forbidden []string
	}{
		{`<script>alert(1)</script>`, []string{"&lt;script&gt;alert(1)&lt;/script&gt;"}, []string{"<script"}},
		{`hi <img src=x onerror=alert(1)> there`, []string{"hi &lt;img src=x onerror=alert(1)&gt; there"}, []string{"<img"}},
		{`[click](javascript:alert(1))`, []string{"click"}, []string{"javascript:", "<a"}},
		{`[x](JaVaScRiPt:alert(1)) <javascript:alert(1)>`, []string{"x"}, []string{"<a", "href"}},
		{`[data](data:text/html;base64,PHNjcmlwdD4=)`, []string{"data"}, []string{"<a", "data:text"}},
		{`![pic](https://evil.example/p.png" onerror="alert(1))`, nil, []string{"<img", `onerror="`}},
		{`![pic](https://example.com/p.png)`, []string{`href="https://example.com/p.png"`, "pic"}, []string{"<img"}},
		{`see [docs](https://example.com/a?b=1&c=2) and https://aws.amazon.com/sqs/`, []string{`href="https://example.com/a?b=1&amp;c=2"`, `href="https://aws.amazon.com/sqs/"`, `rel="noopener noreferrer"`}, nil},
		{`[rel](/d/secret)`, []string{"rel"}, []string{"<a"}},
		{"# Big\n**bold** and `code <b>`", []string{"<strong>Big</strong>", "<strong>bold</strong>", "<code>code &lt;b&gt;</code>"}, []string{"<h", "<b>"}},
		{`@Bob, mail bob@example.com or @alice.`, []string{`<span class="mention">@Bob</span>`, `<span class="mention">@alice</span>`, "bob@example.com"}, []string{`mention">@example`}},
		{"<div onclick=\"x()\">a</div>\n\n<iframe src=//evil>", []string{"&lt;div onclick=", "&lt;iframe"}, []string{"<div", "<iframe"}},
	} {
		var b bytes.Buffer
		if err := Markdown(content.Comment(tc.src)).Render(context.Background(), &b); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("%q rendered %q; want it to hold %q", tc.src, out, w)
			}
		}
		for _, f := range tc.forbidden {
			if strings.Contains(out, f) {
				t.Errorf("%q rendered %q; it holds %q", tc.src, out, f)
			}
		}
	}
	if got := content.Mentions("@Bob and @alice, again @Bob; not a@b.c"); strings.Join(got, " ") != "Bob alice" {
		t.Errorf("mentions = %v; want Bob alice", got)
	}
}
