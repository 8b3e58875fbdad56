package handlers_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/handlers"
	"github.com/archlab/archlab/internal/apptest"
	"github.com/archlab/archlab/store/sqlite"
)

// limitedServer is archlab over a store whose designs are bounded by l.
func limitedServer(t *testing.T, l design.Limits) *server {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "archlab.db"), design.Builtin().WithLimits(l))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &server{Server: apptest.Server(t, st, handlers.Options{MaxBody: 4 << 20}), store: st}
}

// A design cannot grow past the limits, in one request or in many: 422
// for too many blocks or connections, 413 for too many bytes, each naming
// the limit and its value. Forty requests of 0.9 MB built a 36 MB design
// before.
func TestDesignsAreBounded(t *testing.T) {
	s := limitedServer(t, design.Limits{MaxDesignBytes: 64 << 10, MaxBlocks: 4, MaxConnections: 1})
	c := s.mustCreate(t, ordersDoc)
	auth := map[string]string{"Authorization": "Bearer " + c.EditKey}
	opsPath := "/api/v1/designs/" + c.ID + "/ops"
	blocks := func(n int) string {
		var b []string
		for i := range n {
			b = append(b, fmt.Sprintf(`{"id":"Q%d","kind":"sqs"}`, i))
		}
		return `{"format":"archlab/v1","blocks":[` + strings.Join(b, ",") + `]}`
	}
	policies := func(id string, kb int) string {
		return `{"op":"updateBlock","id":"` + id + `","props":{"Policies":[{"Sid":"` + strings.Repeat("s", kb<<10) + `"}]}}`
	}
	s.checkBad(t, []badCase{
		{"too many blocks", "POST", "/api/v1/designs", blocks(5), nil, 422, "invalid", "blocks", "a design holds at most 4 blocks; this one would have 5"},
		{"one block too many", "POST", opsPath, `{"baseVersion":1,"ops":[{"op":"addBlock","block":{"id":"A","kind":"sqs"}},{"op":"addBlock","block":{"id":"B","kind":"sqs"}}]}`, auth, 422, "invalid", "ops[1].block", "a design holds at most 4 blocks"},
		{"one connection too many", "POST", opsPath, `{"baseVersion":1,"ops":[{"op":"connect","connection":{"from":"OrdersApi","to":"Worker","integration":"invoke"}}]}`, auth, 422, "invalid", "ops[0].connection", "a design holds at most 1 connections"},
		{"too many bytes at once", "POST", opsPath, `{"baseVersion":1,"ops":[` + policies("Worker", 70) + `]}`, auth, 413, "too_large", "", "a design holds at most 65,536 bytes"},
		{"too many blocks replaced", "POST", opsPath, `{"baseVersion":1,"ops":[{"op":"replace","design":` + blocks(5) + `}]}`, auth, 422, "invalid", "ops[0].design.blocks", "at most 4 blocks"},
	})
	// Request by request, under the body limit each time.
	if r := s.ops(t, c, `{"baseVersion":1,"ops":[`+policies("Worker", 40)+`]}`); r.status != 200 {
		t.Fatalf("the first half: %d %s", r.status, r.body)
	}
	r := s.ops(t, c, `{"baseVersion":2,"ops":[{"op":"addBlock","block":{"id":"F","kind":"lambda"}},`+policies("F", 40)+`]}`)
	if r.status != http.StatusRequestEntityTooLarge || !strings.Contains(r.errorOf(t)["message"].(string), "at most 65,536 bytes") {
		t.Fatalf("the second half: %d %s", r.status, r.body)
	}
	if d := s.stored(t, c.ID); d.Version != 2 || len(d.Blocks) != 3 {
		t.Fatalf("a refused request changed the design: version %d, %d blocks", d.Version, len(d.Blocks))
	}
}

// An import is held to the same limits as the design it makes: a few
// hundred bytes of YAML aliases expand into a large design.
func TestImportedDesignsAreBounded(t *testing.T) {
	s := limitedServer(t, design.Limits{MaxDesignBytes: 64 << 10})
	yaml := `Transform: AWS::Serverless-2016-10-31
Resources:
  F1:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: .
      Environment:
        Variables: &v {A: &a [` + strings.Repeat(`"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",`, 9) + `"x"], B: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a], C: [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]}
  F2: {Type: AWS::Serverless::Function, Properties: {Runtime: python3.12, Handler: app.handler, CodeUri: ., Environment: {Variables: *v}}}
  F3: {Type: AWS::Serverless::Function, Properties: {Runtime: python3.12, Handler: app.handler, CodeUri: ., Environment: {Variables: *v}}}
`
	if len(yaml) > 2048 {
		t.Fatalf("the template is %d bytes", len(yaml))
	}
	r := s.do(t, "POST", "/import", url.Values{"source": {yaml}}.Encode(), map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	if r.status != http.StatusRequestEntityTooLarge || !strings.Contains(string(r.body), "at most 65,536 bytes") {
		t.Fatalf("import: %d %.2000s", r.status, r.body)
	}
}

// The defaults fit a very large real architecture: 5,000 blocks of the
// example templates' kinds and properties, with their connections.
func TestDefaultLimitsFitARealisticDesign(t *testing.T) {
	cat := design.Builtin()
	d := apptest.RealisticDesign(t, cat, design.DefaultLimits.MaxBlocks)
	if err := d.Validate(cat); err != nil {
		t.Fatal(err)
	}
	b, err := cat.CheckLimits(d)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d blocks and %d connections take %d bytes", len(d.Blocks), len(d.Connections), len(b))
	if len(b) > design.DefaultLimits.MaxDesignBytes/2 {
		t.Errorf("%d bytes leave too little room under %d for a kept template", len(b), design.DefaultLimits.MaxDesignBytes)
	}
}

// Every design the API accepts at the bounds exports in every text
// format: SAM answered 400 "malformed" for designs it had accepted.
func TestDesignsAtTheBoundsExport(t *testing.T) {
	s := mustServer(t, handlers.Options{MaxBody: 4 << 20})
	cat := design.Builtin()
	deep := any("x")
	for range design.MaxValueDepth - 2 { // in a list of objects: 32 levels
		deep = []any{deep}
	}
	wide := map[string]any{}
	for i := range design.MaxValueEntries {
		wide[fmt.Sprintf("VAR_%d", i)] = strings.Repeat("v", design.MaxValueBytes/design.MaxValueEntries-20)
	}
	// The worst shape for a YAML writer: 800,000 numbers as deep as a
	// value may go, which block style would write thirty times its size.
	numbers := make([]any, design.MaxValueEntries)
	for i := range numbers {
		numbers[i] = 1
	}
	var comb any = []any{}
	lists := make([]any, 400)
	for i := range lists {
		lists[i] = numbers
	}
	comb = lists
	for range design.MaxValueDepth - 4 {
		comb = []any{comb}
	}
	valued := &design.Design{Title: "At the value bounds", Blocks: []design.Block{
		{ID: "Deep", Kind: "lambda", Props: design.Props{"Policies": []any{map[string]any{"Statement": deep}}}},
		{ID: "Wide", Kind: "lambda", Props: design.Props{"Environment.Variables": wide}},
		{ID: "Comb", Kind: "lambda", Props: design.Props{"Policies": []any{map[string]any{"Statement": comb}}}},
	}}
	if err := valued.Validate(cat); err != nil {
		t.Fatalf("the value bounds themselves are refused: %v", err)
	}
	large := apptest.RealisticDesign(t, cat, design.DefaultLimits.MaxBlocks)
	for _, d := range []*design.Design{valued, large} {
		body, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		var c created
		if r := s.do(t, "POST", "/api/v1/designs", string(body), nil); r.status != http.StatusCreated {
			t.Fatalf("%s: create: %d %.300s", d.Title, r.status, r.body)
		} else if err := json.Unmarshal(r.body, &c); err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{"sam", "json", "mermaid", "svg"} {
			r := s.do(t, "GET", "/v/"+c.ID+"/export/"+f, "", nil)
			if r.status != 200 {
				t.Errorf("%s: export %s: %d %.300s", d.Title, f, r.status, r.body)
			}
			// Each format writes a value about as large as it is.
			if len(r.body) > 4*len(body)+(1<<20) {
				t.Errorf("%s: export %s is %d bytes for a design of %d", d.Title, f, len(r.body), len(body))
			}
		}
	}
}
