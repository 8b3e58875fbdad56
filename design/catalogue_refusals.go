package design

// builtinRefusals explains the connections people most often try that AWS
// does not offer, each with what to build instead. Pairs not listed here get
// the general advice of Catalogue.WhyNot.
func builtinRefusals() []Refusal {
	var rs []Refusal
	add := func(from, to, msg string) { rs = append(rs, Refusal{From: from, To: to, Message: msg}) }

	// Buses deliver only through rules.
	for _, to := range []string{"lambda", "sqs", "sns", "stepfunctions", "kinesis", "firehose", "apigateway-rest", "http-endpoint"} {
		add("eventbridge-bus", to, "an EventBridge bus delivers through rules: add an EventBridge rule with an event pattern between the bus and this target")
	}
	// Queues and streams are pulled, never pushed.
	add("sqs", "sns", "SQS does not push messages anywhere: consumers poll it. Forward messages to the topic with a Lambda consumer or an EventBridge pipe")
	add("sqs", "stepfunctions", "SQS cannot start executions: use an EventBridge pipe with the queue as source and the state machine as target, or a Lambda consumer")
	add("sqs", "eventbridge-bus", "SQS cannot publish to a bus: use an EventBridge pipe with the queue as source and the bus as target")
	add("sqs", "dynamodb", "SQS does not write anywhere: add a Lambda consumer that writes the messages to the table")
	for _, src := range []string{"kinesis", "dynamodb"} {
		for _, to := range []string{"sqs", "sns", "stepfunctions", "eventbridge-bus"} {
			add(src, to, "streams are read by pollers, not pushed: put a Lambda function (event source mapping) or an EventBridge pipe between the stream and this target")
		}
	}
	// SNS.
	add("sns", "stepfunctions", "SNS cannot start executions: subscribe a queue or a function that starts them, or publish to EventBridge and target the state machine from a rule")
	add("sns", "eventbridge-bus", "SNS cannot publish to EventBridge: subscribe a Lambda function that calls PutEvents, or publish to the bus in the first place")
	add("sns", "sns", "topics do not subscribe to topics: subscribe the final consumers (or their queues) to the first topic")
	add("sns", "dynamodb", "SNS does not write to tables: subscribe a Lambda function (or a queue it consumes) that writes the items")
	add("sns", "kinesis", "SNS cannot deliver to Kinesis Data Streams: subscribe a Data Firehose stream or a Lambda function")
	// HTTP APIs have fewer first-class integrations than REST APIs.
	add("apigateway-http", "sns", "HTTP APIs have no SNS integration: use a REST API service integration, or integrate with SQS or EventBridge, or put a function in between")
	add("apigateway-http", "dynamodb", "HTTP APIs cannot call DynamoDB directly: use a REST API service integration or a Lambda function")
	add("apigateway-http", "s3", "HTTP APIs cannot call S3 directly: use a REST API service integration, or give clients presigned URLs")
	add("apigateway-http", "firehose", "HTTP APIs have no Firehose integration: use a REST API service integration or Kinesis Data Streams")
	// S3 events.
	add("s3", "stepfunctions", "S3 cannot start executions directly: turn on EventBridge notifications for the bucket and add a rule that targets the state machine")
	add("s3", "kinesis", "S3 does not send events to Kinesis: use EventBridge notifications and a rule with a Kinesis target")
	// Direction mistakes.
	add("cognito", "apigateway-rest", "draw the authorizer from the API to the user pool: the API checks the tokens the pool issues")
	add("cognito", "apigateway-http", "draw the authorizer from the API to the user pool: the API checks the tokens the pool issues")
	add("lambda", "cloudfront", "a function does not feed a distribution: draw the connection from CloudFront to the function (Lambda@Edge or a function URL origin)")
	add("sqs", "apigateway-rest", "queues do not call APIs: a consumer (a Lambda function, or an EventBridge pipe with an API destination) does")
	// Clients reach data through an API.
	for _, to := range []string{"dynamodb", "rds", "sqs", "sns", "stepfunctions"} {
		add("client", to, "clients should not call this directly from outside: put an API (API Gateway or AppSync) in front, so that callers are authenticated, throttled and validated")
	}
	return rs
}
