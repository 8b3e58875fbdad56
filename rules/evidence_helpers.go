package rules

import (
	"slices"
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
// ends: "Worker's role allows kinesis:PutRecord", "Worker's environment
// names Orders (TABLE)". Declared connections among them are left out.
func inferredWhy(c *Context, conns ...*design.Connection) string {
	var parts []string
	for _, cn := range conns {
		if !cn.Inferred() {
			continue
		}
		from, to := cn.From, cn.To
		if b := c.From(cn); b != nil {
			from = c.Label(b)
		}
		if b := c.To(cn); b != nil {
			to = c.Label(b)
		}
		for _, e := range cn.Evidence {
			var s string
			switch e.Basis {
			case design.BasisIAM:
				s = from + "'s role allows " + orText(e.Detail, "access to "+to)
			case design.BasisPolicyTemplate:
				s = "the SAM policy template " + orText(e.Detail, "it uses") + " lets " + from + " call " + to
			case design.BasisEnvironment:
				s = from + "'s environment names " + to
				if e.Detail != "" {
					s += " (" + e.Detail + ")"
				}
			case design.BasisConnector:
				s = "a SAM connector grants " + from + " " + strings.ReplaceAll(orText(e.Detail, "some"), ", ", " and ") + " access to " + to
			}
			if s != "" && !slices.Contains(parts, s) {
				parts = append(parts, s)
			}
		}
	}
	return strings.Join(parts, "; ")
}

// orText is s, or def when s is empty.
func orText(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
