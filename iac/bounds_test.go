package iac

import (
	"errors"
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
)

// A template holding a NUL byte is refused with the place of the byte.
// A value holding an escaped NUL, or nested too deeply, is not read into
// the design (no backend could store the one, nothing could show the
// other) and a note names the property, as for any value archlab cannot
// read.
func TestImportRefusesNULAndUnboundedValues(t *testing.T) {
	cat := design.Builtin()
	_, err := Import([]byte("Resources:\n  Q:\n    Type: AWS::SQS::Queue\x00\n"), "t.yaml", cat)
	var se *SyntaxError
	if !errors.As(err, &se) || se.Line != 3 || se.Column != 26 || !strings.Contains(se.Message, "NUL byte") {
		t.Fatalf("raw NUL: %v (%+v)", err, se)
	}
	deep := strings.Repeat("[", 40) + "1" + strings.Repeat("]", 40)
	for _, tc := range []struct{ template, id, prop, note string }{
		{`{"Resources":{"Q":{"Type":"AWS::SQS::Queue","Properties":{"QueueName":"a\u0000b"}}}}`, "Q", "QueueName", "NUL (U+0000)"},
		{`{"Resources":{"F":{"Type":"AWS::Serverless::Function","Properties":{"Runtime":"python3.12","Handler":"a.b","CodeUri":".","Policies":` + deep + `}}}}`, "F", "Policies", "nested 40 levels deep; at most 32"},
	} {
		imp, err := Import([]byte(tc.template), "t.json", cat)
		if err != nil {
			t.Fatalf("%s: %v", tc.prop, err)
		}
		if _, kept := imp.Design.Block(tc.id).Props[tc.prop]; kept {
			t.Errorf("%s was read into the design", tc.prop)
		}
		noted := false
		for _, n := range imp.Notes {
			noted = noted || n.ID == tc.id && strings.Contains(n.Message, tc.prop) && strings.Contains(n.Message, tc.note)
		}
		if !noted {
			t.Errorf("no note on %s says %q: %+v", tc.prop, tc.note, imp.Notes)
		}
	}
}
