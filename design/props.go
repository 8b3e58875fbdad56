package design

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
)

// Props holds a block's or a connection's properties by their CloudFormation
// names. Values are JSON values: float64, string, bool, []any and
// map[string]any. A missing key means "not set": the catalogue's AWS default
// applies.
type Props map[string]any

// Clone returns a deep copy.
func (p Props) Clone() Props {
	if p == nil {
		return nil
	}
	c := make(Props, len(p))
	for k, v := range p {
		c[k] = cloneValue(v)
	}
	return c
}

// Keys returns the property names in sorted order.
func (p Props) Keys() []string {
	return slices.Sorted(maps.Keys(p))
}

// Number returns a numeric property and whether it is set.
func (p Props) Number(name string) (float64, bool) {
	v, ok := p[name].(float64)
	return v, ok
}

// String returns a string property and whether it is set.
func (p Props) String(name string) (string, bool) {
	v, ok := p[name].(string)
	return v, ok
}

// Bool returns a boolean property and whether it is set.
func (p Props) Bool(name string) (bool, bool) {
	v, ok := p[name].(bool)
	return v, ok
}

// Equal reports whether two property values are the same JSON value.
func Equal(a, b any) bool {
	return reflect.DeepEqual(canonical(a), canonical(b))
}

func cloneValue(v any) any {
	switch v := v.(type) {
	case []any:
		c := make([]any, len(v))
		for i, e := range v {
			c[i] = cloneValue(e)
		}
		return c
	case map[string]any:
		c := make(map[string]any, len(v))
		for k, e := range v {
			c[k] = cloneValue(e)
		}
		return c
	default:
		return v
	}
}

// canonical converts Go values (ints, []string, structs built in code for
// fixes) into the JSON value types that decoding produces, so that values
// compare and round-trip the same whichever way they were made.
func canonical(v any) any {
	switch v := v.(type) {
	case nil, float64, string, bool:
		return v
	case int:
		return float64(v)
	case int32:
		return float64(v)
	case int64:
		return float64(v)
	case float32:
		return float64(v)
	case json.Number:
		f, err := v.Float64()
		if err != nil {
			return v.String()
		}
		return f
	case []string:
		c := make([]any, len(v))
		for i, s := range v {
			c[i] = s
		}
		return c
	case []any:
		c := make([]any, len(v))
		for i, e := range v {
			c[i] = canonical(e)
		}
		return c
	case map[string]any:
		c := make(map[string]any, len(v))
		for k, e := range v {
			c[k] = canonical(e)
		}
		return c
	default:
		// Anything else goes through JSON once.
		b, err := json.Marshal(v)
		if err != nil {
			return fmt.Sprint(v)
		}
		var out any
		if json.Unmarshal(b, &out) != nil {
			return fmt.Sprint(v)
		}
		return out
	}
}
