package design

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// EMALFORMED marks input that is not well-formed JSON; handlers answer 400
// for it, and 422 for well-formed input that breaks a rule (EINVALID).
const EMALFORMED = "malformed"

// rawDocument mirrors Design with the lists kept raw, so that each element
// can be decoded strictly and its errors can name the element.
type rawDocument struct {
	Format      string                 `json:"format"`
	ID          string                 `json:"id"`
	Version     int                    `json:"version"`
	Title       string                 `json:"title"`
	Description string                 `json:"description"`
	Blocks      []json.RawMessage      `json:"blocks"`
	Connections []json.RawMessage      `json:"connections"`
	Groups      []json.RawMessage      `json:"groups"`
	ForkedFrom  *ForkOrigin            `json:"forkedFrom"`
	Accepted    []json.RawMessage      `json:"accepted"`
	Source      *Source                `json:"source"`
	Traffic     map[string]Traffic     `json:"traffic"`
	Assumptions map[string]Assumptions `json:"assumptions"`
	CreatedAt   time.Time              `json:"createdAt"`
	UpdatedAt   time.Time              `json:"updatedAt"`
}

// Decode reads an archlab/v1 document strictly and validates it against the
// catalogue. Unknown fields, duplicate ids, connections to missing blocks and
// unknown kinds are errors that name the field and the value. The id, version
// and timestamps of a document read back from the API are accepted and
// dropped: they belong to the stored copy, not to the content.
func Decode(data []byte, cat *Catalogue) (*Design, error) {
	var raw rawDocument
	if err := decodeStrict(data, &raw); err != nil {
		return nil, err
	}
	if raw.Format != FormatV1 {
		if raw.Format == "" {
			return nil, Invalid("format", "is required and must be %q", FormatV1)
		}
		return nil, Invalid("format", "%q is not supported; use %q", raw.Format, FormatV1)
	}
	d := &Design{
		Title:       raw.Title,
		Description: raw.Description,
		Blocks:      make([]Block, len(raw.Blocks)),
		Connections: make([]Connection, len(raw.Connections)),
		ForkedFrom:  raw.ForkedFrom,
		Source:      raw.Source,
		Traffic:     raw.Traffic,
		Assumptions: raw.Assumptions,
	}
	// Counted before the elements are decoded, so that a document of a
	// million blocks costs nothing more.
	if err := cat.Limits().checkCounts(len(raw.Blocks), len(raw.Connections)); err != nil {
		return nil, err
	}
	for i, rb := range raw.Blocks {
		if err := decodeStrict(rb, &d.Blocks[i]); err != nil {
			return nil, within(fmt.Sprintf("blocks[%d]", i), err)
		}
	}
	for i, rc := range raw.Connections {
		if err := decodeStrict(rc, &d.Connections[i]); err != nil {
			return nil, within(fmt.Sprintf("connections[%d]", i), err)
		}
	}
	if len(raw.Groups) > MaxGroups {
		return nil, Invalid("groups", "holds %d groups; at most %d", len(raw.Groups), MaxGroups)
	}
	for i, rg := range raw.Groups {
		var g Group
		if err := decodeStrict(rg, &g); err != nil {
			return nil, within(fieldIndex("groups", i), err)
		}
		d.Groups = append(d.Groups, g)
	}
	if len(raw.Accepted) > MaxAccepted {
		return nil, Invalid("accepted", "holds %d entries; at most %d", len(raw.Accepted), MaxAccepted)
	}
	for i, ra := range raw.Accepted {
		var a Accepted
		if err := decodeStrict(ra, &a); err != nil {
			return nil, within(fmt.Sprintf("accepted[%d]", i), err)
		}
		d.Accepted = append(d.Accepted, a)
	}
	if err := d.Validate(cat); err != nil {
		return nil, err
	}
	return d, nil
}

// DecodeReader is Decode for a stream, reading at most limit bytes.
func DecodeReader(r io.Reader, limit int64, cat *Catalogue) (*Design, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("design: read document: %w", err)
	}
	if int64(len(data)) > limit {
		return nil, Errorf(EINVALID, "the document is larger than %d bytes", limit)
	}
	return Decode(data, cat)
}

// MarshalJSON writes the document with its format marker first.
func (d *Design) MarshalJSON() ([]byte, error) {
	type plain Design
	p := (*plain)(d)
	if p.Blocks == nil {
		p.Blocks = []Block{}
	}
	if p.Connections == nil {
		p.Connections = []Connection{}
	}
	return json.Marshal(struct {
		Format string `json:"format"`
		*plain
	}{FormatV1, p})
}

// DecodeJSON is decodeStrict for other packages' request bodies, so that all
// JSON input gets the same errors with positions.
func DecodeJSON(data []byte, v any) error { return decodeStrict(data, v) }

func jsonError(data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return Errorf(EMALFORMED, "the body is empty; expected a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return Errorf(EMALFORMED, "the JSON ends early at %s", position(data, int64(len(data))))
	case errors.As(err, &syn):
		// Offset counts the bytes read, the offending one included.
		return Errorf(EMALFORMED, "malformed JSON at %s: %s", position(data, max(syn.Offset-1, 0)), strings.TrimPrefix(syn.Error(), "json: "))
	case errors.As(err, &typ):
		// checkShape refuses what encoding/json would; this is a backstop
		// that names the JSON type found and never the Go type.
		return Invalid("", "holds a JSON %s where another type of value belongs", typ.Value)
	}
	var de *Error
	if errors.As(err, &de) {
		return de
	}
	// Anything else (nesting past encoding/json's limit) is malformed;
	// the text is encoding/json's, which names no Go type for these.
	return Errorf(EMALFORMED, "malformed JSON: %s", strings.TrimPrefix(err.Error(), "json: "))
}

// position turns a byte offset into "line L, column C".
func position(data []byte, off int64) string {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	line, col := 1, 1
	for _, c := range data[:off] {
		if c == '\n' {
			line++
			col = 1
			continue
		}
		col++
	}
	return fmt.Sprintf("line %d, column %d", line, col)
}
