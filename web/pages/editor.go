package pages

import (
	"strconv"

	"github.com/a-h/templ"
)

// pastData marks the editor of an old version with the version it shows
// and the latest there was, so that the script keeps the page as it is and
// only offers a newer version.
func pastData(p *PastVersion) templ.Attributes {
	if p == nil {
		return nil
	}
	return templ.Attributes{"data-past": strconv.Itoa(p.Version), "data-latest": strconv.Itoa(p.Latest)}
}
