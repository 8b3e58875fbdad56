package design

import (
	"strings"
	"unicode/utf8"
)

// MaxSourceBytes bounds the template a design keeps: as large as a
// template archlab imports.
const MaxSourceBytes = 10 << 20

// MaxSourceFileLen bounds the file name a source remembers.
const MaxSourceFileLen = 1024

// MaxSourceFiles bounds the files a source keeps beside its template.
const MaxSourceFiles = 100

// Source is the template a design was imported from, kept as written so
// that exporting the design gives the template back with only the design's
// edits applied: what the model does not draw (code locations, routes,
// parameters, conditions, outputs, resources archlab does not model,
// comments) is never lost on the way back.
type Source struct {
	// File names the template as it was imported ("template.yaml").
	File string `json:"file,omitempty"`
	// Template is the template's text, YAML or JSON, byte for byte.
	Template string `json:"template"`
	// Files are the files the import read beside the template (state
	// machine definitions, OpenAPI documents, nested stacks), by their
	// paths in the folder it was read from, as File is; the export writes
	// the template only, and reads them to know what the template said.
	Files map[string]string `json:"files,omitempty"`
}

// Check validates a source: text within MaxSourceBytes, valid UTF-8,
// no NUL byte. The importer keeps only a source that passes it.
// Whether it is a template is for the exporter to find, when it reads it.
func (s *Source) Check() error {
	if err := checkText("source.file", s.File, MaxSourceFileLen); err != nil {
		return err
	}
	if s.Template == "" {
		return Invalid("source.template", "is required: the template's text")
	}
	if !utf8.ValidString(s.Template) {
		return Invalid("source.template", "is not valid UTF-8")
	}
	if i := strings.IndexByte(s.Template, 0); i >= 0 {
		return Invalid("source.template", "holds a NUL byte at byte %d: a template is text", i)
	}
	n := len(s.Template)
	if n > MaxSourceBytes {
		return Invalid("source.template", "is %s bytes; a design keeps a template of at most %s bytes", FormatNumber(float64(n)), FormatNumber(MaxSourceBytes))
	}
	if len(s.Files) > MaxSourceFiles {
		return Invalid("source.files", "holds %d files; at most %d", len(s.Files), MaxSourceFiles)
	}
	for name, text := range s.Files {
		field := "source.files[" + name + "]"
		if err := checkText(field, name, MaxSourceFileLen); err != nil {
			return Invalid("source.files", "a file name is not valid UTF-8 or over %d characters", MaxSourceFileLen)
		}
		if name == "" || name == s.File {
			return Invalid(field, "names the template itself or nothing")
		}
		if !utf8.ValidString(text) {
			return Invalid(field, "is not valid UTF-8")
		}
		if i := strings.IndexByte(text, 0); i >= 0 {
			return Invalid(field, "holds a NUL byte at byte %d: a file is text", i)
		}
		if n += len(text); n > MaxSourceBytes {
			return Invalid("source.files", "hold, with the template, more than %s bytes", FormatNumber(MaxSourceBytes))
		}
	}
	return nil
}
