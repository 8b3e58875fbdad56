package design

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// nested returns a JSON value of depth levels of lists around a string.
func nested(depth int) string {
	return strings.Repeat("[", depth) + `"x"` + strings.Repeat("]", depth)
}

func policiesDoc(value string) string {
	return `{"format":"archlab/v1","blocks":[{"id":"Worker","kind":"lambda","props":{"Policies":` + value + `}}]}`
}

// Property values are bounded when a design comes in: depth, keys or
// items, size and characters. The 18 KB body of 9,000 nested lists made
// exports of 162 MB before.
func TestPropertyValuesAreBounded(t *testing.T) {
	cat := Builtin()
	wide := map[string]int{}
	for i := range MaxValueEntries + 1 {
		wide[fmt.Sprintf("k%d", i)] = i
	}
	wideJSON, _ := json.Marshal(wide)
	big, _ := json.Marshal(map[string]string{"a": strings.Repeat("x", MaxValueBytes)})
	for _, tc := range []struct {
		name, doc, field, msg string
	}{
		{"deep", policiesDoc(nested(9000)), "blocks[0].props.Policies", "nested 9,000 levels deep; at most 32"},
		{"one level too deep", policiesDoc(nested(MaxValueDepth + 1)), "blocks[0].props.Policies", "nested 33 levels deep; at most 32"},
		{"too many keys", policiesDoc(string(wideJSON)), "blocks[0].props.Policies", "is an object of 1,001 keys; at most 1,000"},
		{"too many items", policiesDoc("[" + strings.Repeat("1,", MaxValueEntries) + "1]"), "blocks[0].props.Policies", "is a list of 1,001 items; at most 1,000"},
		{"too large", policiesDoc(string(big)), "blocks[0].props.Policies", "bytes as JSON; at most 1,048,576"},
		{"NUL in a value", policiesDoc(`[{"Action":"s3:Get\u0000"}]`), "blocks[0].props.Policies", `at [0].Action holds the control character NUL (U+0000)`},
		{"NUL in a key", policiesDoc(`{"a\u0000":1}`), "blocks[0].props.Policies", `has a key that holds the control character NUL`},
		{"NUL in a string property", `{"format":"archlab/v1","blocks":[{"id":"Q","kind":"sqs","props":{"QueueName":"a\u0000"}}]}`, "blocks[0].props.QueueName", "NUL (U+0000)"},
		{"line break in a one-line property", `{"format":"archlab/v1","blocks":[{"id":"Q","kind":"sqs","props":{"QueueName":"a\nb"}}]}`, "blocks[0].props.QueueName", "line feed (U+000A)"},
		{"NUL in a title", `{"format":"archlab/v1","title":"a\u0000"}`, "title", "NUL (U+0000) at byte 1"},
		{"tab in a title", `{"format":"archlab/v1","title":"a\tb"}`, "title", "tab (U+0009)"},
		{"NUL in a name", `{"format":"archlab/v1","blocks":[{"id":"Q","kind":"sqs","name":"\u0000"}]}`, "blocks[0].name", "NUL"},
		{"NUL in a description", `{"format":"archlab/v1","description":"a\n\u0000"}`, "description", "NUL"},
		{"escape in a description", `{"format":"archlab/v1","description":"\u001b[31m"}`, "description", "U+001B"},
		{"NUL in an id", `{"format":"archlab/v1","blocks":[{"id":"Q\u0000","kind":"sqs"}]}`, "blocks[0].id", "not a valid id"},
		{"NUL in a source template", `{"format":"archlab/v1","source":{"template":"Resources:\u0000"}}`, "source.template", "NUL byte at byte 10"},
	} {
		_, err := Decode([]byte(tc.doc), cat)
		checkStrictError(t, tc.name, err, tc.field, tc.msg)
	}
	// At the bounds, values are accepted, and multi-line text keeps its
	// line breaks and tabs.
	for _, doc := range []string{
		policiesDoc(nested(MaxValueDepth)),
		policiesDoc("[" + strings.Repeat("1,", MaxValueEntries-1) + "1]"),
		`{"format":"archlab/v1","description":"one\n\ttwo\r\n"}`,
		`{"format":"archlab/v1","blocks":[{"id":"R","kind":"eventbridge-rule","props":{"EventPattern":{"detail":["a\nb"]}}}]}`,
	} {
		if _, err := Decode([]byte(doc), cat); err != nil {
			t.Errorf("%.80s: %v", doc, err)
		}
	}
}

// Every operation that changes text or values gets the same checks.
func TestOperationsAreBounded(t *testing.T) {
	base := mustDecode(t, ordersDoc)
	for _, tc := range []struct{ ops, field, msg string }{
		{`[{"op":"setTitle","title":"a\u0000"}]`, "ops[0].title", "NUL"},
		{`[{"op":"setDescription","description":"\u0000"}]`, "ops[0].description", "NUL"},
		{`[{"op":"updateBlock","id":"Worker","name":"\u0007"}]`, "ops[0].name", "U+0007"},
		{`[{"op":"updateBlock","id":"Worker","props":{"Policies":` + nested(100) + `}}]`, "ops[0].props.Policies", "nested 100 levels deep; at most 32"},
		{`[{"op":"addBlock","block":{"id":"F","kind":"lambda","props":{"Policies":` + nested(40) + `}}}]`, "ops[0].block.props.Policies", "nested 40 levels deep"},
		{`[{"op":"replace","design":` + policiesDoc(nested(50)) + `}]`, "ops[0].design.blocks[0].props.Policies", "nested 50 levels deep"},
		{`[{"op":"acceptFinding","accepted":{"rule":"sqs-visibility-6x","subjects":[],"reason":"\u0000"}}]`, "ops[0].accepted.reason", "NUL"},
	} {
		ops, err := DecodeOps(json.RawMessage(tc.ops), Builtin())
		if err == nil {
			_, _, err = Apply(base, ops, Builtin())
		}
		checkStrictError(t, tc.ops[:min(len(tc.ops), 60)], err, tc.field, tc.msg)
	}
}
