package rules

import (
	"embed"
	"fmt"
	"strings"

	"golang.org/x/tools/txtar"

	"github.com/archlab/archlab/design"
)

// The fixtures double as the rule pages' worked examples: the same designs
// the tests check, so an example can never show something the engine does
// not do.
//
//go:embed testdata/fixtures/*.txtar
var fixtureFiles embed.FS

// Example is a worked example of a rule: a design that triggers it, its
// findings, and the design after the first finding's fix (nil when the rule
// offers none).
type Example struct {
	Design   *design.Design
	Findings []Finding
	Fixed    *design.Design
	// FixedFindings are the rule's findings left after the fix (none).
	FixedFindings []Finding
}

// Example builds the worked example of a rule from its first trigger
// fixture; nil for the TemplateChecks, which no design can show.
func (r *Registry) Example(id string) (*Example, error) {
	if IsTemplateCheck(id) {
		return nil, nil
	}
	data, err := fixtureFiles.ReadFile("testdata/fixtures/" + id + ".txtar")
	if err != nil {
		return nil, fmt.Errorf("rules: no fixtures for %s: %w", id, err)
	}
	ar := txtar.Parse(data)
	for _, f := range ar.Files {
		if !strings.HasPrefix(f.Name, "trigger") || !strings.HasSuffix(f.Name, ".json") {
			continue
		}
		d, err := design.Decode(f.Data, r.cat)
		if err != nil {
			return nil, fmt.Errorf("rules: fixture %s/%s: %w", id, f.Name, err)
		}
		arrange(d)
		ex := &Example{Design: d, Findings: only(r.Check(d), id)}
		for _, finding := range ex.Findings {
			if len(finding.Fix) == 0 {
				continue
			}
			if ex.Fixed, _, err = design.Apply(d, finding.Fix, r.cat); err != nil {
				return nil, fmt.Errorf("rules: fix of %s does not apply: %w", id, err)
			}
			// A block the fix adds goes where the layout puts it: a fix
			// places it near its source, which in a laid-out example may be
			// on top of another block.
			for i := range ex.Fixed.Blocks {
				if b := &ex.Fixed.Blocks[i]; d.Block(b.ID) == nil {
					b.X, b.Y = 0, 0
				}
			}
			arrange(ex.Fixed)
			ex.FixedFindings = only(r.Check(ex.Fixed), id)
			break
		}
		return ex, nil
	}
	return nil, fmt.Errorf("rules: %s has no trigger fixture", id)
}

// arrange places the blocks a fixture leaves unplaced (all of them, as a
// rule's fixture says nothing of positions) with the layout an import uses,
// so that an example reads like a design rather than a pile at the origin.
func arrange(d *design.Design) {
	for _, op := range design.Layout(d, false) {
		if b := d.Block(op.ID); b != nil && op.X != nil && op.Y != nil {
			b.X, b.Y = *op.X, *op.Y
		}
	}
}

// only keeps the findings of one rule.
func only(fs []Finding, rule string) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}
