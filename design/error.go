package design

import (
	"errors"
	"fmt"
)

// Error codes shared by every layer. Handlers translate them to HTTP statuses
// at the edge; the store and the domain only ever speak in these terms.
const (
	EINVALID   = "invalid"   // the input breaks a rule of the document or the catalogue
	ENOTFOUND  = "not_found" // no such design, version or block
	ECONFLICT  = "conflict"  // a concurrent edit changed what this one touches
	EFORBIDDEN = "forbidden" // the edit key is missing or wrong
	// EUNAVAILABLE: the database cannot be reached or did not answer in
	// time; nothing is known to have changed, and the same request may be
	// sent again (a batch with its id is applied at most once).
	EUNAVAILABLE = "unavailable"
	EINTERNAL    = "internal" // anything else; never shown to users in detail
)

// Error is the domain's error: a code, a message a person can act on, and
// where the problem is (a JSON path such as "ops[2].block.props.Timeout").
type Error struct {
	Code    string
	Message string
	// Field is the path of the offending value in the request, when known.
	Field string
	// Current is the fresh design that a conflicting edit was refused against,
	// so that clients can reload without another request.
	Current *Design
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s", e.Field, e.Message)
	}
	return e.Message
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns an EINVALID error about the value at field.
func Invalid(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for
// any other error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the first *Error in err's chain, or a
// generic text for anything else so that internals never leak to users.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Error()
	}
	return "Internal error."
}

// within prefixes the field of a domain error with path, so that an error
// found deep inside a document names its place in the whole request.
func within(path string, err error) error {
	var e *Error
	if !errors.As(err, &e) {
		return err
	}
	c := *e
	switch {
	case c.Field == "":
		c.Field = path
	case c.Field[0] == '[':
		c.Field = path + c.Field
	default:
		c.Field = path + "." + c.Field
	}
	return &c
}
