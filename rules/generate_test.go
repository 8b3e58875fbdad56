package rules

import (
	"fmt"
	"strings"
)

// generatedDesign writes an archlab/v1 document of about n blocks, built of
// cells of ten services wired the way real designs are (an API, functions,
// queues with dead-letter queues, a topic fanning out, a table with a stream,
// a bucket's notifications) with about two connections per block, and each
// cell calling into the next.
func generatedDesign(n int) []byte {
	cells := max(1, n/10)
	var blocks, conns []string
	block := func(id, kind, props string) {
		if props == "" {
			blocks = append(blocks, fmt.Sprintf(`{"id":%q,"kind":%q}`, id, kind))
			return
		}
		blocks = append(blocks, fmt.Sprintf(`{"id":%q,"kind":%q,"props":{%s}}`, id, kind, props))
	}
	conn := func(from, to, integration, props string) {
		id := fmt.Sprintf("c%d", len(conns))
		c := fmt.Sprintf(`{"id":%q,"from":%q,"to":%q`, id, from, to)
		if integration != "" {
			c += fmt.Sprintf(`,"integration":%q`, integration)
		}
		if props != "" {
			c += `,"props":{` + props + `}`
		}
		conns = append(conns, c+"}")
	}
	for i := range cells {
		p := func(name string) string { return fmt.Sprintf("%s%d", name, i) }
		block(p("Api"), "apigateway-rest", `"ExpectedRequestsPerSecond":200`)
		block(p("Create"), "lambda", `"Timeout":20,"MemorySize":512,"AverageDurationMs":120`)
		block(p("Jobs"), "sqs", `"VisibilityTimeout":60`)
		block(p("Worker"), "lambda", `"Timeout":30,"ReservedConcurrentExecutions":10`)
		block(p("Table"), "dynamodb", `"BillingMode":"PAY_PER_REQUEST","StreamSpecification.StreamViewType":"NEW_IMAGE"`)
		block(p("Events"), "sns", "")
		block(p("Fanout"), "sqs", `"VisibilityTimeout":400`)
		block(p("Notify"), "lambda", `"Timeout":60,"Runtime":"nodejs20.x"`)
		block(p("DLQ"), "sqs", `"MessageRetentionPeriod":1209600`)
		block(p("Uploads"), "s3", "")
		conn(p("Api"), p("Create"), "invoke", `"TimeoutInMillis":25000`)
		conn(p("Create"), p("Jobs"), "sdk", "")
		conn(p("Create"), p("Table"), "sdk", "")
		conn(p("Create"), p("Events"), "sdk", "")
		conn(p("Jobs"), p("Worker"), "", `"BatchSize":10`)
		conn(p("Worker"), p("Table"), "sdk", "")
		conn(p("Worker"), p("Events"), "sdk", "")
		conn(p("Events"), p("Fanout"), "", "")
		conn(p("Events"), p("Notify"), "", "")
		conn(p("Fanout"), p("Notify"), "", `"BatchSize":5`)
		conn(p("Jobs"), p("DLQ"), "", `"maxReceiveCount":5`)
		conn(p("Fanout"), p("DLQ"), "", `"maxReceiveCount":3`)
		conn(p("Table"), p("Notify"), "", `"StartingPosition":"LATEST"`)
		conn(p("Uploads"), p("Worker"), "", "")
		conn(p("Notify"), p("Uploads"), "sdk", "")
		conn(p("Notify"), p("DLQ"), "on-failure", "")
		conn(p("Worker"), p("Create"), "sdk", `"InvocationType":"Event"`)
		if i+1 < cells {
			conn(p("Notify"), fmt.Sprintf("Jobs%d", i+1), "sdk", "")
			conn(p("Worker"), fmt.Sprintf("Table%d", i+1), "sdk", "")
			conn(p("Create"), fmt.Sprintf("Events%d", i+1), "sdk", "")
		}
	}
	return []byte(`{"format":"archlab/v1","title":"Generated","blocks":[` + strings.Join(blocks, ",") +
		`],"connections":[` + strings.Join(conns, ",") + `]}`)
}
