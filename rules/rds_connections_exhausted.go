package rules

import (
	"github.com/archlab/archlab/design"
)

// rdsConnectionsExhausted: without RDS Proxy each concurrent copy of a
// function holds its own connection, so a function that may run more copies
// than the database accepts connections exhausts it at peak.
type rdsConnectionsExhausted struct{}

func newRDSConnectionsExhausted() Rule { return rdsConnectionsExhausted{} }

// rdsConnectionsExhaustedFix is the fix's patch, one map shared by every finding (see fix.go).
var rdsConnectionsExhaustedFix = map[string]any{"RDSProxy": true}

func (rdsConnectionsExhausted) Meta() Meta {
	return Meta{
		ID:       "rds-connections-exhausted",
		Title:    "Function can open more connections than the database accepts",
		Severity: Warning,
		Scope:    "connection:lambda→rds",
	}
}

func (rdsConnectionsExhausted) Check(c *Context, report *Report) {
	for _, cn := range c.Links("lambda", "rds", design.IntSQL) {
		fn, db := c.From(cn), c.To(cn)
		limit := c.Prop(db, "MaxConnections")
		if c.ConnProp(cn, "RDSProxy").Bool() || !limit.Set() {
			continue
		}
		copies, reserved := possibleConcurrency(c, fn)
		if copies <= limit.Num() {
			continue
		}
		why := "its reserved concurrency"
		if !reserved {
			why = "it has no reserved concurrency, so up to the default account quota"
		}
		report.Add(Finding{
			Subjects: []string{cn.ID, fn.ID, db.ID},
			Message: c.Label(fn) + " may run " + num(copies, "copies") + " at once (" + why + "), each with its own " +
				"connection, but " + c.Label(db) + " accepts " + num(limit.Num(), "connections") + ": at peak, new " +
				"connections are refused and queries fail. Connect through RDS Proxy, which pools connections, or " +
				"reserve no more than " + num(limit.Num(), "") + " concurrent executions for the function.",
			Fix: ops(setConnProps(cn.ID, rdsConnectionsExhaustedFix)),
		})
	}
}
