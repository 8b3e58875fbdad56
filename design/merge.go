package design

import (
	"slices"
	"strings"
)

// Collisions returns the keys of a batch (what it read and wrote) that
// collide with keys written by the revisions applied since the batch's base
// version. An empty result means the batch merges cleanly: it touches no
// block, connection, property or title that changed in between.
func Collisions(c *Change, written []string) []string {
	if len(written) == 0 {
		return nil
	}
	exact := make(map[string]bool, len(written))
	under := make(map[string]bool, len(written)*2) // proper prefixes of written keys
	for _, w := range written {
		exact[w] = true
		for i := strings.IndexByte(w, '/'); i >= 0; {
			under[w[:i]] = true
			j := strings.IndexByte(w[i+1:], '/')
			if j < 0 {
				break
			}
			i += j + 1
		}
	}
	var hits []string
	for _, k := range append(slices.Clone(c.Reads), c.Writes...) {
		if collides(k, exact, under) {
			hits = append(hits, k)
		}
	}
	return dedupe(hits)
}

func collides(k string, exact, under map[string]bool) bool {
	if k == "*" || exact["*"] || exact[k] || under[k] {
		return true
	}
	// A write of any prefix of k (the whole block, say) covers k.
	for i := strings.IndexByte(k, '/'); i >= 0; {
		if exact[k[:i]] {
			return true
		}
		j := strings.IndexByte(k[i+1:], '/')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return false
}
