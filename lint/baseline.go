package lint

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/archlab/archlab/design"
)

// A baseline records the findings a project has today, so that lint
// reports only new ones: a team adopts archlab on day one and cleans up
// later. It is a JSON file kept in the repository:
//
//	{
//	  "version": 1,
//	  "findings": [
//	    {"file": "orders/template.yaml", "rule": "sqs-no-redrive", "subjects": ["OrderQueue"], "count": 1}
//	  ]
//	}
//
// A finding is known by its file (relative to the baseline's folder, with
// forward slashes), its rule and its subjects (sorted), not by its line or
// message, so that moving a resource or rewording a message makes nothing
// new. count is how many findings share the key: when a resource has one
// more, the one more is new. Entries are sorted by file, rule and subjects,
// so that a rewritten baseline diffs well.

// BaselineVersion is the version of the baseline format lint writes and
// reads.
const BaselineVersion = 1

// maxBaselineEntries bounds what a baseline file may hold; a baseline is
// read whole.
const maxBaselineEntries = 100_000

// Baseline is the findings recorded in a baseline file.
type Baseline struct {
	Version  int             `json:"version"`
	Findings []BaselineEntry `json:"findings"`
}

// BaselineEntry is the findings of one rule about the same subjects in one
// file.
type BaselineEntry struct {
	File     string   `json:"file"`
	Rule     string   `json:"rule"`
	Subjects []string `json:"subjects"`
	Count    int      `json:"count"`
}

func (e BaselineEntry) key() string {
	return e.File + "\x00" + e.Rule + "\x00" + strings.Join(e.Subjects, "\x00")
}

// baselineEntry is the entry a result counts towards; dir is the folder
// of the baseline file, which file paths are relative to.
func baselineEntry(r Result, dir string) BaselineEntry {
	subjects := slices.Clone(r.Subjects)
	slices.Sort(subjects)
	if subjects == nil {
		subjects = []string{}
	}
	return BaselineEntry{File: baselinePath(r.File, dir), Rule: r.Rule, Subjects: subjects, Count: 1}
}

// baselinePath makes a result's file relative to the baseline's folder,
// so that lint finds the same file whether it is run from the repository's
// root or elsewhere, on a folder or on the file.
func baselinePath(file, dir string) string {
	abs, err := filepath.Abs(file)
	if err == nil {
		if absDir, err := filepath.Abs(dir); err == nil {
			if rel, err := filepath.Rel(absDir, abs); err == nil {
				return filepath.ToSlash(rel)
			}
		}
	}
	return filepath.ToSlash(filepath.Clean(file))
}

// NewBaseline records the results that are reported (not suppressed in
// the files) for a baseline file in dir.
func NewBaseline(rs []Result, dir string) *Baseline {
	counts := map[string]*BaselineEntry{}
	for _, r := range rs {
		if r.Suppressed != nil && r.Suppressed.Kind == SuppressedInSource {
			continue
		}
		e := baselineEntry(r, dir)
		if have := counts[e.key()]; have != nil {
			have.Count++
			continue
		}
		counts[e.key()] = &e
	}
	b := &Baseline{Version: BaselineVersion, Findings: []BaselineEntry{}}
	for _, e := range counts {
		b.Findings = append(b.Findings, *e)
	}
	slices.SortFunc(b.Findings, func(x, y BaselineEntry) int {
		return cmp.Or(strings.Compare(x.File, y.File), strings.Compare(x.Rule, y.Rule),
			slices.Compare(x.Subjects, y.Subjects))
	})
	return b
}

// Write writes the baseline as indented JSON, one entry a line, ending
// with a newline.
func (b *Baseline) Write(w io.Writer) error {
	var buf bytes.Buffer
	buf.WriteString("{\n  \"version\": ")
	fmt.Fprint(&buf, b.Version)
	buf.WriteString(",\n  \"findings\": [")
	for i, e := range b.Findings {
		line, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("lint: write baseline: %w", err)
		}
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString("\n    ")
		buf.Write(line)
	}
	if len(b.Findings) > 0 {
		buf.WriteString("\n  ")
	}
	buf.WriteString("]\n}\n")
	_, err := w.Write(buf.Bytes())
	return err
}

// WriteFile writes the baseline to path, replacing the file whole
// or not at all.
func (b *Baseline) WriteFile(path string) error {
	var buf bytes.Buffer
	if err := b.Write(&buf); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// ReadBaseline reads a baseline file strictly: errors name the entry and
// field at fault.
func ReadBaseline(path string) (*Baseline, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
	var b Baseline
	if err := design.DecodeJSON(data, &b); err != nil {
		return nil, err
	}
	switch {
	case b.Version == 0:
		return nil, design.Invalid("version", "is required: %d", BaselineVersion)
	case b.Version != BaselineVersion:
		return nil, design.Invalid("version", "%d is not a baseline version this archlab reads; it reads version %d", b.Version, BaselineVersion)
	case len(b.Findings) > maxBaselineEntries:
		return nil, design.Invalid("findings", "holds %d entries; at most %d", len(b.Findings), maxBaselineEntries)
	}
	for i, e := range b.Findings {
		at := fmt.Sprintf("findings[%d]", i)
		switch {
		case e.File == "":
			return nil, design.Invalid(at+".file", "is required")
		case e.Rule == "":
			return nil, design.Invalid(at+".rule", "is required")
		case e.Count < 1:
			return nil, design.Invalid(at+".count", "must be 1 or more, not %d", e.Count)
		}
		b.Findings[i].Subjects = slices.Clone(e.Subjects)
		slices.Sort(b.Findings[i].Subjects)
		if b.Findings[i].Subjects == nil {
			b.Findings[i].Subjects = []string{}
		}
	}
	return &b, nil
}

// Apply marks the results the baseline holds as suppressed (external), up
// to each entry's count, in the order of rs; dir is the baseline file's
// folder. It returns how many recorded findings no result matched: fixed
// since, or gone with their file.
func (b *Baseline) Apply(rs []Result, dir, name string) (gone int) {
	left := make(map[string]int, len(b.Findings))
	for _, e := range b.Findings {
		left[e.key()] += e.Count
	}
	for i := range rs {
		if rs[i].Suppressed != nil {
			continue
		}
		k := baselineEntry(rs[i], dir).key()
		if left[k] > 0 {
			left[k]--
			rs[i].Suppressed = &Suppression{Kind: SuppressedExternal, Justification: "recorded in the baseline " + name}
		}
	}
	for _, n := range left {
		gone += n
	}
	return gone
}
