package design

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

const ordersDoc = `{
  "format": "archlab/v1",
  "title": "Orders",
  "blocks": [
    {"id": "OrdersApi", "kind": "apigateway-rest", "name": "Orders API", "x": 80, "y": 120},
    {"id": "Worker", "kind": "lambda", "props": {"Timeout": 30, "MemorySize": 512}},
    {"id": "OrderQueue", "kind": "sqs", "props": {"VisibilityTimeout": 60}}
  ],
  "connections": [
    {"id": "c1", "from": "OrderQueue", "to": "Worker", "integration": "event-source-mapping",
     "props": {"BatchSize": 10}}
  ]
}`

func mustDecode(tb testing.TB, doc string) *Design {
	tb.Helper()
	d, err := Decode([]byte(doc), Builtin())
	if err != nil {
		tb.Fatalf("Decode: %v", err)
	}
	return d
}

func TestDecodeContractExample(t *testing.T) {
	d := mustDecode(t, ordersDoc)
	if got, want := len(d.Blocks), 3; got != want {
		t.Fatalf("blocks=%d, want %d", got, want)
	}
	if got, _ := d.Block("Worker").Props.Number("Timeout"); got != 30 {
		t.Fatalf("Worker Timeout=%v, want 30", got)
	}
	if got := d.Connections[0].Integration; got != IntESM {
		t.Fatalf("integration=%q", got)
	}
	// Round trip: encoding and decoding again gives the same document.
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), `{"format":"archlab/v1"`) {
		t.Fatalf("encoded document does not start with its format: %s", b[:40])
	}
	again := mustDecode(t, string(b))
	if !Equal(mustJSON(t, again), mustJSON(t, d)) {
		t.Fatalf("round trip changed the document:\n%s\n%s", mustJSON(t, again), mustJSON(t, d))
	}
}

func mustJSON(tb testing.TB, v any) any {
	tb.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		tb.Fatal(err)
	}
	return out
}

func TestDecodeInfersTheOnlyIntegrationAndConnectionID(t *testing.T) {
	d := mustDecode(t, `{"format":"archlab/v1","title":"t","blocks":[
		{"id":"Q","kind":"sqs"},{"id":"F","kind":"lambda"}],
		"connections":[{"from":"Q","to":"F"}]}`)
	c := d.Connections[0]
	if c.Integration != IntESM || c.ID != "Q-F" {
		t.Fatalf("connection = %+v, want the event source mapping with id Q-F", c)
	}
}

func TestDecodeErrorsNameTheFieldAndValue(t *testing.T) {
	for _, tc := range []struct {
		name      string
		doc       string
		code      string
		wantField string
		wantIn    string
	}{
		{"malformed", `{"format": "archlab/v1", "title": }`, EMALFORMED, "", "line 1, column 35"},
		{"empty", ``, EMALFORMED, "", "empty"},
		{"trailing data", `{"format":"archlab/v1"} {}`, EMALFORMED, "", "after the JSON value"},
		{"no format", `{"title":"x"}`, EINVALID, "format", "required"},
		{"wrong format", `{"format":"archlab/v2"}`, EINVALID, "format", `"archlab/v2"`},
		{"unknown top field", `{"format":"archlab/v1","colour":"red"}`, EINVALID, "colour", `unknown field "colour"`},
		{"unknown block field", `{"format":"archlab/v1","blocks":[{"id":"A","kind":"sqs","size":3}]}`, EINVALID, "blocks[0].size", `unknown field "size"`},
		{"wrong type", `{"format":"archlab/v1","blocks":[{"id":"A","kind":"sqs","x":"left"}]}`, EINVALID, "blocks[0].x", "must be a number"},
		{"unknown kind", `{"format":"archlab/v1","blocks":[{"id":"A","kind":"lamda"}]}`, EINVALID, "blocks[0].kind", `"lamda" (did you mean "lambda"?)`},
		{"bad id", `{"format":"archlab/v1","blocks":[{"id":"9lives","kind":"sqs"}]}`, EINVALID, "blocks[0].id", `"9lives"`},
		{"duplicate block id", `{"format":"archlab/v1","blocks":[{"id":"A","kind":"sqs"},{"id":"A","kind":"sns"}]}`, EINVALID, "blocks[1].id", `duplicate id "A"`},
		{"connection id clashes with block", `{"format":"archlab/v1","blocks":[{"id":"A","kind":"sqs"},{"id":"B","kind":"lambda"}],
			"connections":[{"id":"A","from":"A","to":"B"}]}`, EINVALID, "connections[0].id", `duplicate id "A"`},
		{"unknown property", `{"format":"archlab/v1","blocks":[{"id":"F","kind":"lambda","props":{"Timout":3}}]}`, EINVALID, "blocks[0].props.Timout", `did you mean "Timeout"`},
		{"property type", `{"format":"archlab/v1","blocks":[{"id":"F","kind":"lambda","props":{"Timeout":"long"}}]}`, EINVALID, "blocks[0].props.Timeout", "must be a number"},
		{"fractional integer", `{"format":"archlab/v1","blocks":[{"id":"F","kind":"lambda","props":{"MemorySize":128.5}}]}`, EINVALID, "blocks[0].props.MemorySize", "whole number"},
		{"missing block", `{"format":"archlab/v1","blocks":[{"id":"F","kind":"lambda"}],"connections":[{"from":"Q","to":"F"}]}`, EINVALID, "connections[0].from", `"Q"`},
		{"self connection", `{"format":"archlab/v1","blocks":[{"id":"F","kind":"lambda"}],"connections":[{"from":"F","to":"F","integration":"sdk"}]}`, EINVALID, "connections[0].to", "itself"},
		{"pair not allowed", `{"format":"archlab/v1","blocks":[{"id":"B","kind":"eventbridge-bus"},{"id":"F","kind":"lambda"}],"connections":[{"from":"B","to":"F"}]}`, EINVALID, "connections[0].to", "add an EventBridge rule"},
		{"integration required", `{"format":"archlab/v1","blocks":[{"id":"A","kind":"apigateway-rest"},{"id":"F","kind":"lambda"}],"connections":[{"from":"A","to":"F"}]}`, EINVALID, "connections[0].integration", `"invoke"`},
		{"unknown integration", `{"format":"archlab/v1","blocks":[{"id":"Q","kind":"sqs"},{"id":"F","kind":"lambda"}],"connections":[{"from":"Q","to":"F","integration":"push"}]}`, EINVALID, "connections[0].integration", `"push"`},
		{"ref to missing block", `{"format":"archlab/v1","blocks":[{"id":"T","kind":"sns"},{"id":"F","kind":"lambda"}],"connections":[{"from":"T","to":"F","props":{"RedrivePolicy.deadLetterTargetArn":"Nowhere"}}]}`, EINVALID, "connections[0].props.RedrivePolicy.deadLetterTargetArn", `"Nowhere"`},
		{"ref to wrong kind", `{"format":"archlab/v1","blocks":[{"id":"T","kind":"sns"},{"id":"F","kind":"lambda"}],"connections":[{"from":"T","to":"F","props":{"RedrivePolicy.deadLetterTargetArn":"F"}}]}`, EINVALID, "connections[0].props.RedrivePolicy.deadLetterTargetArn", "SQS queue"},
		{"duplicate connection", `{"format":"archlab/v1","blocks":[{"id":"Q","kind":"sqs"},{"id":"F","kind":"lambda"}],"connections":[{"from":"Q","to":"F"},{"from":"Q","to":"F"}]}`, EINVALID, "connections[1]", "already connects"},
		{"title too long", `{"format":"archlab/v1","title":"` + strings.Repeat("x", 201) + `"}`, EINVALID, "title", "at most 200"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode([]byte(tc.doc), Builtin())
			if err == nil {
				t.Fatal("Decode accepted the document")
			}
			if got := ErrorCode(err); got != tc.code {
				t.Fatalf("code=%q, want %q (%v)", got, tc.code, err)
			}
			e := err.(*Error)
			if e.Field != tc.wantField {
				t.Errorf("field=%q, want %q (%v)", e.Field, tc.wantField, err)
			}
			if !strings.Contains(e.Message, tc.wantIn) {
				t.Errorf("message %q does not contain %q", e.Message, tc.wantIn)
			}
		})
	}
}

func TestDecodeDropsStoredMetadata(t *testing.T) {
	d := mustDecode(t, `{"format":"archlab/v1","id":"abcdefghijklmnop","version":7,"title":"t","blocks":[],"connections":[],"createdAt":"2026-01-02T03:04:05Z"}`)
	if d.ID != "" || d.Version != 0 || !d.CreatedAt.IsZero() {
		t.Fatalf("stored metadata was kept: %+v", d)
	}
}

func TestDecodeNullPropertyUnsets(t *testing.T) {
	d := mustDecode(t, `{"format":"archlab/v1","blocks":[{"id":"F","kind":"lambda","props":{"Timeout":null,"MemorySize":256}}]}`)
	if _, ok := d.Blocks[0].Props["Timeout"]; ok {
		t.Fatal("a null property was kept")
	}
	if v, isDefault := Builtin().Value(&d.Blocks[0], "Timeout"); v != 3.0 || !isDefault {
		t.Fatalf("Timeout = %v (default %v), want the AWS default 3", v, isDefault)
	}
}

// withoutInput takes the input's own strings (field names, values) out of
// an error message that quotes them, so that a field called "int" is not
// taken for a Go type the message names.
func withoutInput(msg string, data []byte) string {
	for _, m := range jsonString.FindAllSubmatch(data, -1) {
		if len(m[1]) > 0 && utf8.Valid(m[1]) {
			// Whole words only: "egration" is no part of "integration".
			word := regexp.MustCompile(`(^|\W)` + regexp.QuoteMeta(string(m[1])) + `(\W|$)`)
			msg = word.ReplaceAllString(msg, "$1$2")
		}
	}
	return msg
}

var jsonString = regexp.MustCompile(`"((?:[^"\\]|\\.)*)"`)

func FuzzDecode(f *testing.F) {
	f.Add([]byte(ordersDoc))
	f.Add([]byte(acceptedDoc))
	f.Add([]byte(trafficDoc))
	f.Add([]byte(`{"format":"archlab/v1","blocks":[{"id":"A","kind":"sqs"}],"traffic":{"A":{"peakPerSecond":1e400}},"assumptions":{"A":{"batchFill":-0}}}`))
	f.Add([]byte(`{"format":"archlab/v1","blocks":[{"id":"T","kind":"sns","props":{"FifoTopic":true}},{"id":"Q","kind":"sqs"}],"connections":[{"from":"T","to":"Q"}]}`))
	f.Add([]byte(`{"format":"archlab/v1","blocks":[{"id":"A","kind":"lambda","x":1e308}]}`))
	f.Add([]byte(`{"format":"archlab/v1","Title":"x","blocks":[{"ID":"A","kind":"sqs","x":"1"}]}`))
	f.Add([]byte(`{"format":"archlab/v1","version":1.5,"createdAt":5,"connections":[{"evidence":[{"basis":5}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Decode(data, Builtin())
		if err != nil {
			if ErrorCode(err) == EINTERNAL {
				t.Fatalf("Decode returned an internal error: %v", err)
			}
			if msg := withoutInput(ErrorMessage(err), data); goTypeName.MatchString(msg) {
				t.Fatalf("the error names a Go type: %s", msg)
			}
			return
		}
		// Whatever decodes must encode, decode again to the same thing, and
		// survive validation a second time.
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		again, err := Decode(b, Builtin())
		if err != nil {
			t.Fatalf("re-decoding an encoded design failed: %v\n%s", err, b)
		}
		if !Equal(mustJSON(t, again), mustJSON(t, d)) {
			t.Fatalf("round trip changed the design")
		}
	})
}
