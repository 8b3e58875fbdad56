package design

import "unicode/utf8"

// MaxSourceBytes bounds the template a design keeps: as large as a
// template archlab imports.
const MaxSourceBytes = 10 << 20

// MaxSourceFileLen bounds the file name a source remembers.
const MaxSourceFileLen = 1024

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
}

// check validates a source: text within MaxSourceBytes, valid UTF-8.
// Whether it is a template is for the exporter to find, when it reads it.
func (s *Source) check() error {
	if err := checkText("source.file", s.File, MaxSourceFileLen); err != nil {
		return err
	}
	if s.Template == "" {
		return Invalid("source.template", "is required: the template's text")
	}
	if !utf8.ValidString(s.Template) {
		return Invalid("source.template", "is not valid UTF-8")
	}
	if n := len(s.Template); n > MaxSourceBytes {
		return Invalid("source.template", "is %s bytes; a design keeps a template of at most %s bytes", FormatNumber(float64(n)), FormatNumber(MaxSourceBytes))
	}
	return nil
}
