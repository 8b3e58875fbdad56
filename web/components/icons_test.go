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
