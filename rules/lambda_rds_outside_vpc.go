package rules

import (
	"strings"

	"github.com/archlab/archlab/design"
)

// lambdaRDSOutsideVPC: a database connection needs the function inside the
// database's VPC; outside it the private endpoint is unreachable. Aurora's
// Data API works over HTTPS from anywhere.
type lambdaRDSOutsideVPC struct{}

func newLambdaRDSOutsideVPC() Rule { return lambdaRDSOutsideVPC{} }

// lambdaRDSOutsideVPCFix is the fix's patch, one map shared by every finding (see fix.go).
var lambdaRDSOutsideVPCFix = map[string]any{"EnableHttpEndpoint": true}

func (lambdaRDSOutsideVPC) Meta() Meta {
	return Meta{
		ID:       "lambda-rds-outside-vpc",
		Title:    "Function connects to a database from outside the VPC",
		Severity: Error,
		Scope:    "connection:lambda→rds",
	}
}

func (lambdaRDSOutsideVPC) Check(c *Context, report *Report) {
	for _, cn := range c.Links("lambda", "rds", design.IntSQL) {
		fn, db := c.From(cn), c.To(cn)
		if c.InVPC(fn) || c.External(fn) {
			continue
		}
		engine := c.Prop(db, "Engine")
		f := Finding{
			Subjects: []string{cn.ID, fn.ID, db.ID},
			Message: c.Label(fn) + " opens database connections to " + c.Label(db) + " but has no VpcConfig: outside " +
				"the VPC it cannot reach the database's private endpoint, and every connection times out. Give the " +
				"function subnets and a security group in the database's VPC",
		}
		if cn.Inferred() {
			f.Inferred = true
			f.Message = c.Label(fn) + " may open database connections to " + c.Label(db) + " (inferred: " + inferredWhy(c, cn) +
				") but has no VpcConfig: if it does, outside the VPC it cannot reach the database's private endpoint. " +
				"If it connects, give it subnets and a security group in the database's VPC"
		}
		if strings.HasPrefix(engine.Str(), "aurora-") {
			dataAPI := design.IntDataAPI
			f.Message += ", or, since the engine is " + engine.Text() + ", use the Data API, which needs no VPC."
			var fix design.Ops
			if len(cn.Props) > 0 {
				// The Data API integration has none of the connection's
				// properties: unset them first, or the switch is refused.
				unset := map[string]any{}
				for name := range cn.Props {
					unset[name] = nil
				}
				fix = append(fix, setConnProps(cn.ID, unset))
			}
			f.Fix = append(fix,
				design.Op{Op: design.OpUpdateConnection, ID: cn.ID, Integration: &dataAPI},
				setProps(db.ID, lambdaRDSOutsideVPCFix),
			)
		} else if !engine.Present() {
			// No engine is no default: say what would open the way without
			// assuming the database is Aurora.
			f.Message += ", or, if the database is Aurora, use the Data API, which needs no VPC."
		} else {
			f.Message += "."
		}
		report.Add(f)
	}
}
