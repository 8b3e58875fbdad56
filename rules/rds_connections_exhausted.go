package rules

import (
	"github.com/archlab/archlab/design"
)

// rdsConnectionsExhausted: without RDS Proxy each concurrent copy of a
// function holds its own connection, so the functions that connect directly
// to a database, together, must not run more copies than it accepts
// connections.
type rdsConnectionsExhausted struct{}

func newRDSConnectionsExhausted() Rule { return rdsConnectionsExhausted{} }

// rdsConnectionsExhaustedFix is the fix's patch, one map shared by every finding (see fix.go).
var rdsConnectionsExhaustedFix = map[string]any{"RDSProxy": true}

func (rdsConnectionsExhausted) Meta() Meta {
	return Meta{
		ID:       "rds-connections-exhausted",
		Title:    "Functions can open more connections than the database accepts",
		Severity: Warning,
		Scope:    "block:rds",
	}
}

func (rdsConnectionsExhausted) Check(c *Context, report *Report) {
	// The direct connections (no proxy) to each database that sets its
	// limit, databases in the order their first connection comes.
	var dbs []*design.Block
	direct := map[*design.Block][]*design.Connection{}
	for _, cn := range c.Links("lambda", "rds", design.IntSQL) {
		db := c.To(cn)
		if c.ConnProp(cn, "RDSProxy").Bool() || !c.Prop(db, "MaxConnections").Set() {
			continue
		}
		if direct[db] == nil {
			dbs = append(dbs, db)
		}
		direct[db] = append(direct[db], cn)
	}
	for _, db := range dbs {
		limit := c.Prop(db, "MaxConnections").Num()
		conns := direct[db]
		d := directDemand(c, conns)
		if d.copies <= limit {
			continue
		}
		subjects := make([]string, 0, 2*len(conns)+1)
		fix := make(design.Ops, 0, len(conns))
		for _, cn := range conns {
			subjects = append(subjects, cn.ID)
			fix = append(fix, setConnProps(cn.ID, rdsConnectionsExhaustedFix))
		}
		for _, fn := range d.functions {
			subjects = append(subjects, fn.ID)
		}
		subjects = append(subjects, db.ID)
		var msg string
		if len(d.functions) == 1 {
			fn := d.functions[0]
			why := "its reserved concurrency"
			if d.reserved[0] < 0 {
				why = "it has no reserved concurrency, so up to " + poolText(d.pool)
			}
			msg = c.Label(fn) + " may run " + num(d.copies, "copies") + " at once (" + why + "), each with its " +
				"own connection, but " + c.Label(db) + " accepts " + num(limit, "connections") + ": at peak, new " +
				"connections are refused and queries fail. Connect through RDS Proxy, which pools connections, or " +
				"reserve no more than " + num(limit, "") + " concurrent executions for the function."
		} else {
			parts := make([]string, len(d.functions))
			for i, fn := range d.functions {
				parts[i] = c.Label(fn) + " (" + num(d.reserved[i], "reserved") + ")"
				if d.reserved[i] < 0 {
					parts[i] = c.Label(fn) + " (no reservation)"
				}
			}
			msg = joinIDs(parts) + " connect to " + c.Label(db) + " directly and may run " + num(d.copies, "copies") +
				" at once between them"
			if d.pool > 0 {
				msg += ", the unreserved ones sharing " + poolText(d.pool)
			}
			msg += "; each copy holds its own connection, but " + c.Label(db) + " accepts " + num(limit, "connections") +
				": at peak, new connections are refused and queries fail. Connect them through RDS Proxy, which " +
				"pools connections, or reserve concurrency so that together they stay within " + num(limit, "") + "."
		}
		report.Add(Finding{Subjects: subjects, Message: msg, Fix: fix})
	}
}

// demand is how many copies the functions behind some connections may run
// at once.
type demand struct {
	functions []*design.Block // each once, in the order of their first connection
	reserved  []float64       // by function; -1 for one without a reservation
	pool      float64         // the unreserved functions' shared pool, 0 when none
	copies    float64
}

// directDemand adds up what the functions behind conns may run at once.
// A function with reserved concurrency runs at most that many copies; the
// ones without share one pool, the default account quota less every
// reservation in the design, which counts once however many of them there
// are. Nothing runs beyond the account quota.
func directDemand(c *Context, conns []*design.Connection) demand {
	var d demand
	seen := map[*design.Block]bool{}
	unreserved := false
	for _, cn := range conns {
		fn := c.From(cn)
		if seen[fn] || c.External(fn) {
			continue // a function outside the design runs as many copies as someone else chose
		}
		seen[fn] = true
		d.functions = append(d.functions, fn)
		if r := c.Prop(fn, "ReservedConcurrentExecutions"); r.Set() {
			d.reserved = append(d.reserved, r.Num())
			d.copies += r.Num()
		} else {
			d.reserved = append(d.reserved, -1)
			unreserved = true
		}
	}
	if unreserved {
		d.pool = unreservedPool(c)
	}
	d.copies = min(d.copies+d.pool, lambdaDefaultQuota)
	return d
}

// poolText names the unreserved pool in messages.
func poolText(pool float64) string {
	if pool == lambdaDefaultQuota {
		return "the default account quota"
	}
	return "the " + num(pool, "") + " the default account quota of " + num(lambdaDefaultQuota, "") + " leaves unreserved"
}

// unreservedPool is what the default account quota leaves to functions
// without reserved concurrency once the design's reservations are taken:
// never less than the 100 Lambda keeps unreserved.
func unreservedPool(c *Context) float64 {
	reserved, _ := reservations(c)
	return max(lambdaDefaultQuota-reserved, lambdaUnreservedMinimum)
}
