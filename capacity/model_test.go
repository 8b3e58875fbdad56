package capacity

import (
	"math"
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
)

func decode(t testing.TB, doc string) *design.Design {
	t.Helper()
	d, err := design.Decode([]byte(doc), design.Builtin())
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	return d
}

func compute(t testing.TB, doc string) *Result {
	t.Helper()
	return Compute(decode(t, doc), design.Builtin(), nil)
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-6*math.Max(1, math.Abs(b)) }

func want(t *testing.T, what string, got, exp float64) {
	t.Helper()
	if !near(got, exp) {
		t.Errorf("%s = %v, want %v", what, got, exp)
	}
}

const apiLambda = `{"format":"archlab/v1","blocks":[
 {"id":"Api","kind":"apigateway-rest"},
 {"id":"Worker","kind":"lambda","props":{"MemorySize":512}}],
 "connections":[{"from":"Api","to":"Worker","integration":"invoke"}],
 "traffic":{"Api":{"averagePerSecond":100,"peakPerSecond":500}},
 "assumptions":{"Worker":{"durationMs":200}}}`

// 100 requests/s × 0.2 s = 20 concurrent executions on average; 500 × 0.2 = 100 at peak.
func TestLittlesLaw100rpsTimes200msIs20Concurrent(t *testing.T) {
	r := compute(t, apiLambda)
	w := r.Block("Worker")
	want(t, "average concurrency", w.Concurrency.Average, 20)
	want(t, "peak concurrency", w.Concurrency.Peak, 100)
	// Against the account quota of 1,000: 100 / 1,000 = 10%.
	want(t, "utilisation", w.Utilisation, 0.1)
	if w.Limit.Source != "lambda.default-concurrency-quota" {
		t.Errorf("limit from %q", w.Limit.Source)
	}
}

// 2,628,000 s a month × 100/s = 262.8M invocations: × $0.20/M = $52.56;
// × 0.2 s × 0.5 GB = 26.28M GB-s × $0.0000166667 = $438.00;
// × 500 bytes of logs = 122.38 GiB × $0.50 = $61.19.
// The API: 262.8M × $3.50/M = $919.80.
func TestMonthlyCostOfA100rpsAPIAndFunction(t *testing.T) {
	r := compute(t, apiLambda)
	w := r.Block("Worker")
	lines := map[string]float64{}
	for _, l := range w.Cost {
		lines[l.Price] = l.USD
	}
	want(t, "requests", lines["lambda.requests"], 262.8*0.20)
	want(t, "GB-seconds", lines["lambda.gb-second.x86_64"], 262.8e6*0.2*0.5*0.0000166667)
	want(t, "logs", lines["logs.ingestion"], 262.8e6*500/(1<<30)*0.50)
	want(t, "API", r.Block("Api").MonthlyCost, 262.8*3.50)
	want(t, "total", r.MonthlyCost, r.Block("Api").MonthlyCost+w.MonthlyCost)
	if r.Prices.Region != "us-east-1" || r.Prices.Date == "" || !r.Estimate {
		t.Errorf("prices = %+v, estimate %v", r.Prices, r.Estimate)
	}
}

// arm64 costs $0.0000133334 per GB-s: 26.28M GB-s × that = $350.41.
func TestArm64GBSecondsPrice(t *testing.T) {
	r := compute(t, `{"format":"archlab/v1","blocks":[{"id":"Api","kind":"apigateway-http"},
	 {"id":"Worker","kind":"lambda","props":{"MemorySize":512,"Architectures":"arm64"}}],
	 "connections":[{"from":"Api","to":"Worker","integration":"invoke"}],
	 "traffic":{"Api":{"averagePerSecond":100}},"assumptions":{"Worker":{"durationMs":200}}}`)
	for _, l := range r.Block("Worker").Cost {
		if l.Price == "lambda.gb-second.arm64" {
			want(t, "arm64 GB-s cost", l.USD, 262.8e6*0.2*0.5*0.0000133334)
			return
		}
	}
	t.Fatal("no arm64 duration line")
}

// Reserved concurrency 50 against 100 at peak: 200% of the limit.
func TestReservedConcurrencyIsTheLimit(t *testing.T) {
	r := compute(t, `{"format":"archlab/v1","blocks":[{"id":"Api","kind":"apigateway-rest"},
	 {"id":"Worker","kind":"lambda","props":{"ReservedConcurrentExecutions":50}}],
	 "connections":[{"from":"Api","to":"Worker","integration":"invoke"}],
	 "traffic":{"Api":{"averagePerSecond":100,"peakPerSecond":500}},"assumptions":{"Worker":{"durationMs":200}}}`)
	w := r.Block("Worker")
	want(t, "utilisation", w.Utilisation, 2)
	if w.Band() != "over" {
		t.Errorf("band %q", w.Band())
	}
}

// A stage limit of 400 requests/s against a peak of 500: 125%.
func TestStageThrottleIsTheAPILimit(t *testing.T) {
	r := compute(t, `{"format":"archlab/v1","blocks":[{"id":"Api","kind":"apigateway-rest","props":{"ThrottlingRateLimit":400}}],
	 "traffic":{"Api":{"averagePerSecond":100,"peakPerSecond":500}}}`)
	want(t, "utilisation", r.Block("Api").Utilisation, 1.25)
	// Without one, the account's 10,000: 500 / 10,000 = 5%.
	r = compute(t, `{"format":"archlab/v1","blocks":[{"id":"Api","kind":"apigateway-rest"}],"traffic":{"Api":{"peakPerSecond":500}}}`)
	want(t, "utilisation", r.Block("Api").Utilisation, 0.05)
}

// SNS fans out: 10 messages/s to a topic with three subscribed queues is
// 10/s into each, 30/s in all.
func TestTopicFanOutMultiplies(t *testing.T) {
	r := compute(t, `{"format":"archlab/v1","blocks":[{"id":"T","kind":"sns"},
	 {"id":"Q1","kind":"sqs"},{"id":"Q2","kind":"sqs"},{"id":"Q3","kind":"sqs"}],
	 "connections":[{"from":"T","to":"Q1"},{"from":"T","to":"Q2"},{"from":"T","to":"Q3"}],
	 "traffic":{"T":{"averagePerSecond":10}}}`)
	sum := 0.0
	for _, q := range []string{"Q1", "Q2", "Q3"} {
		want(t, q, r.Block(q).PerSecond.Average, 10)
		sum += r.Block(q).PerSecond.Average
	}
	want(t, "fan-out total", sum, 30)
}

// A rule that matches a quarter of a bus's 400 events/s passes 100/s on.
func TestFilterScales(t *testing.T) {
	r := compute(t, `{"format":"archlab/v1","blocks":[{"id":"Bus","kind":"eventbridge-bus"},
	 {"id":"Rule","kind":"eventbridge-rule"},{"id":"Fn","kind":"lambda"}],
	 "connections":[{"from":"Bus","to":"Rule"},{"from":"Rule","to":"Fn"}],
	 "traffic":{"Bus":{"averagePerSecond":400}},"assumptions":{"Rule":{"passFraction":0.25}}}`)
	want(t, "function invocations", r.Block("Fn").PerSecond.Average, 100)
}

// An SQS event source mapping with BatchSize 10: 1,000 messages/s are 100
// invocations/s; at 2 s each that is 200 concurrent.
func TestEventSourceMappingBatches(t *testing.T) {
	r := compute(t, `{"format":"archlab/v1","blocks":[{"id":"Q","kind":"sqs"},{"id":"Fn","kind":"lambda"}],
	 "connections":[{"from":"Q","to":"Fn","integration":"event-source-mapping","props":{"BatchSize":10}}],
	 "traffic":{"Q":{"averagePerSecond":1000}},"assumptions":{"Fn":{"durationMs":2000}}}`)
	fn := r.Block("Fn")
	want(t, "invocations", fn.PerSecond.Average, 100)
	want(t, "concurrency", fn.Concurrency.Average, 200)
	// Consumers take 1,250 batches at once × 10 messages / 2 s = 6,250 messages/s.
	want(t, "service rate", r.Block("Q").ServiceRate, 6250)
	if r.Block("Q").Backlog {
		t.Error("1,000/s is below 6,250/s: no backlog")
	}
}

// MaximumConcurrency 2, batch 10, 1 s each: consumers take 2 × 10 / 1 = 20
// messages/s; 50/s arriving on average grows the queue without bound.
func TestQueueGrowsWithoutBound(t *testing.T) {
	r := compute(t, `{"format":"archlab/v1","blocks":[{"id":"Q","kind":"sqs"},{"id":"Fn","kind":"lambda"}],
	 "connections":[{"from":"Q","to":"Fn","integration":"event-source-mapping","props":{"BatchSize":10,"ScalingConfig.MaximumConcurrency":2}}],
	 "traffic":{"Q":{"averagePerSecond":50}},"assumptions":{"Fn":{"durationMs":1000}}}`)
	q := r.Block("Q")
	want(t, "service rate", q.ServiceRate, 20)
	if !q.Backlog {
		t.Error("50/s above 20/s: the backlog grows")
	}
}

// A FIFO queue with one message group cannot pass 300 messages/s without
// batching: 600 messages/s one a call is 600 calls/s, 200% of 300.
func TestFIFOOneGroupCannotPass300MessagesPerSecondWithoutBatching(t *testing.T) {
	r := compute(t, `{"format":"archlab/v1","blocks":[{"id":"Q","kind":"sqs","props":{"FifoQueue":true,"QueueName":"q.fifo"}}],
	 "traffic":{"Q":{"averagePerSecond":600}}}`)
	q := r.Block("Q")
	want(t, "group calls", q.GroupRate, 600)
	want(t, "utilisation", q.Utilisation, 2)
	// Batches of 10: 600 / 10 = 60 calls/s, 20% of 300.
	r = compute(t, `{"format":"archlab/v1","blocks":[{"id":"Q","kind":"sqs","props":{"FifoQueue":true,"QueueName":"q.fifo","ExpectedMessagesPerCall":10}}],
	 "traffic":{"Q":{"averagePerSecond":600}}}`)
	want(t, "batched utilisation", r.Block("Q").Utilisation, 0.2)
}

// High-throughput mode lifts the queue to 70,000 calls/s but one group
// stays at 300: 3,000 calls/s over 5 groups is 600 a group, 200%.
func TestFIFOHighThroughputPerGroup(t *testing.T) {
	r := compute(t, `{"format":"archlab/v1","blocks":[{"id":"Q","kind":"sqs","props":{"FifoQueue":true,"QueueName":"q.fifo","DeduplicationScope":"messageGroup","FifoThroughputLimit":"perMessageGroupId"}}],
	 "traffic":{"Q":{"averagePerSecond":3000}},"assumptions":{"Q":{"messageGroups":5}}}`)
	q := r.Block("Q")
	want(t, "group calls", q.GroupRate, 600)
	want(t, "utilisation", q.Utilisation, 2)
	if q.Limit.Source != "sqs.fifo-message-group-calls-per-second" {
		t.Errorf("limit %q", q.Limit.Source)
	}
}

// A FIFO queue's consumers run one batch per group at a time: 2 groups ×
// 10 messages / 0.5 s = 40 messages/s.
func TestFIFOConsumersBoundByGroups(t *testing.T) {
	r := compute(t, `{"format":"archlab/v1","blocks":[{"id":"Q","kind":"sqs","props":{"FifoQueue":true,"QueueName":"q.fifo"}},{"id":"Fn","kind":"lambda"}],
	 "connections":[{"from":"Q","to":"Fn","integration":"event-source-mapping","props":{"BatchSize":10}}],
	 "traffic":{"Q":{"averagePerSecond":50}},"assumptions":{"Q":{"messageGroups":2},"Fn":{"durationMs":500}}}`)
	want(t, "service rate", r.Block("Q").ServiceRate, 40)
	if !r.Block("Q").Backlog {
		t.Error("50/s above 40/s: backlog")
	}
}

// Kinesis: 2,500 records/s of 1 KB need ceil(2,500 / 1,000) = 3 shards
// (2.56 MB/s needs 3 too); ShardCount 2 is 150%.
func TestKinesisShardsNeeded(t *testing.T) {
	r := compute(t, `{"format":"archlab/v1","blocks":[{"id":"S","kind":"kinesis","props":{"ShardCount":2}}],
	 "traffic":{"S":{"averagePerSecond":2500,"payloadBytes":1024}}}`)
	s := r.Block("S")
	want(t, "shards needed", s.ShardsNeeded, 3)
	want(t, "utilisation", s.Utilisation, 1.5)
	// 100 records/s of 50 KB = 5.12 MB/s: 6 shards by size.
	r = compute(t, `{"format":"archlab/v1","blocks":[{"id":"S","kind":"kinesis","props":{"ShardCount":2}}],
	 "traffic":{"S":{"averagePerSecond":100,"payloadBytes":51200}}}`)
	want(t, "shards by size", r.Block("S").ShardsNeeded, 6)
}

// Kinesis consumers: 2 shards × ParallelizationFactor 3 = 6 batches at once;
// × 100 records / 0.5 s = 1,200 records/s.
func TestKinesisConsumersScaleWithShards(t *testing.T) {
	r := compute(t, `{"format":"archlab/v1","blocks":[{"id":"S","kind":"kinesis","props":{"ShardCount":2}},{"id":"Fn","kind":"lambda"}],
	 "connections":[{"from":"S","to":"Fn","integration":"event-source-mapping","props":{"BatchSize":100,"ParallelizationFactor":3,"StartingPosition":"LATEST"}}],
	 "traffic":{"S":{"averagePerSecond":1000}},"assumptions":{"Fn":{"durationMs":500}}}`)
	want(t, "service rate", r.Block("S").ServiceRate, 1200)
}

// Retries: an asynchronously invoked function failing 10% of the time is
// invoked 1 + 0.1 + 0.01 = 1.11 times per event (two retries), and
// 0.1³ = 0.1% of events reach its on-failure destination.
func TestAsyncRetriesAddLoad(t *testing.T) {
	r := compute(t, `{"format":"archlab/v1","blocks":[{"id":"T","kind":"sns"},{"id":"Fn","kind":"lambda"},{"id":"DLQ","kind":"sqs"}],
	 "connections":[{"from":"T","to":"Fn"},{"from":"Fn","to":"DLQ","integration":"on-failure"}],
	 "traffic":{"T":{"averagePerSecond":100}},"assumptions":{"Fn":{"failureRate":0.1}}}`)
	want(t, "invocations", r.Block("Fn").PerSecond.Average, 111)
	want(t, "failed", r.Block("DLQ").PerSecond.Average, 0.1)
}

// A synchronous chain adds durations: API → A (50 ms) → B (150 ms) is 200 ms
// for A and the API.
func TestSynchronousChainAddsDurations(t *testing.T) {
	r := compute(t, `{"format":"archlab/v1","blocks":[{"id":"Api","kind":"apigateway-rest"},{"id":"A","kind":"lambda"},{"id":"B","kind":"lambda"}],
	 "connections":[{"from":"Api","to":"A","integration":"invoke"},{"from":"A","to":"B","integration":"sdk"}],
	 "traffic":{"Api":{"averagePerSecond":10}},"assumptions":{"A":{"durationMs":50},"B":{"durationMs":150}}}`)
	want(t, "A", r.Block("A").DurationMs, 200)
	want(t, "API", r.Block("Api").DurationMs, 200)
	// 10 requests/s × 0.2 s = 2 concurrent executions of A; B: 10 × 0.15 = 1.5.
	want(t, "A concurrency", r.Block("A").Concurrency.Average, 2)
	want(t, "B concurrency", r.Block("B").Concurrency.Average, 1.5)
}

// Step Functions Standard: 100 executions/s × 60 transitions = 6,000/s,
// 120% of 5,000; the cost is 262.8M × 60 / 1,000 × $0.025 = $394,200.
func TestStepFunctionsTransitions(t *testing.T) {
	r := compute(t, `{"format":"archlab/v1","blocks":[{"id":"SM","kind":"stepfunctions"}],
	 "traffic":{"SM":{"averagePerSecond":100}},"assumptions":{"SM":{"transitionsPerExecution":60}}}`)
	sm := r.Block("SM")
	want(t, "utilisation", sm.Utilisation, 1.2)
	want(t, "cost", sm.MonthlyCost, 262.8e6*60/1000*0.025)
}

// DynamoDB on demand: 50 writes/s of 3 KB items = 150 write units/s;
// a month: 394.2M units × $0.625/M = $246.375.
func TestDynamoDBOnDemandWrites(t *testing.T) {
	r := compute(t, `{"format":"archlab/v1","blocks":[{"id":"T","kind":"dynamodb","props":{"BillingMode":"PAY_PER_REQUEST","ExpectedItemSizeKB":3}}],
	 "traffic":{"T":{"averagePerSecond":50}}}`)
	tb := r.Block("T")
	want(t, "write units", tb.Demand, 150)
	want(t, "cost", tb.MonthlyCost, 50*3*2.628e6/1e6*0.625)
}

// Provisioned 100 WCU against 150 write units at peak: 150%.
func TestDynamoDBProvisioned(t *testing.T) {
	r := compute(t, `{"format":"archlab/v1","blocks":[{"id":"T","kind":"dynamodb","props":{"ProvisionedThroughput.WriteCapacityUnits":100,"ProvisionedThroughput.ReadCapacityUnits":10,"ExpectedItemSizeKB":3}}],
	 "traffic":{"T":{"averagePerSecond":50}}}`)
	want(t, "utilisation", r.Block("T").Utilisation, 1.5)
	// 100 WCU × 730 h × $0.00065 + 10 RCU × 730 × $0.00013 = $47.45 + $0.949.
	want(t, "cost", r.Block("T").MonthlyCost, 100*730*0.00065+10*730*0.00013)
}

// EventBridge: 12,000 events/s at peak on a bus is 120% of 10,000 PutEvents.
func TestEventBridgePutEvents(t *testing.T) {
	r := compute(t, `{"format":"archlab/v1","blocks":[{"id":"Bus","kind":"eventbridge-bus"}],"traffic":{"Bus":{"peakPerSecond":12000}}}`)
	want(t, "utilisation", r.Block("Bus").Utilisation, 1.2)
}

// SES in the sandbox sends 1 email/s: 3/s is 300%.
func TestSESSendingRate(t *testing.T) {
	r := compute(t, `{"format":"archlab/v1","blocks":[{"id":"Fn","kind":"lambda"},{"id":"Mail","kind":"ses"}],
	 "connections":[{"from":"Fn","to":"Mail","integration":"sdk"}],"traffic":{"Fn":{"averagePerSecond":3}}}`)
	want(t, "utilisation", r.Block("Mail").Utilisation, 3)
}

// Defaults are listed as assumptions, never hidden.
func TestDefaultsAreListed(t *testing.T) {
	r := compute(t, `{"format":"archlab/v1","blocks":[{"id":"Api","kind":"apigateway-rest"},{"id":"Fn","kind":"lambda"}],
	 "connections":[{"from":"Api","to":"Fn","integration":"invoke"}],"traffic":{"Api":{"averagePerSecond":10}}}`)
	found := map[string]bool{}
	for _, a := range r.Assumptions {
		found[a.Block+"."+a.Name] = a.Default
	}
	for _, k := range []string{"Api.peakPerSecond", "Api.payloadBytes", "Fn.durationMs", "Fn.logBytesPerInvocation"} {
		if isDefault, ok := found[k]; !ok || !isDefault {
			t.Errorf("%s not listed as a default: %v", k, found)
		}
	}
}

func TestNoTrafficNoLoadNoCost(t *testing.T) {
	r := compute(t, `{"format":"archlab/v1","blocks":[{"id":"Api","kind":"apigateway-rest"},{"id":"Fn","kind":"lambda"}],
	 "connections":[{"from":"Api","to":"Fn","integration":"invoke"}]}`)
	if r.MonthlyCost != 0 || r.HasTraffic || r.Block("Fn").Band() != "idle" {
		t.Fatalf("%+v", r)
	}
}

// A loop is counted once around and ends.
func TestLoopEnds(t *testing.T) {
	r := compute(t, `{"format":"archlab/v1","blocks":[{"id":"Q","kind":"sqs"},{"id":"Fn","kind":"lambda"}],
	 "connections":[{"from":"Q","to":"Fn","integration":"event-source-mapping"},{"from":"Fn","to":"Q","integration":"sdk"}],
	 "traffic":{"Fn":{"averagePerSecond":5}}}`)
	if r.Block("Q") == nil {
		t.Fatal("no figures")
	}
}

func TestCSVCostTable(t *testing.T) {
	d := decode(t, apiLambda)
	d.Blocks[0].Name = "=HYPERLINK(\"x\")"
	r := Compute(d, design.Builtin(), nil)
	out := string(CSV(r, nil))
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if !strings.HasPrefix(lines[0], "block,name,kind,price") || !strings.HasPrefix(lines[len(lines)-1], "TOTAL,") {
		t.Fatalf("csv:\n%s", out)
	}
	if !strings.Contains(out, "us-east-1") || !strings.Contains(out, "'=HYPERLINK") || !strings.Contains(out, "durationMs = 200 (given)") {
		t.Fatalf("csv lacks the region, the quoting or the assumptions:\n%s", out)
	}
	// 262.8M requests × $3.50/M = $919.80.
	if !strings.Contains(out, "919.80") {
		t.Fatalf("csv lacks the API's cost:\n%s", out)
	}
}

// Reserving 120 instead of 50 for 100 concurrent at peak removes the
// throttling; the cost is the same (reserved concurrency costs nothing).
// Adding an SQS queue of 100 messages/s (sent in no time, so the function
// takes no longer) adds 262.8M × 3 requests × $0.40/M = $315.36.
func TestCompareSaysCostAndThrottling(t *testing.T) {
	before := compute(t, `{"format":"archlab/v1","blocks":[{"id":"Api","kind":"apigateway-rest"},
	 {"id":"Worker","kind":"lambda","props":{"ReservedConcurrentExecutions":50}}],
	 "connections":[{"from":"Api","to":"Worker","integration":"invoke"}],
	 "traffic":{"Api":{"averagePerSecond":100,"peakPerSecond":500}},"assumptions":{"Worker":{"durationMs":200}}}`)
	after := compute(t, `{"format":"archlab/v1","blocks":[{"id":"Api","kind":"apigateway-rest"},
	 {"id":"Worker","kind":"lambda","props":{"ReservedConcurrentExecutions":120}},{"id":"Q","kind":"sqs"}],
	 "connections":[{"from":"Api","to":"Worker","integration":"invoke"},{"from":"Worker","to":"Q","integration":"sdk"}],
	 "traffic":{"Api":{"averagePerSecond":100,"peakPerSecond":500}},"assumptions":{"Worker":{"durationMs":200},"Q":{"durationMs":0}}}`)
	d := Compare(before, after)
	want(t, "change", d.To-d.From, 262.8*3*0.40)
	if len(d.Relieved) != 1 || d.Relieved[0] != "Worker" || len(d.Throttled) != 0 {
		t.Fatalf("relieved %v, throttled %v", d.Relieved, d.Throttled)
	}
	if !strings.HasPrefix(d.Sentence, "This change adds $315/month and removes the throttling at peak of Worker") {
		t.Fatalf("sentence = %q", d.Sentence)
	}
}

// A table's stream: 500 writes/s on average, one shard (the default),
// ParallelizationFactor 2, batches of 100 taking 1 s: 1 × 2 × 100 / 1 =
// 200 records/s, so the stream's backlog grows.
func TestDynamoDBStreamConsumers(t *testing.T) {
	r := compute(t, `{"format":"archlab/v1","blocks":[{"id":"T","kind":"dynamodb","props":{"BillingMode":"PAY_PER_REQUEST","StreamSpecification.StreamViewType":"NEW_IMAGE"}},{"id":"Fn","kind":"lambda"}],
	 "connections":[{"from":"T","to":"Fn","integration":"event-source-mapping","props":{"BatchSize":100,"ParallelizationFactor":2,"StartingPosition":"LATEST"}}],
	 "traffic":{"T":{"averagePerSecond":500}},"assumptions":{"Fn":{"durationMs":1000}}}`)
	want(t, "service rate", r.Block("T").ServiceRate, 200)
	if !r.Block("T").Backlog {
		t.Error("500/s above 200/s: backlog")
	}
}
