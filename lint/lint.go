// Package lint runs archlab's rules over files, for the command line and CI:
// it finds the files to check, decodes them, and reports findings as text,
// JSON or SARIF.
package lint

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/iac"
	"github.com/archlab/archlab/internal/input"
	"github.com/archlab/archlab/rules"
)

// ImportNote is the rule id of the results that say what of a template the
// import did not read (a resource type archlab does not model, an included
// file); they are info results, so that they show without failing a build.
const ImportNote = "import-note"

// MaxFileSize bounds one input file; larger ones are refused unread.
const MaxFileSize = 10 << 20

// Result is one finding in one file: the JSON contract of archlab lint.
type Result struct {
	File        string         `json:"file"`
	Rule        string         `json:"rule"`
	Severity    rules.Severity `json:"severity"`
	Subjects    []string       `json:"subjects"`
	Message     string         `json:"message"`
	Equivalents []string       `json:"equivalents"`
	// Line and Column locate the first subject in the file, when known.
	Line   int `json:"line,omitempty"`
	Column int `json:"column,omitempty"`
	// Suppressed, when set, says why the result is not reported: the file
	// accepts it, or a baseline holds it. Text and JSON leave such results
	// out; SARIF carries them as suppressed.
	Suppressed *Suppression `json:"-"`
}

// FileError is a file that could not be read or understood.
type FileError struct {
	File string
	Err  error
}

func (e *FileError) Error() string { return e.File + ": " + e.Err.Error() }

func (e *FileError) Unwrap() error { return e.Err }

// Linter checks files with a rule registry.
type Linter struct {
	Rules *rules.Registry
	// Stdin is read for the target "-" (a design or a template, whose
	// references are not read: it has no folder).
	Stdin io.Reader
	// Traffic, when set, gives every design checked these traffic figures
	// and assumptions (see TrafficFile).
	Traffic *TrafficFile
}

// Files expands paths into the files to check, as Targets does, in a
// stable order.
func Files(paths []string) ([]string, error) {
	targets, err := Targets(context.Background(), paths, "")
	if err != nil {
		return nil, err
	}
	out := make([]string, len(targets))
	for i, t := range targets {
		out[i] = t.Path
	}
	return out, nil
}

// Lintable reports whether a file found in a directory is a design or a
// template by its name alone: *.archlab.json, template.yaml|yml|json, and
// the AWS CDK's *.template.json. Other YAML and JSON files are templates
// when their content says so (see looksLikeTemplate).
func Lintable(name string) bool {
	switch name {
	case "template.yaml", "template.yml", "template.json":
		return true
	}
	return strings.HasSuffix(name, ".archlab.json") || strings.HasSuffix(name, ".template.json")
}

// File checks one file and returns its findings: a design document, or a
// SAM or CloudFormation template (YAML or JSON), whose findings name the
// template's logical ids and carry the file and the line and column where
// the first of them is declared. A template's references are read from
// its own folder (see Check).
func (l *Linter) File(path string) ([]Result, error) {
	c, err := l.check(Target{Path: path})
	return c.results, err
}

// checked is what checking one target found, and the other files it read.
type checked struct {
	results []Result
	read    []string
}

func (l *Linter) check(t Target) (checked, error) {
	path := t.Path
	data, err := input.Read(path, l.Stdin, MaxFileSize)
	if err != nil {
		return checked{}, &FileError{File: input.Name(path), Err: err}
	}
	if IsDesignDocument(path, data) {
		d, err := design.Decode(data, l.Rules.Catalogue())
		if err != nil {
			return checked{}, &FileError{File: path, Err: err}
		}
		l.withTraffic(d)
		var out []Result
		for _, f := range everyFinding(l.Rules, d) {
			out = append(out, result(path, f))
		}
		return checked{results: accept(out, d.Accepted, d)}, nil
	}
	if path == input.Stdin {
		return l.stdinTemplate(data)
	}
	return l.template(t)
}

// template checks a template through its folder, so that what it
// references is read and reported at its own file and line. A template
// that does not parse is a template-malformed finding at its line.
func (l *Linter) template(t Target) (checked, error) {
	rootDir := t.Root
	if rootDir == "" {
		rootDir = filepath.Dir(t.Path)
	}
	imp, err := iac.ImportFile(rootDir, t.Path, l.Rules.Catalogue())
	fileOf := func(name string) string {
		if name == "" || name == imp.Files[0] {
			return t.Path
		}
		return filepath.Join(rootDir, filepath.FromSlash(name))
	}
	return l.imported(t.Path, imp, err, fileOf)
}

// stdinTemplate checks a template read from standard input. It has no
// folder to read references from: they are noted as not read.
func (l *Linter) stdinTemplate(data []byte) (checked, error) {
	imp, err := iac.Import(data, "", l.Rules.Catalogue())
	return l.imported(input.Stdin, imp, err, func(string) string { return input.Stdin })
}

// imported turns what importing the template at path gave into results;
// fileOf names the file each import location is in.
func (l *Linter) imported(path string, imp *iac.Imported, err error, fileOf func(string) string) (checked, error) {
	var se *iac.SyntaxError
	if errors.As(err, &se) {
		m := rules.TemplateMalformed
		if se.Line > 0 && se.Column == 0 {
			se.Column = 1 // the YAML parser names lines only
		}
		return checked{results: []Result{{File: path, Rule: m.ID, Severity: m.Severity, Subjects: []string{},
			Message: "the template does not parse: " + se.Message, Equivalents: nonNil(m.Equivalents), Line: se.Line, Column: se.Column}}}, nil
	}
	if err != nil {
		return checked{}, &FileError{File: input.Name(path), Err: err}
	}
	l.withTraffic(imp.Design)
	var out []Result
	for _, f := range everyFinding(l.Rules, imp.Design) {
		r := result(path, f)
		for _, s := range f.Subjects {
			if loc, ok := imp.Locations[s]; ok && loc.Line > 0 {
				r.File, r.Line, r.Column = fileOf(loc.File), loc.Line, loc.Column
				break
			}
		}
		out = append(out, r)
	}
	for _, p := range imp.Problems {
		m, ok := l.Rules.Rule(p.Rule)
		if !ok {
			m = rules.TemplateInvalid
		}
		r := Result{File: fileOf(p.File), Rule: m.ID, Severity: m.Severity, Subjects: []string{}, Message: p.Message,
			Equivalents: nonNil(m.Equivalents), Line: p.Line, Column: p.Column}
		if p.ID != "" {
			r.Subjects = []string{p.ID}
		}
		out = append(out, r)
	}
	for _, n := range imp.Notes {
		r := Result{File: fileOf(n.File), Rule: ImportNote, Severity: rules.Info, Subjects: []string{}, Message: n.Message,
			Equivalents: []string{}, Line: n.Line, Column: n.Column}
		if n.ID != "" {
			r.Subjects = []string{n.ID}
		}
		out = append(out, r)
	}
	withConstructPaths(out, imp.ConstructPaths)
	c := checked{results: accept(out, imp.Accepted, imp.Design)}
	for i, name := range imp.Files {
		if i > 0 {
			c.read = append(c.read, fileOf(name))
		}
	}
	return c, nil
}

func result(path string, f rules.Finding) Result {
	return Result{File: path, Rule: f.Rule, Severity: f.Severity, Subjects: f.Subjects,
		Message: f.Message, Equivalents: nonNil(f.Equivalents)}
}

// IsDesignDocument tells design documents from templates: by name
// (*.archlab.json), and for other names by an archlab/v1 format field.
func IsDesignDocument(path string, data []byte) bool {
	name := filepath.Base(path)
	switch {
	case strings.HasSuffix(name, ".archlab.json"):
		return true
	case name == "template.yaml" || name == "template.yml" || name == "template.json":
		return false
	}
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 || trimmed[0] != '{' || !bytes.Contains(trimmed, []byte(`"archlab/v1"`)) {
		return false
	}
	var head struct {
		Format string `json:"format"`
	}
	return json.Unmarshal(trimmed, &head) == nil && head.Format == design.FormatV1
}

// readFile reads a regular file of at most MaxFileSize bytes.
func readFile(path string) ([]byte, error) {
	return input.ReadFile(path, MaxFileSize)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Sort orders results by file, then worst first, then by subject, so that
// output is stable across runs.
func Sort(rs []Result) {
	slices.SortStableFunc(rs, func(a, b Result) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		if c := a.Severity.Rank() - b.Severity.Rank(); c != 0 {
			return c
		}
		if c := strings.Compare(strings.Join(a.Subjects, ","), strings.Join(b.Subjects, ",")); c != 0 {
			return c
		}
		return strings.Compare(a.Rule, b.Rule)
	})
}

// Failing reports whether any result not suppressed is at or above the
// severity.
func Failing(rs []Result, min rules.Severity) bool {
	for _, r := range rs {
		if r.Suppressed == nil && r.Severity.AtLeast(min) {
			return true
		}
	}
	return false
}
