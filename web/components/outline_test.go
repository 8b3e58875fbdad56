package components

import (
	"testing"

	"github.com/archlab/archlab/design"
)

// The outline names each connection's integration as the catalogue
// writes it: "HTTPS request", never "hTTPS request".
func TestOutlineKeepsIntegrationNames(t *testing.T) {
	d := &design.Design{
		Blocks:      []design.Block{{ID: "App", Kind: "client"}, {ID: "Api", Kind: "apigateway-http", Name: "Orders API"}},
		Connections: []design.Connection{{ID: "c1", From: "App", To: "Api", Integration: "request"}},
	}
	v := NewOutline(d, design.Builtin(), nil, false, false)
	if len(v.Items) == 0 || len(v.Items[0].Conns) != 1 {
		t.Fatalf("outline %+v", v.Items)
	}
	if got, want := v.Items[0].Conns[0].Text, "to Orders API (HTTPS request)"; got != want {
		t.Errorf("outline says %q, want %q", got, want)
	}
}
