package apptest

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/iac"
)

// RealisticDesign builds a design of exactly n blocks out of copies of
// the designs the example templates of iac/testdata import as (APIs,
// functions with policies and environments, queues, tables, state
// machines, rules), with their connections: what a very large real
// architecture looks like, for measuring the limits on a design.
func RealisticDesign(tb testing.TB, cat *design.Catalogue, n int) *design.Design {
	tb.Helper()
	d, err := Realistic(cat, n)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// Realistic is RealisticDesign for a program (scripts/load): it returns
// the error rather than failing a test.
func Realistic(cat *design.Catalogue, n int) (*design.Design, error) {
	_, self, _, _ := runtime.Caller(0)
	files, err := filepath.Glob(filepath.Join(filepath.Dir(self), "..", "..", "iac", "testdata", "*.yaml"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no example templates: %v", err)
	}
	var parts []*design.Design
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		imp, err := iac.Import(data, filepath.Base(f), cat)
		if err != nil {
			continue // an example of a template archlab refuses
		}
		parts = append(parts, imp.Design)
	}
	d := &design.Design{Title: "Realistic design"}
	for k := 0; len(d.Blocks) < n; k++ {
		p := parts[k%len(parts)]
		if len(d.Blocks)+len(p.Blocks) > n {
			for i := len(d.Blocks); i < n; i++ {
				d.Blocks = append(d.Blocks, design.Block{ID: fmt.Sprintf("Queue%d", i), Kind: "sqs", Name: "Spare queue", X: float64(i%100) * 50, Y: 900000})
			}
			break
		}
		addCopy(d, p, k, cat)
	}
	return d, nil
}

// addCopy adds copy k of p to d with every id (and every reference to
// one) suffixed, placed on a grid of its own.
func addCopy(d, p *design.Design, k int, cat *design.Catalogue) {
	rename := func(id string) string { return fmt.Sprintf("%sC%d", id, k) }
	refs := func(props design.Props, schema []design.Prop) design.Props {
		props = props.Clone()
		for _, sp := range schema {
			if id, ok := props[sp.Name].(string); ok && sp.Type == design.TypeRef {
				props[sp.Name] = rename(id)
			}
		}
		return props
	}
	dx, dy := float64(k%40)*5000, float64(k/40)*5000
	for _, b := range p.Blocks {
		b.ID = rename(b.ID)
		b.Props = refs(b.Props, cat.Kind(b.Kind).Props)
		b.X, b.Y = b.X+dx, b.Y+dy
		if b.External != nil {
			e := *b.External
			b.External = &e
		}
		d.Blocks = append(d.Blocks, b)
	}
	for _, c := range p.Connections {
		from, to := p.Block(c.From), p.Block(c.To)
		var schema []design.Prop
		if in := cat.Integration(from.Kind, to.Kind, c.Integration); in != nil {
			schema = in.Props
		}
		c.ID, c.From, c.To = rename(c.ID), rename(c.From), rename(c.To)
		c.Props = refs(c.Props, schema)
		d.Connections = append(d.Connections, c)
	}
}
