package rules

import (
	"fmt"
	"strings"

	"github.com/archlab/archlab/design"
)

// Helpers shared by the events rules: streams (Kinesis Data Streams and
// DynamoDB Streams), EventBridge rules, schedules and pipes, S3, DynamoDB
// and Firehose.

// dynamoDBStreamRetention is how long DynamoDB Streams keeps a record; it
// cannot be changed.
const dynamoDBStreamRetention = "24 hours"

// maxRuleTargets is the most targets an EventBridge rule takes (a hard
// quota; cfn-lint checks it as E3032, from the maxItems of Targets).
const maxRuleTargets = 5

// streamConsumers returns the connections that read a Kinesis or DynamoDB
// stream record by record with a retry policy of their own: Lambda event
// source mappings and pipe sources, in design order. Firehose, which also
// reads Kinesis, has no such settings. A stream outside the design counts:
// the mapping that reads it is the design's, and so are its settings; a
// mapping only a connector shows has none anyone wrote, and does not.
func streamConsumers(c *Context) []*design.Connection {
	// Half a dozen rules ask; the streams' own connections are few.
	return memo(c, "stream-consumers", func() []*design.Connection {
		var out []*design.Connection
		for _, kind := range [...]string{"kinesis", "dynamodb"} {
			for _, b := range c.AllOfKind(kind) {
				for _, cn := range c.Out(b) {
					if isStreamConsumer(c, cn) && c.Configured(cn) {
						out = append(out, cn)
					}
				}
			}
		}
		inDesignOrder(out)
		return out
	})
}

// isStreamConsumer reports whether a connection is a stream's event source
// mapping or pipe source.
func isStreamConsumer(c *Context, cn *design.Connection) bool {
	from, to := c.From(cn), c.To(cn)
	if from == nil || to == nil || (from.Kind != "kinesis" && from.Kind != "dynamodb") {
		return false
	}
	return (to.Kind == "lambda" && cn.Integration == design.IntESM) ||
		(to.Kind == "eventbridge-pipe" && cn.Integration == design.IntSource)
}

// isPipeSource reports whether a connection is the source of a pipe.
func isPipeSource(c *Context, cn *design.Connection) bool {
	return c.To(cn).Kind == "eventbridge-pipe" && cn.Integration == design.IntSource
}

// streamHead begins a message about a stream consumer: "Clicks → Sessionize: ".
func streamHead(c *Context, cn *design.Connection) string {
	return c.Label(c.From(cn)) + " → " + c.Label(c.To(cn)) + ": "
}

// streamConsumerNoun names what reads the stream: "the event source mapping"
// or "the pipe".
func streamConsumerNoun(c *Context, cn *design.Connection) string {
	if isPipeSource(c, cn) {
		return "the pipe"
	}
	return "the event source mapping"
}

// streamPoller names the service that polls the stream for the consumer.
func streamPoller(c *Context, cn *design.Connection) string {
	if isPipeSource(c, cn) {
		return "EventBridge Pipes"
	}
	return "Lambda"
}

// streamFailureProp is the property that names where a stream consumer sends
// the records it gives up on.
func streamFailureProp(c *Context, cn *design.Connection) string {
	if isPipeSource(c, cn) {
		return "DeadLetterConfig.Arn"
	}
	return "DestinationConfig.OnFailure"
}

// streamRetention describes how long a stream keeps its records: the
// Kinesis stream's RetentionPeriodHours, or DynamoDB Streams' fixed 24 hours.
// For a Kinesis stream outside the design it is the retention its owner
// set, which the design does not know.
func streamRetention(c *Context, stream *design.Block) string {
	if stream.Kind == "kinesis" {
		if v := c.Prop(stream, "RetentionPeriodHours"); !v.Unknown {
			return v.Text()
		}
		return "the retention set by the owner of " + c.Label(stream) + ", which is outside this design"
	}
	return dynamoDBStreamRetention
}

// foreverText prints a stream setting whose -1 means "no limit" without
// the unit that would make it read as a duration: "-1 (the default)".
func foreverText(v Value) string {
	if v.Num() == -1 {
		return "-1" + defaultNote(v)
	}
	return v.Text()
}

// targetsOf returns the connections a rule or schedule delivers to.
func targetsOf(c *Context, b *design.Block) []*design.Connection {
	var out []*design.Connection
	for _, cn := range c.Out(b) {
		if cn.Integration == design.IntTarget {
			out = append(out, cn)
		}
	}
	return out
}

// targetIDs lists the ids of the blocks some connections deliver to.
func targetIDs(cns []*design.Connection) []string {
	ids := make([]string, len(cns))
	for i, cn := range cns {
		ids[i] = cn.To
	}
	return ids
}

// connIDs lists the ids of some connections.
func connIDs(cns []*design.Connection) []string {
	ids := make([]string, len(cns))
	for i, cn := range cns {
		ids[i] = cn.ID
	}
	return ids
}

// connFroms lists the ids of the blocks some connections come from.
func connFroms(cns []*design.Connection) []string {
	ids := make([]string, len(cns))
	for i, cn := range cns {
		ids[i] = cn.From
	}
	return ids
}

// ebIDs hands out ids that no block or connection uses, and that it has not
// handed out before, for fixes that add several things at once.
type ebIDs struct {
	c    *Context
	used map[string]bool
}

func newEBIDs(c *Context) *ebIDs { return &ebIDs{c: c, used: map[string]bool{}} }

func (p *ebIDs) next(base string) string {
	for n := 1; ; n++ {
		id := base
		if n > 1 {
			id = fmt.Sprintf("%s%d", base, n)
		}
		if !p.used[id] && p.c.FreeID(id) == id {
			p.used[id] = true
			return id
		}
	}
}

// ebDisconnect removes a connection.
func ebDisconnect(id string) design.Op {
	return design.Op{Op: design.OpDisconnect, ID: id}
}

// ebSplitOps returns the fix that spreads the targets of a rule or schedule
// over copies of it holding at most per targets each: the first per targets
// stay, the others move, with their properties, to new blocks that copy the
// original's properties and its incoming rule connections (the bus it
// listens on). It returns the new blocks' ids.
func ebSplitOps(c *Context, b *design.Block, targets []*design.Connection, per int) ([]string, design.Ops) {
	ids := newEBIDs(c)
	var fix design.Ops
	var added []string
	for start, k := per, 1; start < len(targets); start, k = start+per, k+1 {
		id := ids.next(b.ID + "Part")
		added = append(added, id)
		name := ""
		if b.Name != "" {
			name = fmt.Sprintf("%s (%d)", b.Name, k+1)
		}
		op := addBlock(b, id, b.Kind, name, map[string]any(b.Props.Clone()))
		op.Block.X = float64(k) * 200
		fix = append(fix, op)
		for _, in := range c.In(b) {
			if in.Integration == design.IntRule {
				fix = append(fix, connect(ids.next(in.From+"-"+id), in.From, id, design.IntRule, map[string]any(in.Props.Clone())))
			}
		}
		for _, cn := range targets[start:min(start+per, len(targets))] {
			fix = append(fix, ebDisconnect(cn.ID),
				connect(cn.ID, id, cn.To, cn.Integration, map[string]any(cn.Props.Clone())))
		}
	}
	return added, fix
}

// scheduleExpressionProblem says what is wrong with a schedule expression of
// an EventBridge rule (scheduler false) or of an EventBridge Scheduler
// schedule, and returns the corrected expression when the only problem is the
// number of a rate's unit ("rate(1 hours)"). It returns "" for a valid
// expression.
func scheduleExpressionProblem(expr string, scheduler bool) (problem, fixed string) {
	inner, kind, ok := splitScheduleExpression(expr)
	switch {
	case !ok && scheduler:
		return "is none of at(yyyy-mm-ddThh:mm:ss), rate(value unit) and cron(fields)", ""
	case !ok:
		return "is neither rate(value unit) nor cron(fields)", ""
	case kind == "at" && !scheduler:
		return "is a one-time at() expression, which only EventBridge Scheduler schedules take; a rule takes rate(value unit) or cron(fields)", ""
	}
	switch kind {
	case "rate":
		fields := strings.Fields(inner)
		if len(fields) != 2 {
			return "must have two parts, a value and a unit, as in rate(5 minutes)", ""
		}
		value, unit := fields[0], fields[1]
		n, digits := 0, value != ""
		for _, r := range value {
			if r < '0' || r > '9' {
				digits = false
				break
			}
			n = min(n*10+int(r-'0'), 1000000)
		}
		if !digits || n == 0 {
			return "must have a whole number above 0 as its value, not " + evQuote(value), ""
		}
		singular := strings.TrimSuffix(unit, "s")
		if singular != "minute" && singular != "hour" && singular != "day" {
			return "has the unit " + evQuote(unit) + "; the units are minute, hour and day (minutes, hours, days)", ""
		}
		if scheduler {
			return "", ""
		}
		want := singular
		if n > 1 {
			want += "s"
		}
		if unit != want {
			return "must say " + evQuote(want) + ", not " + evQuote(unit) + ": EventBridge wants the singular unit for a value of 1 and the plural for more",
				"rate(" + value + " " + want + ")"
		}
	case "cron":
		fields := strings.Fields(inner)
		if len(fields) != 6 {
			return fmt.Sprintf("has %d fields; a cron expression has six: minutes, hours, day of month, month, day of week and year", len(fields)), ""
		}
		if fields[2] != "?" && fields[4] != "?" {
			return "sets both the day of month (" + evQuote(fields[2]) + ") and the day of week (" + evQuote(fields[4]) + "); one of them must be ?", ""
		}
	case "at":
		if !atPattern(inner) {
			return "must give a date and time as at(yyyy-mm-ddThh:mm:ss)", ""
		}
	}
	return "", ""
}

// splitScheduleExpression splits "rate(5 minutes)" into "5 minutes" and
// "rate".
func splitScheduleExpression(expr string) (inner, kind string, ok bool) {
	expr = strings.TrimSpace(expr)
	open := strings.IndexByte(expr, '(')
	if open < 0 || !strings.HasSuffix(expr, ")") {
		return "", "", false
	}
	kind = expr[:open]
	switch kind {
	case "rate", "cron", "at":
		return strings.TrimSpace(expr[open+1 : len(expr)-1]), kind, true
	}
	return "", "", false
}

// atPattern reports whether s reads yyyy-mm-ddThh:mm:ss.
func atPattern(s string) bool {
	const layout = "dddd-dd-ddTdd:dd:dd"
	if len(s) != len(layout) {
		return false
	}
	for i := range len(layout) {
		switch layout[i] {
		case 'd':
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		default:
			if s[i] != layout[i] {
				return false
			}
		}
	}
	return true
}

func evQuote(s string) string { return `"` + s + `"` }
