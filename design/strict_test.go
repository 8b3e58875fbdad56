package design

import (
	"regexp"
	"strings"
	"testing"
)

// goTypeName matches what encoding/json puts into its errors: Go struct
// and type names ("Go struct field Op.blocks of type int", "float64").
var goTypeName = regexp.MustCompile(`Go (struct|value)|of type|\bu?int(8|16|32|64)?\b|float(32|64)|\bOp\.|design\.|\[\]any|map\[`)

// Field names match exactly, unknown fields are refused, and no error
// names a Go type: each names the JSON field and the JSON type it needs.
func TestDecodeIsStrict(t *testing.T) {
	cat := Builtin()
	for _, tc := range []struct {
		doc, field, msg string
	}{
		{`{"format":"archlab/v1","Title":"x"}`, "Title", `unknown field "Title": field names are case-sensitive; did you mean "title"?`},
		{`{"format":"archlab/v1","blocks":[{"ID":"A","kind":"sqs"}]}`, "blocks[0].ID", `did you mean "id"?`},
		{`{"format":"archlab/v1","blocks":[{"id":"A","kind":"sqs","Props":{}}]}`, "blocks[0].Props", `case-sensitive`},
		{`{"format":"archlab/v1","title":5}`, "title", "must be a string, not the number 5"},
		{`{"format":"archlab/v1","blocks":[{"id":"A","kind":"sqs","x":"a"}]}`, "blocks[0].x", `must be a number, not the string "a"`},
		{`{"format":"archlab/v1","version":1.5}`, "version", "must be a whole number, not 1.5"},
		{`{"format":"archlab/v1","version":1e30}`, "version", "must be a whole number from"},
		{`{"format":"archlab/v1","createdAt":"yesterday"}`, "createdAt", "must be a date and time"},
		{`{"format":"archlab/v1","createdAt":5}`, "createdAt", "must be a date and time"},
		{`{"format":"archlab/v1","forkedFrom":{"id":"a","version":"x"}}`, "forkedFrom.version", `must be a whole number, not the string "x"`},
		{`{"format":"archlab/v1","blocks":[{"id":"A","kind":"sqs","external":{"x":1}}]}`, "blocks[0].external.x", `unknown field "x"`},
		{`{"format":"archlab/v1","blocks":[{"id":"A","kind":"sqs","props":[]}]}`, "blocks[0].props", "must be an object, not a list"},
		{`{"format":"archlab/v1","blocks":{}}`, "blocks", "must be a list, not an object"},
		{`{"format":"archlab/v1","connections":[{"id":"c","from":"a","to":"b","evidence":[{"basis":5}]}]}`, "connections[0].evidence[0].basis", "must be a string, not the number 5"},
		{`{"format":"archlab/v1","accepted":[{"rule":true}]}`, "accepted[0].rule", "must be a string, not true"},
	} {
		_, err := Decode([]byte(tc.doc), cat)
		checkStrictError(t, tc.doc, err, tc.field, tc.msg)
	}
}

func TestDecodeOpsIsStrict(t *testing.T) {
	cat := Builtin()
	for _, tc := range []struct {
		ops, field, msg string
	}{
		{`[{"op":"moveBlock","id":"A","x":"1","y":2}]`, "ops[0].x", `must be a number, not the string "1"`},
		{`[{"Op":"moveBlock","id":"A","x":1,"y":2}]`, "ops[0].Op", `did you mean "op"?`},
		{`[{"op":"moveBlock","ID":"A","x":1,"y":2}]`, "ops[0].ID", `did you mean "id"?`},
		{`[{"op":"addBlock","block":{"id":"A","kind":"sqs","X":1}}]`, "ops[0].block.X", `did you mean "x"?`},
		{`[{"op":"updateBlock","id":"A","props":5}]`, "ops[0].props", "must be an object, not the number 5"},
		{`[{"op":"updateBlock","id":"A","nmae":"x"}]`, "ops[0].nmae", `unknown field "nmae" (did you mean "name"?)`},
		{`[{"op":"connect","connection":{"id":"A","from":"x","to":"y","evidence":[{"basis":5}]}}]`, "ops[0].connection.evidence[0].basis", "must be a string"},
		{`[{"op":"setTitle","title":"x"}] []`, "ops", "unexpected data after the JSON value"},
		{`{"op":"setTitle"}`, "ops", "must be a list, not an object"},
	} {
		_, err := DecodeOps([]byte(tc.ops), cat)
		checkStrictError(t, tc.ops, err, tc.field, tc.msg)
	}
}

func checkStrictError(t *testing.T, in string, err error, field, msg string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: accepted", in)
		return
	}
	e, ok := err.(*Error)
	if !ok {
		t.Errorf("%s: %T %v, want a domain error", in, err, err)
		return
	}
	if e.Field != field || !strings.Contains(e.Message, msg) {
		t.Errorf("%s:\n got %s: %s\nwant %s: …%s…", in, e.Field, e.Message, field, msg)
	}
	if goTypeName.MatchString(e.Message) {
		t.Errorf("%s: message names a Go type: %s", in, e.Message)
	}
}

// Other packages' bodies get the same checks through DecodeJSON.
func TestDecodeJSONIsStrict(t *testing.T) {
	var body struct {
		BaseVersion *int `json:"baseVersion"`
	}
	err := DecodeJSON([]byte(`{"BaseVersion":1}`), &body)
	checkStrictError(t, "BaseVersion", err, "BaseVersion", `did you mean "baseVersion"?`)
	err = DecodeJSON([]byte(`{"baseVersion":"one"}`), &body)
	checkStrictError(t, "baseVersion", err, "baseVersion", `must be a whole number, not the string "one"`)
	if err := DecodeJSON([]byte(`{"baseVersion":3}`), &body); err != nil || *body.BaseVersion != 3 {
		t.Fatalf("good body: %v %v", err, body.BaseVersion)
	}
}
