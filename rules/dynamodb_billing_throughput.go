package rules

// dynamoDBBillingThroughput: a PROVISIONED table (CloudFormation's default)
// needs both read and write capacity; an on-demand one must not set any.
// CloudFormation refuses either mistake.
type dynamoDBBillingThroughput struct{}

func newDynamoDBBillingThroughput() Rule { return dynamoDBBillingThroughput{} }

// dynamoDBBillingThroughputFix is the fix's patch, one map shared by every finding (see fix.go).
var dynamoDBBillingThroughputFix = map[string]any{"BillingMode": "PAY_PER_REQUEST"}

func (dynamoDBBillingThroughput) Meta() Meta {
	return Meta{
		ID:          "dynamodb-billing-throughput",
		Title:       "Table capacity that does not match its billing mode",
		Severity:    Error,
		Scope:       "block:dynamodb",
		Equivalents: []string{"cfn-lint:E3638", "cfn-lint:E3639"},
	}
}

const (
	ddbRCU = "ProvisionedThroughput.ReadCapacityUnits"
	ddbWCU = "ProvisionedThroughput.WriteCapacityUnits"
)

func (dynamoDBBillingThroughput) Check(c *Context, report *Report) {
	for _, t := range c.Kind("dynamodb") {
		mode := c.Prop(t, "BillingMode")
		rcu, wcu := c.Prop(t, ddbRCU), c.Prop(t, ddbWCU)
		f := Finding{Subjects: []string{t.ID}}
		switch {
		case mode.Str() == "PAY_PER_REQUEST" && (rcu.Present() || wcu.Present()):
			f.Message = c.Label(t) + " is billed per request (BillingMode PAY_PER_REQUEST) but sets provisioned capacity " +
				"(" + capacityText(rcu, wcu) + "): CloudFormation refuses ProvisionedThroughput on an on-demand table. " +
				"Remove the capacity, or switch to PROVISIONED if you meant to provision it."
			f.Fix = ops(setProps(t.ID, map[string]any{ddbRCU: nil, ddbWCU: nil}))
		case mode.Str() == "PROVISIONED" && !rcu.Present() && !wcu.Present():
			f.Message = c.Label(t) + " has BillingMode " + mode.Text() + " but no provisioned capacity: a provisioned table " +
				"needs ReadCapacityUnits and WriteCapacityUnits, and CloudFormation refuses it without them. Switch to " +
				"PAY_PER_REQUEST (on-demand, no capacity to plan), or provision the reads and writes the table needs."
			f.Fix = ops(setProps(t.ID, dynamoDBBillingThroughputFix))
		case mode.Str() == "PROVISIONED" && (!rcu.Present() || !wcu.Present()):
			missing := "WriteCapacityUnits"
			if !rcu.Present() {
				missing = "ReadCapacityUnits"
			}
			f.Message = c.Label(t) + " has BillingMode " + mode.Text() + " and sets " + capacityText(rcu, wcu) + " but not " +
				missing + ": ProvisionedThroughput needs both, and CloudFormation refuses it with one. Set " + missing + "."
		default:
			continue
		}
		report.Add(f)
	}
}

// capacityText prints the capacity a table sets: "ReadCapacityUnits 5 RCU".
func capacityText(rcu, wcu Value) string {
	var parts []string
	if rcu.Present() {
		parts = append(parts, "ReadCapacityUnits "+rcu.Text())
	}
	if wcu.Present() {
		parts = append(parts, "WriteCapacityUnits "+wcu.Text())
	}
	return joinIDs(parts)
}
