package content

import (
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
)

// The reference table of a kind comes from the catalogue: every property
// with its allowed values, and, for one that applies only sometimes, when.
func TestCatalogueTablesSayWhenPropertiesApply(t *testing.T) {
	cat := design.Builtin()
	var text strings.Builder
	var walk func(ns []*Node)
	walk = func(ns []*Node) {
		for _, n := range ns {
			text.WriteString(n.Text + "\n")
			walk(n.Children)
		}
	}
	walk(catalogueTables(cat, cat.Kind("sqs")))
	got := text.String()
	for _, want := range []string{"VisibilityTimeout", "0–43,200 s", "FifoThroughputLimit", "Applies when FifoQueue is true."} {
		if !strings.Contains(got, want) {
			t.Errorf("the SQS reference table lacks %q", want)
		}
	}
}
