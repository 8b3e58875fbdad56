package rules

import (
	"github.com/archlab/archlab/design"
)

// lambdaRDSNoProxy: every execution environment of a function opens its own
// database connections, so a function that scales out exhausts the
// database's connections; RDS Proxy pools them. When the database's
// MaxConnections is known, rds-connections-exhausted does the arithmetic
// instead.
type lambdaRDSNoProxy struct{}

func newLambdaRDSNoProxy() Rule { return lambdaRDSNoProxy{} }

// lambdaRDSNoProxyFix is the fix's patch, one map shared by every finding (see fix.go).
var lambdaRDSNoProxyFix = map[string]any{"RDSProxy": true}

func (lambdaRDSNoProxy) Meta() Meta {
	return Meta{
		ID:       "lambda-rds-no-proxy",
		Title:    "Function connects to a database without RDS Proxy",
		Severity: Warning,
		Scope:    "connection:lambda→rds",
	}
}

func (lambdaRDSNoProxy) Check(c *Context, report *Report) {
	for _, cn := range c.Links("lambda", "rds", design.IntSQL) {
		proxy := c.ConnProp(cn, "RDSProxy")
		fn, db := c.From(cn), c.To(cn)
		if proxy.Bool() || c.Prop(db, "MaxConnections").Set() || c.External(fn) {
			continue
		}
		report.Add(Finding{
			Subjects: []string{cn.ID, fn.ID, db.ID},
			Message: c.Label(fn) + " connects to " + c.Label(db) + " with RDSProxy " + proxy.Text() + ": each copy of " +
				"the function opens its own connections, so when Lambda scales out the database runs out of them and " +
				"queries fail. Connect through RDS Proxy, which pools them (or use the Aurora Data API).",
			Fix: ops(setConnProps(cn.ID, lambdaRDSNoProxyFix)),
		})
	}
}
