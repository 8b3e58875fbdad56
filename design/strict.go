package design

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// decodeStrict decodes one JSON value into v, refusing unknown fields,
// field names that differ in case from the document's (encoding/json
// matches them case-insensitively), values of the wrong JSON type and
// trailing data. Its errors name the value by its JSON path
// ("blocks[2].x") and the JSON type expected, never a Go type.
//
// The value is first read as plain JSON and checked against v's type;
// only a value that passes is decoded into v, so encoding/json's own
// errors (which name Go types and structs) are not what people see.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var plain any
	if err := dec.Decode(&plain); err != nil {
		return jsonError(data, err)
	}
	if dec.More() {
		off := dec.InputOffset()
		return Errorf(EMALFORMED, "unexpected data after the JSON value at %s", position(data, off))
	}
	if err := checkShape(plain, reflect.TypeOf(v), ""); err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return jsonError(data, err)
	}
	return nil
}

var (
	timeType      = reflect.TypeFor[time.Time]()
	rawType       = reflect.TypeFor[json.RawMessage]()
	unmarshalType = reflect.TypeFor[json.Unmarshaler]()
	textType      = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// checkShape checks a plain JSON value (as decoded into any, with
// json.Number) against the Go type it is to be decoded into.
func checkShape(v any, t reflect.Type, path string) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if v == nil { // null leaves any Go value as it is
		return nil
	}
	switch {
	case t == rawType || t.Kind() == reflect.Interface:
		return nil
	case t == timeType:
		s, ok := v.(string)
		if ok {
			if _, err := time.Parse(time.RFC3339, s); err == nil {
				return nil
			}
		}
		return Invalid(path, "must be a date and time such as \"2026-12-04T10:00:00Z\", not %s", describeJSON(v))
	case reflect.PointerTo(t).Implements(unmarshalType):
		return nil // a type that reads itself says what is wrong itself
	case reflect.PointerTo(t).Implements(textType):
		if _, ok := v.(string); !ok {
			return Invalid(path, "must be a string, not %s", describeJSON(v))
		}
		return nil
	}
	switch t.Kind() {
	case reflect.String:
		if _, ok := v.(string); !ok {
			return Invalid(path, "must be a string, not %s", describeJSON(v))
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			return Invalid(path, "must be true or false, not %s", describeJSON(v))
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := v.(json.Number)
		if !ok {
			return Invalid(path, "must be a whole number, not %s", describeJSON(v))
		}
		if _, err := strconv.ParseInt(string(n), 10, t.Bits()); err != nil {
			if f, ferr := strconv.ParseFloat(string(n), 64); ferr != nil || f != math.Trunc(f) {
				return Invalid(path, "must be a whole number, not %s", n)
			}
			return Invalid(path, "must be a whole number from %d to %d, not %s", minInt(t.Bits()), maxInt(t.Bits()), n)
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, ok := v.(json.Number)
		if !ok {
			return Invalid(path, "must be a whole number, not %s", describeJSON(v))
		}
		if _, err := strconv.ParseUint(string(n), 10, t.Bits()); err != nil {
			if f, ferr := strconv.ParseFloat(string(n), 64); ferr != nil || f != math.Trunc(f) {
				return Invalid(path, "must be a whole number, not %s", n)
			}
			return Invalid(path, "must be a whole number from 0 to %d, not %s", uint64(math.MaxUint64)>>(64-t.Bits()), n)
		}
	case reflect.Float32, reflect.Float64:
		n, ok := v.(json.Number)
		if !ok {
			return Invalid(path, "must be a number, not %s", describeJSON(v))
		}
		if _, err := strconv.ParseFloat(string(n), t.Bits()); err != nil {
			return Invalid(path, "must be a number within range, not %s", n)
		}
	case reflect.Slice, reflect.Array:
		items, ok := v.([]any)
		if !ok {
			return Invalid(path, "must be a list, not %s", describeJSON(v))
		}
		for i, it := range items {
			if err := checkShape(it, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	case reflect.Map:
		m, ok := v.(map[string]any)
		if !ok {
			return Invalid(path, "must be an object, not %s", describeJSON(v))
		}
		for k, e := range m {
			if err := checkShape(e, t.Elem(), joinPath(path, k)); err != nil {
				return err
			}
		}
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			return Invalid(path, "must be an object, not %s", describeJSON(v))
		}
		fields := fieldsOf(t)
		for _, k := range Props(m).Keys() { // sorted: the first error is stable
			ft, ok := fields[k]
			if !ok {
				return unknownField(path, k, fields)
			}
			if err := checkShape(m[k], ft, joinPath(path, k)); err != nil {
				return err
			}
		}
	default:
		return Invalid(path, "cannot be read from JSON")
	}
	return nil
}

func unknownField(path, name string, fields map[string]reflect.Type) error {
	for f := range fields {
		if strings.EqualFold(f, name) {
			return Invalid(joinPath(path, name), "unknown field %q: field names are case-sensitive; did you mean %q?", name, f)
		}
	}
	names := make([]string, 0, len(fields))
	for f := range fields {
		names = append(names, f)
	}
	// Sorted, so that of equally close names the hint is always the same.
	slices.Sort(names)
	return Invalid(joinPath(path, name), "unknown field %q%s", name, suggest(name, names))
}

func joinPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func minInt(bits int) int64 { return -1 << (bits - 1) }
func maxInt(bits int) int64 { return 1<<(bits-1) - 1 }

// describeJSON names a plain JSON value's type for an error message.
func describeJSON(v any) string {
	switch v := v.(type) {
	case string:
		if len(v) > 40 {
			return "a string"
		}
		return fmt.Sprintf("the string %q", v)
	case json.Number:
		return "the number " + v.String()
	case bool:
		return fmt.Sprintf("%t", v)
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return "null"
}

// fieldCache holds, per struct type, its JSON field names and their types.
var fieldCache sync.Map // reflect.Type → map[string]reflect.Type

// fieldsOf lists the JSON fields of a struct type the way encoding/json
// sees them: tagged names, fields of embedded structs promoted, a
// shallower field hiding a deeper one of the same name.
func fieldsOf(t reflect.Type) map[string]reflect.Type {
	if f, ok := fieldCache.Load(t); ok {
		return f.(map[string]reflect.Type)
	}
	fields := map[string]reflect.Type{}
	depthOf := map[string]int{}
	var walk func(t reflect.Type, depth int)
	walk = func(t reflect.Type, depth int) {
		for i := range t.NumField() {
			sf := t.Field(i)
			tag := sf.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, _, _ := strings.Cut(tag, ",")
			ft := sf.Type
			if sf.Anonymous && name == "" {
				et := ft
				if et.Kind() == reflect.Pointer {
					et = et.Elem()
				}
				if et.Kind() == reflect.Struct {
					walk(et, depth+1)
					continue
				}
			}
			if !sf.IsExported() {
				continue
			}
			if name == "" {
				name = sf.Name
			}
			if d, seen := depthOf[name]; seen && d <= depth {
				continue
			}
			fields[name], depthOf[name] = ft, depth
		}
	}
	walk(t, 0)
	fieldCache.Store(t, fields)
	return fields
}
