package design

import (
	"bytes"
	"encoding/json"
)

// MarshalReadable encodes v as indented JSON for people to read, unless
// the indentation would make it more than four times its compact size:
// then it stays compact. Indentation costs a line of up to two spaces a
// level for every value, so a value wide and deep enough would otherwise
// grow some thirty times (a 1 MiB property into 30 MB of page or file).
func MarshalReadable(v any) ([]byte, error) {
	compact, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	if indentedSize(compact) > 4*len(compact)+1024 {
		return compact, nil
	}
	var buf bytes.Buffer
	buf.Grow(indentedSize(compact))
	if err := json.Indent(&buf, compact, "", "  "); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// indentedSize is about the size json.Indent gives compact JSON with two
// spaces a level, found in one pass: each opening, comma and closing
// starts a line indented by its depth.
func indentedSize(compact []byte) int {
	n, depth, inString, escaped := len(compact), 0, false, false
	for _, c := range compact {
		if inString {
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '{', '[':
			depth++
			n += 1 + 2*depth
		case ',':
			n += 1 + 2*depth
		case '}', ']':
			depth--
			n += 1 + 2*depth
		case ':':
			n++ // the space after a key
		}
	}
	return n
}
