package capacity

import (
	"math"

	"github.com/archlab/archlab/design"
)

// costs prices each loaded block's average load for a month. Free tiers are
// not subtracted: the price table states them.
func (m *model) costs() {
	for i := range m.d.Blocks {
		b := &m.blocks[i]
		if !b.Loaded || m.d.Blocks[i].External != nil {
			continue
		}
		start := len(m.lines)
		m.blockCost(i)
		b.Cost = m.lines[start:len(m.lines):len(m.lines)]
	}
}

// blockCost adds the cost lines of block i.
func (m *model) blockCost(i int) {
	b := &m.blocks[i]
	monthly := b.PerSecond.Average * SecondsPerMonth // what the block handles in a month
	events := m.events[i].Average * SecondsPerMonth
	payload := m.payload(i)
	switch m.d.Blocks[i].Kind {
	case "lambda":
		m.lambdaCost(i, monthly)
	case "apigateway-rest":
		m.line(b, "apigateway.rest.requests", monthly, 1e6)
	case "apigateway-http":
		m.line(b, "apigateway.http.requests", monthly*chunks(payload, 512*1024), 1e6)
	case "apigateway-websocket":
		m.line(b, "apigateway.websocket.messages", monthly*chunks(payload, 32*1024), 1e6)
	case "sqs":
		m.queueCost(i, events, payload)
	case "sns":
		m.line(b, "sns.publishes", events*chunks(payload, 64*1024), 1e6)
		for _, j := range m.out[i] {
			if m.d.Blocks[m.to[j]].Kind == "http-endpoint" {
				m.line(b, "sns.http-deliveries", m.edge[j].Average*SecondsPerMonth, 1e6)
			}
		}
	case "eventbridge-bus", "eventbridge-custom-bus":
		m.busCost(i, events, payload)
	case "scheduler":
		m.line(b, "eventbridge.scheduler-invocations", events*chunks(payload, 256*1024), 1e6)
	case "eventbridge-pipe":
		m.line(b, "eventbridge.pipes-requests", events*chunks(payload, 64*1024), 1e6)
	case "stepfunctions":
		m.sfnCost(i, monthly)
	case "dynamodb":
		m.tableCost(i)
	case "kinesis":
		m.streamCost(i, events, payload)
	case "s3":
		m.line(b, "s3.put-requests", events, 1000)
		if gb := m.num(i, "storageGB", 0, "", ""); gb > 0 {
			m.line(b, "s3.storage", gb, 1)
		}
	case "firehose":
		// Each record is rounded up to 5 KB.
		m.line(b, "firehose.ingestion", events*math.Ceil(payload/5120)*5120/(1<<30), 1)
	case "ses":
		m.line(b, "ses.emails", events, 1000)
	}
}

// chunks is how many billing chunks of size one payload takes (at least 1).
func chunks(payload, size float64) float64 {
	return math.Max(1, math.Ceil(payload/size))
}

// line adds a cost line: quantity in the price's unit is amount/per.
func (m *model) line(b *Block, priceID string, amount, per float64) {
	p := m.prices.Of(priceID)
	q := amount / per
	usd := q * p.USD
	m.lines = append(m.lines, CostLine{Price: p.ID, What: p.What, Quantity: q, Unit: p.Unit, USD: usd})
	b.MonthlyCost += usd
}

// lambdaCost: requests, GB-seconds by architecture, and the logs each
// invocation writes.
func (m *model) lambdaCost(i int, invocations float64) {
	b := &m.blocks[i]
	m.line(b, "lambda.requests", invocations, 1e6)
	mem := m.blockNum(i, "MemorySize", 128)
	arch := m.blockStr(i, "Architectures")
	if arch != "arm64" {
		arch = "x86_64"
	}
	gbs := invocations * b.DurationMs / 1000 * mem / 1024
	m.line(b, "lambda.gb-second."+arch, gbs, 1)
	logBytes := m.num(i, "logBytesPerInvocation", 500, "writes 500 bytes of logs an invocation (Lambda's START, END and REPORT lines; give logBytesPerInvocation)", "")
	gb := invocations * logBytes / (1 << 30)
	m.line(b, "logs.ingestion", gb, 1)
	if _, set := m.d.Blocks[i].Props["LogRetentionInDays"]; !set && gb > 0 {
		// Kept forever, a month's logs cost this much more every month.
		b.Notes = append(b.Notes, "logs are kept forever (no LogRetentionInDays): each month adds "+
			design.FormatNumber(round(gb, 3))+" GB stored, "+money(gb*m.prices.USD("logs.storage"))+" a month more, for good")
	}
}

// queueCost: a message is sent, received and deleted: three requests per
// 64 KB chunk, fewer when sent or consumed in batches.
func (m *model) queueCost(i int, messages, payload float64) {
	b := &m.blocks[i]
	perCall := 1.0
	if v, ok := toFloat(m.d.Blocks[i].Props["ExpectedMessagesPerCall"]); ok {
		perCall = v
	}
	receiveBatch := 1.0
	for _, j := range m.out[i] {
		if m.integ[j] != nil && m.integ[j].Model == design.ModelPoll {
			receiveBatch = math.Max(receiveBatch, m.batchOf(j))
		}
	}
	receiveBatch = math.Min(receiveBatch, factBatchMax.Value)
	requests := (messages/perCall + 2*messages/receiveBatch) * chunks(payload, 64*1024)
	price := "sqs.standard.requests"
	if m.blockBool(i, "FifoQueue") {
		price = "sqs.fifo.requests"
	}
	m.line(b, price, requests, 1e6)
	m.assume(i, "requestsPerMessage", 0, true, "each message is one send, one receive and one delete request (receives and deletes in batches of the mapping's batch size, at most 10); empty receives not counted")
}

// busCost: custom events; events AWS services send to the default bus are
// free, and so are they when the only producer is S3 or a schedule.
func (m *model) busCost(i int, events, payload float64) {
	b := &m.blocks[i]
	free := 0.0
	for _, j := range m.in[i] {
		if m.d.Connections[j].Integration == design.IntEventBridge {
			free += m.edge[j].Average * SecondsPerMonth
		}
	}
	m.line(b, "eventbridge.custom-events", math.Max(events-free, 0)*chunks(payload, 64*1024), 1e6)
}

// sfnCost: Standard workflows pay per transition; Express per request and
// per GB-second of duration (64 MB assumed).
func (m *model) sfnCost(i int, executions float64) {
	b := &m.blocks[i]
	if m.blockStr(i, "Type") == "EXPRESS" {
		m.line(b, "stepfunctions.express.requests", executions, 1e6)
		secs := math.Ceil(b.DurationMs/100) / 10
		m.assume(i, "memoryMB", 64, true, "an Express execution uses 64 MB, the least it is billed for")
		m.line(b, "stepfunctions.express.gb-second", executions*secs*64/1024, 1)
		return
	}
	m.line(b, "stepfunctions.standard.transitions", executions*m.transitions(i), 1000)
}

func (m *model) tableCost(i int) {
	b := &m.blocks[i]
	reads, writes := m.tableUnits(i)
	if m.blockStr(i, "BillingMode") == "PAY_PER_REQUEST" {
		m.line(b, "dynamodb.on-demand.writes", writes.Average*SecondsPerMonth, 1e6)
		m.line(b, "dynamodb.on-demand.reads", reads.Average*SecondsPerMonth, 1e6)
	} else {
		hours := SecondsPerMonth / 3600.0
		m.line(b, "dynamodb.provisioned.wcu-hour", m.blockNum(i, "ProvisionedThroughput.WriteCapacityUnits", 0)*hours, 1)
		m.line(b, "dynamodb.provisioned.rcu-hour", m.blockNum(i, "ProvisionedThroughput.ReadCapacityUnits", 0)*hours, 1)
	}
	if gb := m.num(i, "storageGB", 0, "", ""); gb > 0 {
		m.line(b, "dynamodb.storage", gb, 1)
	}
}

func (m *model) streamCost(i int, records, payload float64) {
	b := &m.blocks[i]
	if m.blockStr(i, "StreamModeDetails.StreamMode") == "ON_DEMAND" {
		b.Notes = append(b.Notes, "on-demand streams are not in the price table; the cost shown is none")
		return
	}
	hours := SecondsPerMonth / 3600.0
	m.line(b, "kinesis.shard-hour", m.blockNum(i, "ShardCount", 1)*hours, 1)
	m.line(b, "kinesis.put-payload-units", records*chunks(payload, 25*1024), 1e6)
}

func round(f float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(f*p) / p
}

// money prints an amount in dollars with cents ("$1,234.56").
func money(usd float64) string {
	return Money(usd)
}
