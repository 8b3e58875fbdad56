package design

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Bounds on one property value. A value is read whole into every page,
// export and findings run that shows its design, so each is bounded where
// it comes in: the deepest value in 831 real SAM templates nests 10
// levels, the widest object holds 65 keys and the largest encodes to 3 KB;
// the largest JSON value AWS itself takes is a Step Functions definition
// of 1 MiB.
const (
	MaxValueDepth   = 32
	MaxValueEntries = 1000
	MaxValueBytes   = 1 << 20
)

// checkValue checks a JSON property value against the bounds: its depth,
// the keys of each object and items of each list, the characters of its
// strings and keys, and its encoded size. The value has been decoded, so
// it is bounded by the decoder's own nesting limit; measuring its whole
// depth here is linear in its size.
func checkValue(v any) error {
	depth, err := walkValue(v, "")
	if err != nil {
		return err
	}
	if depth > MaxValueDepth {
		return fmt.Errorf("nested %s levels deep; at most %d", FormatNumber(float64(depth)), MaxValueDepth)
	}
	// Depth is bounded now, so encoding cannot run away.
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("cannot be written as JSON")
	}
	if len(b) > MaxValueBytes {
		return fmt.Errorf("is %s bytes as JSON; at most %s", FormatNumber(float64(len(b))), FormatNumber(MaxValueBytes))
	}
	return nil
}

// walkValue returns the depth of v (a scalar is 0, [] or {} is 1) or the
// first entry that breaks a bound, named by its path within the value.
func walkValue(v any, path string) (int, error) {
	switch v := v.(type) {
	case string:
		if err := controlIn(v, true); err != nil {
			return 0, within1(path, err)
		}
		return 0, nil
	case []any:
		if len(v) > MaxValueEntries {
			return 0, within1(path, fmt.Errorf("is a list of %s items; at most %s", FormatNumber(float64(len(v))), FormatNumber(MaxValueEntries)))
		}
		depth := 0
		for i, e := range v {
			d, err := walkValue(e, fmt.Sprintf("%s[%d]", path, i))
			if err != nil {
				return 0, err
			}
			depth = max(depth, d)
		}
		return depth + 1, nil
	case map[string]any:
		if len(v) > MaxValueEntries {
			return 0, within1(path, fmt.Errorf("is an object of %s keys; at most %s", FormatNumber(float64(len(v))), FormatNumber(MaxValueEntries)))
		}
		depth := 0
		for _, k := range Props(v).Keys() {
			if err := controlIn(k, false); err != nil {
				return 0, within1(path, fmt.Errorf("has a key that %s", err))
			}
			d, err := walkValue(v[k], joinPath(path, k))
			if err != nil {
				return 0, err
			}
			depth = max(depth, d)
		}
		return depth + 1, nil
	}
	return 0, nil
}

// within1 says where inside a value a problem is.
func within1(path string, err error) error {
	if path == "" {
		return err
	}
	return fmt.Errorf("at %s %w", path, err)
}

// controlIn refuses the control characters of a text: none can mean
// anything in a title, name or id, and Postgres cannot store U+0000 at
// all. Multi-line text keeps tabs and line breaks.
func controlIn(s string, multiline bool) error {
	for i, r := range s {
		if r >= 0x20 && r != 0x7f {
			continue
		}
		if multiline && (r == '\t' || r == '\n' || r == '\r') {
			continue
		}
		return fmt.Errorf("holds the control character %s at byte %d; %s", controlName(r), i, allowedText(multiline))
	}
	return nil
}

func controlName(r rune) string {
	switch r {
	case 0:
		return "NUL (U+0000)"
	case '\t':
		return "tab (U+0009)"
	case '\n':
		return "line feed (U+000A)"
	case '\r':
		return "carriage return (U+000D)"
	}
	return fmt.Sprintf("U+%04X", r)
}

func allowedText(multiline bool) string {
	if multiline {
		return "text may hold tabs and line breaks, no other control characters"
	}
	return "this is one line of text, without control characters"
}

// checkText checks one line of text: valid UTF-8, no control characters,
// at most max characters.
func checkText(field, s string, max int) error {
	return checkTextOf(field, s, max, false)
}

// checkMultiline checks text that may run over several lines (a
// description, a reason).
func checkMultiline(field, s string, max int) error {
	return checkTextOf(field, s, max, true)
}

func checkTextOf(field, s string, max int, multiline bool) error {
	if !utf8.ValidString(s) {
		return Invalid(field, "is not valid UTF-8")
	}
	if n := utf8.RuneCountInString(s); n > max {
		return Invalid(field, "is %d characters long; at most %d", n, max)
	}
	if err := controlIn(s, multiline); err != nil {
		return Invalid(field, "%s", err)
	}
	return nil
}

// multilineProps are the string properties whose values may run over
// several lines: descriptions, queries and expressions, formats and
// separators.
var multilineSuffixes = []string{"Description", "Sql", "Expression", "Format", "Separator"}

func multilineProp(name string) bool {
	for _, s := range multilineSuffixes {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	return false
}
