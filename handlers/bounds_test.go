package handlers_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/archlab/archlab/handlers"
)

// goTypeName matches what encoding/json's own errors say: Go struct and
// type names.
var goTypeName = regexp.MustCompile(`Go (struct|value)|of type|\bu?int(8|16|32|64)?\b|float(32|64)|\bOp\.|design\.`)

type badCase struct {
	name, method, path, body string
	header                   map[string]string
	status                   int
	code, field, message     string
}

func (s *server) checkBad(t *testing.T, cases []badCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := s.do(t, tc.method, tc.path, tc.body, tc.header)
			if r.status != tc.status {
				t.Fatalf("status=%d, want %d: %.300s", r.status, tc.status, r.body)
			}
			e := r.errorOf(t)
			if e["code"] != tc.code {
				t.Errorf("code=%v, want %s", e["code"], tc.code)
			}
			if field, _ := e["field"].(string); field != tc.field {
				t.Errorf("field=%q, want %q", field, tc.field)
			}
			msg, _ := e["message"].(string)
			if !strings.Contains(msg, tc.message) {
				t.Errorf("message %q does not contain %q", msg, tc.message)
			}
			if goTypeName.MatchString(msg) {
				t.Errorf("message %q names a Go type", msg)
			}
		})
	}
}

// API bodies are decoded strictly: field names match exactly, and errors
// name the JSON field and the JSON type it needs, never a Go type.
func TestAPIBodiesAreDecodedStrictly(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	auth := map[string]string{"Authorization": "Bearer " + c.EditKey}
	opsPath := "/api/v1/designs/" + c.ID + "/ops"
	s.checkBad(t, []badCase{
		{"field name in another case", "POST", "/api/v1/designs", `{"format":"archlab/v1","Title":"Orders"}`, nil, 422, "invalid", "Title", `did you mean "title"?`},
		{"block field in another case", "POST", "/api/v1/designs", `{"format":"archlab/v1","blocks":[{"id":"A","Kind":"sqs"}]}`, nil, 422, "invalid", "blocks[0].Kind", `field names are case-sensitive`},
		{"request field in another case", "POST", opsPath, `{"BaseVersion":1,"ops":[{"op":"setTitle","title":"x"}]}`, auth, 422, "invalid", "BaseVersion", `did you mean "baseVersion"?`},
		{"op field in another case", "POST", opsPath, `{"baseVersion":1,"ops":[{"op":"setTitle","Title":"x"}]}`, auth, 422, "invalid", "ops[0].Title", `did you mean "title"?`},
		{"base version of the wrong type", "POST", opsPath, `{"baseVersion":"1","ops":[]}`, auth, 422, "invalid", "baseVersion", `must be a whole number, not the string "1"`},
		{"fractional base version", "POST", opsPath, `{"baseVersion":1.5,"ops":[]}`, auth, 422, "invalid", "baseVersion", `must be a whole number, not 1.5`},
		{"coordinate of the wrong type", "POST", opsPath, `{"baseVersion":1,"ops":[{"op":"moveBlock","id":"Worker","x":"1","y":2}]}`, auth, 422, "invalid", "ops[0].x", `must be a number, not the string "1"`},
		{"evidence of the wrong type", "POST", opsPath, `{"baseVersion":1,"ops":[{"op":"updateConnection","id":"c1","evidence":[{"basis":1}]}]}`, auth, 422, "invalid", "ops[0].evidence[0].basis", `must be a string`},
		{"trailing data", "POST", opsPath, `{"baseVersion":1,"ops":[{"op":"setTitle","title":"x"}]} {}`, auth, 400, "malformed", "", "unexpected data after the JSON value"},
		{"timestamp of the wrong type", "POST", "/api/v1/designs", `{"format":"archlab/v1","createdAt":5}`, nil, 422, "invalid", "createdAt", "must be a date and time"},
	})
	if r := s.do(t, "GET", "/api/v1/designs/"+c.ID, "", nil); r.json(t)["version"] != 1.0 {
		t.Fatalf("a refused request changed the design: %s", r.body)
	}
}

func deepList(depth int) string {
	return strings.Repeat("[", depth) + strings.Repeat("]", depth)
}

// Property values are bounded at the door, and control characters are
// refused where they cannot mean anything: 422 naming the field. The 18
// KB body of 9,000 nested lists was stored and exported as 162 MB.
func TestAPIRefusesUnboundedValuesAndControlCharacters(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	auth := map[string]string{"Authorization": "Bearer " + c.EditKey}
	opsPath := "/api/v1/designs/" + c.ID + "/ops"
	s.checkBad(t, []badCase{
		{"9,000 levels", "POST", "/api/v1/designs", `{"format":"archlab/v1","blocks":[{"id":"Worker","kind":"lambda","props":{"Policies":` + deepList(9000) + `}}]}`, nil, 422, "invalid", "blocks[0].props.Policies", "nested 9,000 levels deep; at most 32"},
		{"33 levels in an edit", "POST", opsPath, `{"baseVersion":1,"ops":[{"op":"updateBlock","id":"Worker","props":{"Policies":` + deepList(33) + `}}]}`, auth, 422, "invalid", "ops[0].props.Policies", "nested 33 levels deep; at most 32"},
		{"NUL in a title", "POST", "/api/v1/designs", `{"format":"archlab/v1","title":"Orders\u0000"}`, nil, 422, "invalid", "title", "NUL (U+0000)"},
		{"NUL in a name", "POST", opsPath, `{"baseVersion":1,"ops":[{"op":"updateBlock","id":"Worker","name":"W\u0000"}]}`, auth, 422, "invalid", "ops[0].name", "NUL (U+0000)"},
		{"NUL in a property", "POST", opsPath, `{"baseVersion":1,"ops":[{"op":"updateBlock","id":"OrderQueue","props":{"QueueName":"q\u0000"}}]}`, auth, 422, "invalid", "ops[0].props.QueueName", "NUL (U+0000)"},
		{"NUL in a kept template", "POST", "/api/v1/designs", `{"format":"archlab/v1","source":{"template":"Resources:\u0000"}}`, nil, 422, "invalid", "source.template", "NUL byte"},
	})
}

// The inspector's form gets the same checks: the value typed comes back
// with the error.
func TestInspectorRefusesUnboundedValuesAndControlCharacters(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	for _, tc := range []struct {
		fields url.Values
		status string
	}{
		{url.Values{"p:Policies": {deepList(40)}}, "nested 40 levels deep; at most 32"},
		{url.Values{"name": {"Worker\x00"}}, "NUL (U+0000)"},
		{url.Values{"p:Handler": {"app.handler\x1b"}}, "U+001B"},
	} {
		r, doc := s.postInspector(t, c, "Worker", 1, tc.fields)
		if status := doc.Find("#status").Text(); r.status != 422 || !strings.Contains(status, tc.status) {
			t.Errorf("%v: answered %d with the status %q", tc.fields, r.status, status)
		}
	}
	if s.stored(t, c.ID).Version != 1 {
		t.Fatal("a refused value changed the design")
	}
}

// An oversized form or urlencoded import answers 413, as every other
// oversized body does (they answered 400 and 422).
func TestOversizedFormsAnswer413(t *testing.T) {
	s := mustServer(t, handlers.Options{MaxBody: 4096})
	c := s.mustCreate(t, ordersDoc)
	big := strings.Repeat("x", 5000)
	r, _ := s.postInspector(t, c, "Worker", 1, url.Values{"name": {big}})
	if r.status != http.StatusRequestEntityTooLarge {
		t.Errorf("inspector form: %d %.200s", r.status, r.body)
	}
	r = s.do(t, "POST", "/import", url.Values{"source": {big}}.Encode(), map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	if r.status != http.StatusRequestEntityTooLarge || !strings.Contains(string(r.body), "4,096 bytes") {
		t.Errorf("urlencoded import: %d %.300s", r.status, r.body)
	}
	r = s.do(t, "POST", "/import", url.Values{"source": {big}}.Encode(), map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"})
	if r.status != http.StatusRequestEntityTooLarge || r.errorOf(t)["code"] != "too_large" {
		t.Errorf("urlencoded import asking for JSON: %d %.300s", r.status, r.body)
	}
}
