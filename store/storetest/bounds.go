package storetest

import (
	"context"
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
)

// testBoundedText: control characters and unbounded values are refused by
// the domain on every backend alike (Postgres cannot store U+0000 at all,
// and answered 500 for it), and the text that may hold line breaks and
// tabs is stored and read back as it was.
func testBoundedText(t *testing.T, h Harness) {
	s := h.Open(t)
	ctx := context.Background()
	for _, d := range []*design.Design{
		{Title: "Orders\x00"},
		{Title: "Orders", Blocks: []design.Block{{ID: "Q", Kind: "sqs", Name: "queue\x00"}}},
		{Title: "Orders", Blocks: []design.Block{{ID: "Q", Kind: "sqs", Props: design.Props{"QueueName": "q\x00"}}}},
		{Title: "Orders", Blocks: []design.Block{{ID: "F", Kind: "lambda", Props: design.Props{"Policies": []any{map[string]any{"Action\x00": "s3:GetObject"}}}}}},
		{Title: "Orders", Source: &design.Source{Template: "Resources: {}\x00"}},
	} {
		if _, err := s.CreateDesign(ctx, d); design.ErrorCode(err) != design.EINVALID {
			t.Errorf("CreateDesign(%q, %v) = %v, want %s", d.Title, d.Blocks, err, design.EINVALID)
		}
	}
	c := MustCreate(t, s, ordersDoc)
	for _, ops := range []string{
		`[{"op":"setTitle","title":"a\u0000"}]`,
		`[{"op":"setDescription","description":"a\u0000"}]`,
		`[{"op":"updateBlock","id":"Worker","name":"\u0000"}]`,
		`[{"op":"updateBlock","id":"Worker","props":{"Policies":[{"Sid":"\u0000"}]}}]`,
		`[{"op":"updateBlock","id":"Worker","props":{"Policies":` + strings.Repeat("[", 33) + strings.Repeat("]", 33) + `}}]`,
	} {
		if _, err := s.ApplyOps(ctx, c.Design.ID, c.EditKey, design.Batch{BaseVersion: 1, Ops: MustOps(t, ops)}); design.ErrorCode(err) != design.EINVALID {
			t.Errorf("ApplyOps(%s) = %v, want %s", ops, err, design.EINVALID)
		}
	}
	// Line breaks and tabs where text may hold them, and the six
	// characters \u0000 in a template's text, are kept.
	ops := `[{"op":"setDescription","description":"one\n\ttwo\r\n"},
		{"op":"updateBlock","id":"Worker","props":{"Policies":[{"Sid":"a\nb"}]}}]`
	a, err := s.ApplyOps(ctx, c.Design.ID, c.EditKey, design.Batch{BaseVersion: 1, Ops: MustOps(t, ops)})
	if err != nil {
		t.Fatalf("ApplyOps: %v", err)
	}
	got, err := s.Design(ctx, c.Design.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != a.Design.Version || got.Description != "one\n\ttwo\r\n" || !design.Equal(got.Block("Worker").Props["Policies"], []any{map[string]any{"Sid": "a\nb"}}) {
		t.Fatalf("read back %q %v", got.Description, got.Block("Worker").Props["Policies"])
	}
	tmpl := `{"Resources":{"Q":{"Type":"AWS::SQS::Queue","Properties":{"QueueName":"a\u0000"}}}}`
	k, err := s.CreateDesign(ctx, &design.Design{Title: "Kept", Source: &design.Source{Template: tmpl}})
	if err != nil {
		t.Fatalf("CreateDesign with an escaped NUL in its template's text: %v", err)
	}
	if got, err := s.Design(ctx, k.Design.ID); err != nil || got.Source.Template != tmpl {
		t.Fatalf("template read back: %v %+v", err, got.Source)
	}
}
