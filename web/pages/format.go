package pages

import (
	"encoding/json"
	"fmt"

	"github.com/archlab/archlab/design"
)

// propText prints a property value the way people write it.
func propText(v any) string {
	switch v := v.(type) {
	case float64:
		return design.FormatNumber(v)
	case string:
		return v
	case bool:
		return fmt.Sprint(v)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
