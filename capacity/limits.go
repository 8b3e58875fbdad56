package capacity

import (
	"math"

	"github.com/archlab/archlab/design"
)

// The limits, from design/data/facts.
var (
	factLambdaQuota      = design.FactOf("lambda.default-concurrency-quota")
	factUnreservedMin    = design.FactOf("lambda.unreserved-minimum")
	factSQSESMMax        = design.FactOf("lambda.sqs-esm-max-concurrency")
	factAPIRate          = design.FactOf("apigateway.account-throttle-rate")
	factFifoCalls        = design.FactOf("sqs.fifo-api-calls-per-second")
	factFifoHighCalls    = design.FactOf("sqs.fifo-high-throughput-calls-per-second")
	factFifoGroupCalls   = design.FactOf("sqs.fifo-message-group-calls-per-second")
	factBatchMax         = design.FactOf("sqs.batch-max-messages")
	factShardRecords     = design.FactOf("kinesis.shard-write-records-per-second")
	factShardMB          = design.FactOf("kinesis.shard-write-mb-per-second")
	factPutEvents        = design.FactOf("eventbridge.put-events-per-second-us-east-1")
	factInvocations      = design.FactOf("eventbridge.invocations-per-second-us-east-1")
	factSFNStandardStart = design.FactOf("stepfunctions.standard-start-execution-per-second")
	factSFNTransitions   = design.FactOf("stepfunctions.standard-transitions-per-second")
	factSFNExpressStart  = design.FactOf("stepfunctions.express-start-execution-per-second")
	factDDBReads         = design.FactOf("dynamodb.table-read-units-per-second")
	factDDBWrites        = design.FactOf("dynamodb.table-write-units-per-second")
	factDDBWriteBytes    = design.FactOf("dynamodb.write-unit-bytes")
	factDDBReadBytes     = design.FactOf("dynamodb.read-unit-bytes")
	factSESRate          = design.FactOf("ses.sandbox-sending-rate")
)

// limits fills in each loaded block's duration, concurrency, limit and
// utilisation.
func (m *model) limits() {
	reservedSum := 0.0
	for i := range m.d.Blocks {
		if m.d.Blocks[i].Kind == "lambda" {
			if r, ok := toFloat(m.d.Blocks[i].Props["ReservedConcurrentExecutions"]); ok {
				reservedSum += r
			}
		}
	}
	pool := math.Max(factLambdaQuota.Value-reservedSum, factUnreservedMin.Value)
	for i := range m.d.Blocks {
		b := &m.blocks[i]
		if !b.Loaded {
			continue
		}
		b.PerSecond = m.calls[i]
		switch m.d.Blocks[i].Kind {
		case "lambda":
			m.lambda(i, pool)
		case "apigateway-rest", "apigateway-http", "apigateway-websocket":
			m.api(i)
		case "sqs":
			m.queue(i)
		case "kinesis":
			m.stream(i)
		case "eventbridge-bus", "eventbridge-custom-bus":
			b.DurationMs = m.duration(i)
			m.setLimit(b, b.PerSecond.Peak, Limit{factPutEvents.Value, "requests/s", "PutEvents quota in us-east-1, one event a request", factPutEvents.ID})
		case "eventbridge-rule", "eventbridge-subscriber":
			m.setLimit(b, b.PerSecond.Peak*float64(len(m.out[i])), Limit{factInvocations.Value, "invocations/s", "account's target invocations quota in us-east-1, shared by every rule", factInvocations.ID})
		case "stepfunctions":
			m.stateMachine(i)
		case "dynamodb":
			m.table(i)
		case "ses":
			m.setLimit(b, b.PerSecond.Peak, Limit{factSESRate.Value, "emails/s", "sending rate of an account in the SES sandbox; production access raises it", factSESRate.ID})
		default:
			b.DurationMs = m.duration(i)
		}
	}
}

func (m *model) setLimit(b *Block, demand float64, l Limit) {
	b.Demand, b.Limit = demand, &l
	if l.Value > 0 {
		b.Utilisation = demand / l.Value
	}
}

// lambda: concurrency is invocations × duration (Little's law), against
// reserved concurrency or the unreserved pool of the account quota, and
// against what an event source mapping lets it reach.
func (m *model) lambda(i int, pool float64) {
	b := &m.blocks[i]
	b.DurationMs = m.duration(i)
	conc := b.PerSecond.scale(b.DurationMs / 1000)
	b.Concurrency = &conc
	if r, ok := toFloat(m.d.Blocks[i].Props["ReservedConcurrentExecutions"]); ok {
		m.setLimit(b, conc.Peak, Limit{r, "concurrent executions", "reserved concurrency", "ReservedConcurrentExecutions"})
		return
	}
	what := "account quota of " + design.FormatNumber(factLambdaQuota.Value) + " concurrent executions"
	if pool < factLambdaQuota.Value {
		what = "unreserved part of the account quota (" + design.FormatNumber(factLambdaQuota.Value) + " less the reserved " + design.FormatNumber(factLambdaQuota.Value-pool) + ")"
	}
	m.setLimit(b, conc.Peak, Limit{pool, "concurrent executions", what, factLambdaQuota.ID})
}

// api: requests at peak against the stage's rate limit or the account's.
func (m *model) api(i int) {
	b := &m.blocks[i]
	b.DurationMs = m.duration(i)
	l := Limit{factAPIRate.Value, "requests/s", "account's Regional throttle, shared by every API", factAPIRate.ID}
	if r, ok := toFloat(m.d.Blocks[i].Props["ThrottlingRateLimit"]); ok && r < l.Value {
		l = Limit{r, "requests/s", "stage rate limit", "ThrottlingRateLimit"}
	}
	m.setLimit(b, b.PerSecond.Peak, l)
}

// consumers yields a queue's or stream's event source mappings to
// functions, with the most concurrent batches each can run.
func (m *model) consumers(i int, maxConc func(j, fn int) float64) (rate float64, any bool) {
	for _, j := range m.out[i] {
		if m.integ[j] == nil || m.integ[j].Model != design.ModelPoll {
			continue
		}
		fn := m.to[j]
		if m.d.Blocks[fn].Kind != "lambda" {
			continue
		}
		any = true
		conc := maxConc(j, fn)
		if r, ok := toFloat(m.d.Blocks[fn].Props["ReservedConcurrentExecutions"]); ok {
			conc = math.Min(conc, r)
		}
		rate += conc * m.batchOf(j) / (m.duration(fn) / 1000)
	}
	return rate, any
}

// queue: a FIFO queue's send calls against its throughput limit and per
// message group; any queue's arrivals against what its consumers can take.
func (m *model) queue(i int) {
	b := &m.blocks[i]
	b.DurationMs = m.duration(i)
	fifo := m.blockBool(i, "FifoQueue")
	perCall := 1.0
	if v, ok := toFloat(m.d.Blocks[i].Props["ExpectedMessagesPerCall"]); ok {
		perCall = math.Min(v, factBatchMax.Value)
	} else if fifo {
		m.assume(i, "messagesPerCall", 1, true, "producers send one message a call (ExpectedMessagesPerCall is not set)")
	}
	groups := 1.0
	if fifo {
		groups = m.num(i, "messageGroups", 1, "FIFO messages are spread over 1 message group (give messageGroups)", "")
		high := m.blockStr(i, "DeduplicationScope") == "messageGroup" && m.blockStr(i, "FifoThroughputLimit") == "perMessageGroupId"
		calls := b.PerSecond.Peak / perCall
		b.GroupRate = calls / groups
		queueLimit := Limit{factFifoCalls.Value, "send calls/s", "FIFO throughput without high-throughput mode", factFifoCalls.ID}
		if high {
			queueLimit = Limit{factFifoHighCalls.Value, "send calls/s", "FIFO high-throughput mode in us-east-1", factFifoHighCalls.ID}
		}
		m.setLimit(b, calls, queueLimit)
		if u := b.GroupRate / factFifoGroupCalls.Value; u > b.Utilisation {
			m.setLimit(b, b.GroupRate, Limit{factFifoGroupCalls.Value, "send calls/s", "one message group's throughput", factFifoGroupCalls.ID})
		}
	}
	rate, ok := m.consumers(i, func(j, fn int) float64 {
		limit := factSQSESMMax.Value
		if v := m.connNum(j, "ScalingConfig.MaximumConcurrency", 0); v > 0 {
			limit = v
		}
		if fifo {
			// One batch of a message group at a time.
			limit = math.Min(limit, groups)
		}
		return limit
	})
	if ok {
		b.ServiceRate = rate
		b.Backlog = m.events[i].Average > rate
	}
}

// stream: the shards a stream's peak writes need, and what its consumers
// can take (one batch per shard at a time, times ParallelizationFactor).
func (m *model) stream(i int) {
	b := &m.blocks[i]
	b.DurationMs = m.duration(i)
	payload := m.payload(i)
	b.PayloadBytes = payload
	mb := b.PerSecond.Peak * payload / 1e6
	b.ShardsNeeded = math.Max(math.Ceil(b.PerSecond.Peak/factShardRecords.Value), math.Ceil(mb/factShardMB.Value))
	shards := math.Max(b.ShardsNeeded, 1)
	if m.blockStr(i, "StreamModeDetails.StreamMode") != "ON_DEMAND" {
		shards = m.blockNum(i, "ShardCount", 1)
		m.setLimit(b, b.ShardsNeeded, Limit{shards, "shards", "provisioned ShardCount", "ShardCount"})
	} else {
		b.Notes = append(b.Notes, "on demand: AWS adds shards as writes grow")
	}
	rate, ok := m.consumers(i, func(j, fn int) float64 {
		return shards * m.connNum(j, "ParallelizationFactor", 1)
	})
	if ok {
		b.ServiceRate = rate
		b.Backlog = m.events[i].Average > rate
	}
}

// stateMachine: executions against the start rate and, for Standard
// workflows, transitions against the transition rate.
func (m *model) stateMachine(i int) {
	b := &m.blocks[i]
	b.DurationMs = m.duration(i)
	conc := b.PerSecond.scale(b.DurationMs / 1000)
	b.Concurrency = &conc
	if m.blockStr(i, "Type") == "EXPRESS" {
		m.setLimit(b, b.PerSecond.Peak, Limit{factSFNExpressStart.Value, "executions/s", "Express StartExecution rate in us-east-1", factSFNExpressStart.ID})
		return
	}
	m.setLimit(b, b.PerSecond.Peak, Limit{factSFNStandardStart.Value, "executions/s", "Standard StartExecution rate in us-east-1", factSFNStandardStart.ID})
	tr := b.PerSecond.Peak * m.transitions(i)
	if tr/factSFNTransitions.Value > b.Utilisation {
		m.setLimit(b, tr, Limit{factSFNTransitions.Value, "transitions/s", "Standard state transitions rate in us-east-1, shared by the account", factSFNTransitions.ID})
	}
}

// transitions per execution: the assumption, or the states of the
// definition plus one (entering each state once, and the start).
func (m *model) transitions(i int) float64 {
	n := 0
	if def, ok := m.d.Blocks[i].Props["Definition"].(map[string]any); ok {
		if states, ok := def["States"].(map[string]any); ok {
			n = len(states)
		}
	}
	if n > 0 {
		return m.num(i, "transitionsPerExecution", float64(n+1), design.FormatNumber(float64(n+1))+" state transitions an execution (each of the definition's "+design.FormatNumber(float64(n))+" states once, and the start)", "")
	}
	return m.num(i, "transitionsPerExecution", 10, "10 state transitions an execution (default; give transitionsPerExecution)", "")
}

// payload is the bytes of one event at a block: the traffic's payload of
// its entry, or the default.
func (m *model) payload(i int) float64 {
	if t, ok := m.d.TrafficOf(m.d.Blocks[i].ID); ok {
		return t.Payload()
	}
	return m.maxPayload
}

// tableUnits returns a table's read and write units a second at average
// and peak, from its requests, its read fraction and the item size.
func (m *model) tableUnits(i int) (reads, writes Figure) {
	b := &m.blocks[i]
	rf := m.num(i, "readFraction", 0, "every request is a write (give readFraction; writes cost more, so this is the costlier case)", "")
	size := m.payload(i)
	if v, ok := toFloat(m.d.Blocks[i].Props["ExpectedItemSizeKB"]); ok {
		size = v * 1024
	}
	ru := math.Max(1, math.Ceil(size/factDDBReadBytes.Value))
	wu := math.Max(1, math.Ceil(size/factDDBWriteBytes.Value))
	return b.PerSecond.scale(rf * ru), b.PerSecond.scale((1 - rf) * wu)
}

// table: read and write units at peak against provisioned capacity or the
// per-table on-demand quota.
func (m *model) table(i int) {
	b := &m.blocks[i]
	b.DurationMs = m.duration(i)
	reads, writes := m.tableUnits(i)
	if m.blockStr(i, "BillingMode") == "PAY_PER_REQUEST" {
		m.tableStream(i)
		m.setLimit(b, writes.Peak, Limit{factDDBWrites.Value, "write units/s", "per-table on-demand write quota", factDDBWrites.ID})
		if reads.Peak/factDDBReads.Value > b.Utilisation {
			m.setLimit(b, reads.Peak, Limit{factDDBReads.Value, "read units/s", "per-table on-demand read quota", factDDBReads.ID})
		}
		return
	}
	m.tableStream(i)
	w := m.blockNum(i, "ProvisionedThroughput.WriteCapacityUnits", 0)
	r := m.blockNum(i, "ProvisionedThroughput.ReadCapacityUnits", 0)
	if w > 0 {
		m.setLimit(b, writes.Peak, Limit{w, "write units/s", "provisioned write capacity", "ProvisionedThroughput.WriteCapacityUnits"})
	}
	if r > 0 && reads.Peak/r > b.Utilisation {
		m.setLimit(b, reads.Peak, Limit{r, "read units/s", "provisioned read capacity", "ProvisionedThroughput.ReadCapacityUnits"})
	}
}

// tableStream: a table's stream carries its writes; its Lambda consumers
// run one batch per shard at a time, times ParallelizationFactor. DynamoDB
// decides the shards, so their number is an assumption.
func (m *model) tableStream(i int) {
	b := &m.blocks[i]
	var shards float64
	rate, ok := m.consumers(i, func(j, fn int) float64 {
		if shards == 0 {
			shards = m.num(i, "shards", 1, "its stream has 1 shard (DynamoDB decides; give shards)", "")
		}
		return shards * m.connNum(j, "ParallelizationFactor", 1)
	})
	if !ok {
		return
	}
	rf, _ := m.d.AssumptionsOf(m.d.Blocks[i].ID).Assumption("readFraction")
	b.ServiceRate = rate
	b.Backlog = m.events[i].Average*(1-rf) > rate
}
