package lint

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"path/filepath"

	"github.com/archlab/archlab/capacity"
	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/iac"
	"github.com/archlab/archlab/internal/input"
)

// TrafficFile is a side file of traffic and assumptions for lint, for
// templates that do not carry them in their Metadata: the same two maps
// as the archlab/v1 document, by logical id. It overrides the metadata.
type TrafficFile struct {
	Traffic     map[string]design.Traffic     `json:"traffic"`
	Assumptions map[string]design.Assumptions `json:"assumptions"`
}

// ReadTrafficFile reads and checks a traffic side file strictly.
func ReadTrafficFile(path string) (*TrafficFile, error) {
	data, err := input.Read(path, nil, MaxFileSize)
	if err != nil {
		return nil, err
	}
	var t TrafficFile
	if err := design.DecodeJSON(data, &t); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for id, tr := range t.Traffic {
		if err := tr.Check(); err != nil {
			return nil, fmt.Errorf("%s: traffic.%s: %w", path, id, err)
		}
	}
	for id, a := range t.Assumptions {
		if err := a.Check(); err != nil {
			return nil, fmt.Errorf("%s: assumptions.%s: %w", path, id, err)
		}
	}
	return &t, nil
}

// withTraffic gives a design the side file's figures for the blocks it has.
func (l *Linter) withTraffic(d *design.Design) {
	if l.Traffic == nil || d == nil {
		return
	}
	for id, t := range l.Traffic.Traffic {
		if d.Block(id) != nil {
			if d.Traffic == nil {
				d.Traffic = map[string]design.Traffic{}
			}
			d.Traffic[id] = t
		}
	}
	for id, a := range l.Traffic.Assumptions {
		if d.Block(id) != nil {
			if d.Assumptions == nil {
				d.Assumptions = map[string]design.Assumptions{}
			}
			d.Assumptions[id] = a
		}
	}
}

// FileCapacity is the capacity model of one checked file.
type FileCapacity struct {
	File   string
	Result *capacity.Result
}

// MarshalJSON gives a file's figures as the API's capacity answer with the
// file's name beside them, so that one reader serves both.
func (fc FileCapacity) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		File string `json:"file"`
		*capacity.Result
	}{fc.File, fc.Result})
}

// Capacity computes the capacity and cost model of each target that reads
// as a design, in order. Unreadable targets are left out: Check reports them.
func (l *Linter) Capacity(ctx context.Context, targets []Target) []FileCapacity {
	var out []FileCapacity
	for _, t := range targets {
		if ctx.Err() != nil {
			break
		}
		d := l.designOf(t)
		if d == nil {
			continue
		}
		out = append(out, FileCapacity{File: input.Name(t.Path), Result: capacity.Compute(d, l.Rules.Catalogue(), nil)})
	}
	return out
}

// designOf reads a target as a design, with the side file's traffic.
func (l *Linter) designOf(t Target) *design.Design {
	if t.Path == input.Stdin {
		return nil // already read by Check
	}
	data, err := input.Read(t.Path, nil, MaxFileSize)
	if err != nil {
		return nil
	}
	var d *design.Design
	if IsDesignDocument(t.Path, data) {
		d, err = design.Decode(data, l.Rules.Catalogue())
	} else {
		root := t.Root
		if root == "" {
			root = filepath.Dir(t.Path)
		}
		var imp *iac.Imported
		imp, err = iac.ImportFile(root, t.Path, l.Rules.Catalogue())
		if err == nil {
			d = imp.Design
		}
	}
	if err != nil || d == nil {
		return nil
	}
	d.Traffic, d.Assumptions = maps.Clone(d.Traffic), maps.Clone(d.Assumptions)
	l.withTraffic(d)
	return d
}
