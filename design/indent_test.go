package design

import (
	"bytes"
	"encoding/json"
	"testing"
)

// A readable encoding is indented as json.MarshalIndent does, unless the
// indentation would multiply the size: a value at the bounds (32 levels,
// 400,000 numbers) made a 30 MB export of an 800 KB design.
func TestMarshalReadableBoundsIndentation(t *testing.T) {
	small := map[string]any{"Statement": []any{map[string]any{"Effect": "Allow", "Action": []any{"s3:GetObject"}}}}
	got, err := MarshalReadable(small)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.MarshalIndent(small, "", "  ")
	if !bytes.Equal(got, want) {
		t.Fatalf("small value:\n%s\nwant\n%s", got, want)
	}
	if n := indentedSize(mustCompact(t, small)); n != len(want) {
		t.Errorf("indentedSize = %d, json.Indent gives %d", n, len(want))
	}
	rows := make([]any, 400)
	for i := range rows {
		row := make([]any, 1000)
		for j := range row {
			row[j] = 0.0
		}
		rows[i] = row
	}
	worst := any(rows)
	for range MaxValueDepth - 2 {
		worst = []any{worst}
	}
	if err := checkValue(worst); err != nil {
		t.Fatalf("the value is not within the bounds: %v", err)
	}
	compact := mustCompact(t, worst)
	got, err = MarshalReadable(worst)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) > 4*len(compact)+1024 {
		t.Fatalf("%d bytes of JSON became %d", len(compact), len(got))
	}
}

func mustCompact(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
