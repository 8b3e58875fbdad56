package components

import (
	"bytes"
	"context"
	"io"

	"github.com/a-h/templ"

	"github.com/archlab/archlab/content"
)

// Prerender renders a document once, through templ and its escaping, and
// returns a component that writes the result. Articles are rendered at
// start, not per request; the bytes come only from templ.
func Prerender(n *content.Node) (templ.Component, error) {
	var buf bytes.Buffer
	if err := Markdown(n).Render(context.Background(), &buf); err != nil {
		return nil, err
	}
	out := buf.Bytes()
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		_, err := w.Write(out)
		return err
	}), nil
}
