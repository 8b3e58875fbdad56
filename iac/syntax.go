package iac

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"

	"github.com/archlab/archlab/design"
)

// SyntaxError is a file that is not a readable YAML or JSON document: a
// syntax error, a key written twice in one mapping, or a limit of the
// importer broken (size, nesting, aliases). CloudFormation refuses such a
// template before it reads anything, so lint reports it as a finding at
// its line (rule template-malformed) rather than refusing the run.
type SyntaxError struct {
	// File is the file's path in the folder an import reads (ImportFS);
	// "" for the input of Import.
	File string
	// Line and Column say where, from 1; 0 when the parser does not know.
	Line, Column int
	// Message is the whole explanation, with the line when known.
	Message string
}

func (e *SyntaxError) Error() string { return e.Message }

// lineColumn finds the line (and column) a parser's message names:
// "line 3: ...", "at line 3, column 7".
var lineColumn = regexp.MustCompile(`\bline (\d+)(?:(?:, |: )column (\d+))?`)

// syntaxError gives a parse error its line and column, read from its
// message.
func syntaxError(err error) *SyntaxError {
	var se *SyntaxError
	if errors.As(err, &se) {
		return se
	}
	se = &SyntaxError{Message: err.Error()}
	if m := lineColumn.FindStringSubmatch(se.Message); m != nil {
		se.Line, _ = strconv.Atoi(m[1])
		se.Column, _ = strconv.Atoi(m[2])
	}
	return se
}

// malformedError is what Import returns for input that does not parse: a
// *design.Error (EMALFORMED) for the handlers and the *SyntaxError that
// says where, for lint; errors.As finds either.
type malformedError struct {
	domain *design.Error
	syntax *SyntaxError
}

func (e *malformedError) Error() string { return e.domain.Error() }

func (e *malformedError) Unwrap() []error { return []error{e.domain, e.syntax} }

func malformed(se *SyntaxError) error {
	msg := se.Message
	if se.File != "" {
		msg = fmt.Sprintf("%s: %s", se.File, se.Message)
	}
	return &malformedError{domain: design.Errorf(design.EMALFORMED, "%s", msg), syntax: se}
}
