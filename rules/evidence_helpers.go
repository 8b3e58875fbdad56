package rules

import (
	"strings"

	"github.com/archlab/archlab/design"
)

// codeCall reports whether a connection is a call from code (an SDK call, a
// database connection, the Data API): the connections permissions and the
// environment imply.
func codeCall(cn *design.Connection) bool {
	switch cn.Integration {
	case design.IntSDK, design.IntSQL, design.IntDataAPI:
		return true
	}
	return false
}

// writes reports whether a connection may send or change data at its
// target, which can cause events there. Everything but a call from code
// does. A call from code does when the IAM actions it lists include a
// write; one that lists none writes when it was declared (drawn), and not
// when it was only inferred (an environment variable says nothing of what
// the code does with the resource).
func writes(c *Context, cn *design.Connection) bool {
	if !codeCall(cn) {
		return true
	}
	to := c.To(cn)
	if to == nil {
		return false
	}
	actions := c.ConnProp(cn, "Actions")
	if len(actions.Items()) == 0 {
		return !cn.Inferred()
	}
	return c.Cat.MostAccess(to.Kind, actions.Strings()) == design.AccessWrite
}

// writeActions lists the actions of a call from code that write to its
// target, for messages.
func writeActions(c *Context, cn *design.Connection) []string {
	to := c.To(cn)
	if to == nil || !codeCall(cn) {
		return nil
	}
	return c.Cat.WriteActions(to.Kind, c.ConnProp(cn, "Actions").Strings())
}

// allInferred reports whether every one of the connections is only
// inferred; false for none.
func allInferred(conns ...*design.Connection) bool {
	for _, cn := range conns {
		if !cn.Inferred() {
			return false
		}
	}
	return len(conns) > 0
}

// inferredWhy says why inferred connections were assumed, naming their
// sources: "Worker's role allows kinesis:PutRecord". Declared connections
// among them are left out.
func inferredWhy(c *Context, conns ...*design.Connection) string {
	var parts []string
	for _, cn := range conns {
		why := cn.Because()
		if why == "" {
			continue
		}
		from := cn.From
		if b := c.From(cn); b != nil {
			from = c.Label(b)
		}
		// "its role allows ..." reads as "Worker's role allows ...".
		why = strings.ReplaceAll(why, "its ", from+"'s ")
		why = strings.ReplaceAll(why, "names it", "names "+cn.To)
		why = strings.ReplaceAll(why, "grants it", "grants "+from+" access to "+cn.To)
		why = strings.ReplaceAll(why, "allows it", "allows "+from+" to call "+cn.To)
		parts = append(parts, why)
	}
	return strings.Join(parts, "; ")
}
