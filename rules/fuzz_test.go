package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/archlab/archlab/design"
)

// FuzzDecodeAndCheck feeds arbitrary documents to the decoder and every
// design that decodes to the engine: the engine must not panic, findings
// must name real subjects, and every fix offered must apply.
func FuzzDecodeAndCheck(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "fixtures", "*.txtar"))
	for _, p := range paths {
		ar, err := txtar.ParseFile(p)
		if err != nil {
			continue
		}
		for _, file := range ar.Files {
			if strings.HasSuffix(file.Name, ".json") {
				f.Add(file.Data)
			}
		}
	}
	f.Add(generatedDesign(30))
	// Blocks outside the design and inferred connections.
	f.Add([]byte(`{"format":"archlab/v1","blocks":[{"id":"Q","kind":"sqs","external":{"ref":"arn:aws:sqs:eu-west-1:1:q.fifo"},"props":{"FifoQueue":true}},
		{"id":"F","kind":"lambda"},{"id":"J","kind":"external","external":{"service":"batch"}},{"id":"R","kind":"eventbridge-rule","props":{"ScheduleExpression":"rate(1 hour)"}}],
		"connections":[{"from":"Q","to":"F","evidence":[{"basis":"event-source"}]},{"from":"F","to":"Q","integration":"sdk","props":{"Actions":["sqs:SendMessage"]},"evidence":[{"basis":"iam","detail":"sqs:SendMessage"}]},
		{"from":"R","to":"J"}]}`))
	if b, err := os.ReadFile(filepath.Join("testdata", "golden", "orders.json")); err == nil {
		f.Add(b)
	}
	cat := design.Builtin()
	reg := Default(cat)
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := design.Decode(data, cat)
		if err != nil {
			return
		}
		for _, finding := range reg.Check(d) {
			if finding.Message == "" || finding.KB == "" {
				t.Fatalf("%s: finding without message or page", finding.Rule)
			}
			for _, s := range finding.Subjects {
				if d.Block(s) == nil && d.Connection(s) == nil {
					t.Fatalf("%s names subject %q, which is not in the design", finding.Rule, s)
				}
			}
			if len(finding.Fix) > 0 {
				if _, _, err := design.Apply(d, finding.Fix, cat); err != nil {
					t.Fatalf("%s offers a fix that does not apply: %v", finding.Rule, err)
				}
			}
		}
	})
}
