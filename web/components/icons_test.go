package components

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
)

// Every kind of the catalogue has its icon: a new service is one catalogue
// entry and one symbol here, or its blocks and palette entry show nothing.
func TestEveryKindHasAnIcon(t *testing.T) {
	var b bytes.Buffer
	if err := Icons().Render(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	for _, k := range design.Builtin().Kinds() {
		if !strings.Contains(b.String(), `id="icon-`+k.ID+`"`) {
			t.Errorf("kind %s has no icon: add a symbol icon-%s to icons.templ", k.ID, k.ID)
		}
	}
}

// archlab draws its own icons: the official AWS Architecture Icons may be
// used to draw diagrams, but their terms grant no right to redistribute
// them inside a product (see README.md). Each kind's drawing must then
// tell it apart: no two kinds share one.
func TestIconsAreDistinct(t *testing.T) {
	var b bytes.Buffer
	if err := Icons().Render(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for _, sym := range strings.Split(b.String(), "<symbol ")[1:] {
		id := sym[strings.Index(sym, `id="`)+4:]
		id = id[:strings.Index(id, `"`)]
		body := sym[strings.Index(sym, ">")+1 : strings.Index(sym, "</symbol>")]
		if other, ok := seen[body]; ok {
			t.Errorf("%s and %s draw the same icon", other, id)
		}
		seen[body] = id
		if !strings.Contains(sym, `viewBox="0 0 24 24"`) {
			t.Errorf("%s is not drawn on the 24×24 grid every icon shares", id)
		}
	}
}
