package iac

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
)

// contentDesigns are the designs archlab ships: the gallery's templates
// and the labs' designs, the first things people export.
func contentDesigns(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pattern := range []string{"../content/templates/*.archlab.json", "../content/labs/*.archlab.json", "../content/labs/*/*.archlab.json"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no designs found under ../content")
	}
	return files
}

// Every design archlab ships exports as plain CloudFormation without
// refusal, passes the corpus test's checks, and imports as the blocks and
// connections its SAM export imports as.
func TestCloudFormationContentDesigns(t *testing.T) {
	cat := design.Builtin()
	for _, f := range contentDesigns(t) {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".archlab.json"), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			d, err := design.Decode(data, cat)
			if err != nil {
				t.Fatal(err)
			}
			sam, err := SAM(d, cat)
			if err != nil {
				t.Fatal(err)
			}
			out, _, err := CloudFormation(d, cat)
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			for _, p := range cloudFormationProblems(t, sam, out) {
				t.Error(p)
			}
			fromSAM, err := Import(sam, "template.yaml", cat)
			if err != nil {
				t.Fatalf("the SAM export does not import: %v", err)
			}
			back, err := Import(out, "template.yaml", cat)
			if err != nil {
				t.Fatalf("the export does not import: %v\n%s", err, out)
			}
			if diff := cfnDesignDiff(fromSAM.Design, back.Design); len(diff) > 0 {
				t.Errorf("the export imports as another design:\n  %s", strings.Join(diff, "\n  "))
			}
			if diff := cfnDesignDiff(d, back.Design); len(diff) > 0 {
				t.Logf("against the design itself:\n  %s", strings.Join(diff, "\n  "))
			}
			if t.Failed() {
				t.Logf("%s", out)
			}
		})
	}
}
