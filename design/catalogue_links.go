package design

// This file is the integration table: for each pair of kinds, the ways the
// first can feed the second, with each way's invocation model and its own
// properties. RULES.md §4 is where it comes from.

// Integration ids. They are stable: documents and templates name them.
const (
	IntInvoke       = "invoke"               // synchronous call of a function or backend
	IntAsyncInvoke  = "async-invoke"         // asynchronous Lambda invocation
	IntESM          = "event-source-mapping" // Lambda pollers read a queue or stream
	IntSubscription = "subscription"         // SNS subscription
	IntRule         = "rule"                 // an EventBridge bus feeds a rule
	IntTarget       = "target"               // a rule, schedule or pipe delivers to a target
	IntService      = "service-integration"  // API Gateway or AppSync calls an AWS service
	IntTask         = "task"                 // a Step Functions task state
	IntSDK          = "sdk"                  // function code calls the service's API
	IntDeadLetter   = "dead-letter"          // a dead-letter queue or topic
	IntOnFailure    = "on-failure"           // an asynchronous on-failure destination
	IntOnSuccess    = "on-success"           // an asynchronous on-success destination
	IntNotification = "notification"         // S3 or SES event notification
	IntEventBridge  = "eventbridge"          // S3 sends every event to EventBridge
	IntTrigger      = "trigger"              // a Cognito user pool trigger
	IntAuthorizer   = "authorizer"           // an API checks callers with it
	IntOrigin       = "origin"               // CloudFront fetches from it
	IntEdge         = "edge"                 // a Lambda@Edge function at a CloudFront event
	IntSource       = "source"               // a stream, pipe or Athena reads from it
	IntDelivery     = "delivery"             // Firehose delivers to it
	IntTransform    = "transform"            // Firehose transforms records with it
	IntEnrichment   = "enrichment"           // a pipe enriches events with it
	IntResolver     = "resolver"             // an AppSync data source
	IntRequest      = "request"              // a client calls it
	IntSQL          = "sql"                  // a database connection from code
	IntDataAPI      = "data-api"             // Aurora Data API over HTTPS
	IntReplication  = "kinesis-streaming"    // DynamoDB change data into a Kinesis stream
	IntCache        = "cache"                // DAX in front of DynamoDB
	IntPresignedURL = "presigned-url"        // a client uploads or downloads with a signed URL
	IntCredentials  = "temporary-credentials"
	IntMQTT         = "mqtt"          // a device publishes to IoT Core
	IntRuleAction   = "rule-action"   // an IoT Core topic rule sends what it selects
	IntQueryResults = "query-results" // Athena writes query results
)

// Properties shared by several integrations.
var (
	sqsESMProps = []Prop{
		{Name: "BatchSize", Type: TypeInteger, Unit: "messages", Default: 10, Range: rng(1, 10000), Summary: "Most messages per invocation; FIFO queues allow at most 10.", KB: "/kb/event-source-mappings", Essential: true},
		{Name: "MaximumBatchingWindowInSeconds", Label: "Batching window", Type: TypeInteger, Unit: "s", Default: 0, Range: rng(0, 300), Summary: "How long to gather messages before invoking; not for FIFO queues.", KB: "/kb/event-source-mappings", Essential: true},
		{Name: "FunctionResponseTypes", Label: "Partial batch response", Type: TypeList, Values: []string{"ReportBatchItemFailures"}, Summary: "Lets the function report which messages failed, so only those are retried.", KB: "/kb/event-source-mappings", Essential: true},
		{Name: "ScalingConfig.MaximumConcurrency", Label: "Maximum concurrency", Type: TypeInteger, Unit: "executions", Range: rng(2, 1000), Summary: "Caps the concurrent invocations this source drives.", KB: "/kb/concurrency-and-throttling", Essential: true},
		{Name: "FilterCriteria", Label: "Filter", Type: TypeJSON, Summary: "Event patterns; messages that match none are deleted without invoking."},
		{Name: "Enabled", Type: TypeBoolean, Default: true, Summary: "Whether the mapping polls."},
		{Name: "StartingPosition", Type: TypeEnum, Values: []string{"TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"}, Summary: "Only for streams: Lambda refuses it on an SQS mapping."},
	}
	streamESMProps = []Prop{
		{Name: "BatchSize", Type: TypeInteger, Unit: "records", Default: 100, Range: rng(1, 10000), Summary: "Most records per invocation.", KB: "/kb/event-source-mappings", Essential: true},
		{Name: "StartingPosition", Type: TypeEnum, Values: []string{"TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"}, Summary: "Where reading starts; required for streams (AT_TIMESTAMP is Kinesis only).", KB: "/kb/event-source-mappings", Essential: true},
		{Name: "ParallelizationFactor", Label: "Parallelization", Type: TypeInteger, Default: 1, Range: rng(1, 10), Summary: "Concurrent batches per shard; order is then kept per partition key only.", KB: "/kb/kinesis-data-streams", Essential: true},
		{Name: "MaximumBatchingWindowInSeconds", Label: "Batching window", Type: TypeInteger, Unit: "s", Default: 0, Range: rng(0, 300), Summary: "How long to gather records before invoking."},
		{Name: "MaximumRetryAttempts", Label: "Retries", Type: TypeInteger, Default: -1, Range: rng(-1, 10000), Summary: "Retries of a failing batch; -1 retries until the records expire, holding up the shard.", KB: "/kb/event-source-mappings", Essential: true},
		{Name: "MaximumRecordAgeInSeconds", Label: "Max record age", Type: TypeInteger, Unit: "s", Default: -1, Range: rng(60, 604800), Also: []float64{-1}, Summary: "Records older than this are given up on; -1 means never.", KB: "/kb/event-source-mappings", Essential: true},
		{Name: "BisectBatchOnFunctionError", Label: "Split failing batches", Type: TypeBoolean, Default: false, Summary: "Halves a failing batch to isolate the bad record.", Essential: true},
		{Name: "TumblingWindowInSeconds", Label: "Tumbling window", Type: TypeInteger, Unit: "s", Range: rng(0, 900), Summary: "Aggregation window for stateful processing."},
		{Name: "FunctionResponseTypes", Label: "Partial batch response", Type: TypeList, Values: []string{"ReportBatchItemFailures"}, Summary: "Lets the function report the first failed record, so processing resumes from it.", Essential: true},
		{Name: "DestinationConfig.OnFailure", Label: "On-failure destination", Type: TypeRef, Kinds: []string{"sqs", "sns", "s3"}, Summary: "Where a batch given up on is reported: an SQS queue or SNS topic gets only its shard and sequence numbers, an S3 bucket the records too.", KB: "/kb/dead-letter-queues-and-destinations", Essential: true},
		{Name: "FilterCriteria", Label: "Filter", Type: TypeJSON, Summary: "Event patterns; records that match none are skipped."},
		{Name: "Enabled", Type: TypeBoolean, Default: true, Summary: "Whether the mapping polls."},
	}
	kinesisESMProps = concat(streamESMProps, []Prop{
		{Name: "EnhancedFanOut", Label: "Enhanced fan-out", Type: TypeBoolean, Default: false, Summary: "A dedicated 2 MB/s per shard for this consumer instead of the shared read throughput.", KB: "/kb/kinesis-data-streams"},
	})
	// externalESMProps are what every event source mapping has, for the
	// sources outside the catalogue (Amazon MQ, MSK, self-managed Kafka,
	// DocumentDB).
	externalESMProps = []Prop{
		{Name: "BatchSize", Type: TypeInteger, Unit: "records", Range: rng(1, 10000), Summary: "Most records per invocation.", KB: "/kb/event-source-mappings"},
		{Name: "StartingPosition", Type: TypeEnum, Values: []string{"TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"}, Summary: "Where reading starts, for streams and Kafka topics.", KB: "/kb/event-source-mappings"},
		{Name: "MaximumBatchingWindowInSeconds", Label: "Batching window", Type: TypeInteger, Unit: "s", Range: rng(0, 300), Summary: "How long to gather records before invoking."},
		{Name: "DestinationConfig.OnFailure", Label: "On-failure destination", Type: TypeRef, Kinds: []string{"sqs", "sns", "s3"}, Summary: "Where records that are given up on are described, so they are not lost silently.", KB: "/kb/dead-letter-queues-and-destinations"},
		{Name: "FilterCriteria", Label: "Filter", Type: TypeJSON, Summary: "Event patterns; records that match none are skipped."},
		{Name: "Enabled", Type: TypeBoolean, Default: true, Summary: "Whether the mapping polls."},
	}
	retryPolicyProps = []Prop{
		{Name: "RetryPolicy.MaximumRetryAttempts", Label: "Retries", Type: TypeInteger, Default: 185, Range: rng(0, 185), Summary: "Delivery retries before the event is dropped or sent to the DLQ.", KB: "/kb/eventbridge"},
		{Name: "RetryPolicy.MaximumEventAgeInSeconds", Label: "Max event age", Type: TypeInteger, Unit: "s", Default: 86400, Range: rng(60, 86400), Summary: "How long delivery is retried (24 hours at most).", KB: "/kb/eventbridge"},
		{Name: "DeadLetterConfig.Arn", Label: "Dead-letter queue", Type: TypeRef, Kinds: []string{"sqs"}, Summary: "Standard SQS queue that keeps events that could not be delivered.", KB: "/kb/dead-letter-queues-and-destinations"},
		{Name: "InputTransformer", Type: TypeJSON, Summary: "Reshapes the event before delivery."},
	}
	subscriptionProps = []Prop{
		{Name: "FilterPolicy", Type: TypeJSON, Summary: "Only messages that match are delivered to this subscription.", KB: "/kb/sns"},
		{Name: "FilterPolicyScope", Type: TypeEnum, Values: []string{"MessageAttributes", "MessageBody"}, Default: "MessageAttributes", Summary: "Whether the filter policy looks at attributes or the body."},
		{Name: "RedrivePolicy.deadLetterTargetArn", Label: "Dead-letter queue", Type: TypeRef, Kinds: []string{"sqs"}, Summary: "SQS queue that keeps messages SNS could not deliver after its retries.", KB: "/kb/dead-letter-queues-and-destinations"},
	}
	rawDelivery = Prop{Name: "RawMessageDelivery", Label: "Raw delivery", Type: TypeBoolean, Default: false, Summary: "Delivers the message body alone, without the SNS envelope."}
	sdkProps    = []Prop{
		{Name: "Actions", Label: "IAM actions", Type: TypeList, Summary: "Actions the caller's role is granted on the target, such as sqs:SendMessage.", KB: "/kb/security"},
	}
	taskProps = func(patterns ...string) []Prop {
		return []Prop{
			{Name: "IntegrationPattern", Label: "Pattern", Type: TypeEnum, Values: patterns, Default: patterns[0], Summary: "request-response returns at once; sync waits for the job; wait-for-task-token pauses until a callback.", KB: "/kb/step-functions"},
			{Name: "TimeoutSeconds", Label: "Task timeout", Type: TypeInteger, Unit: "s", Range: rng(1, 31536000), Summary: "Fails the task after this long; without it a task can wait up to a year.", KB: "/kb/step-functions"},
			{Name: "HeartbeatSeconds", Label: "Heartbeat", Type: TypeInteger, Unit: "s", Range: rng(1, 31536000), Summary: "Fails a callback task that sends no heartbeat for this long."},
			{Name: "Retry", Type: TypeBoolean, Default: false, Summary: "The task retries transient errors with backoff.", KB: "/kb/step-functions"},
		}
	}
	timeoutMillis = func(def, max float64) Prop {
		return Prop{Name: "TimeoutInMillis", Label: "Integration timeout", Type: TypeInteger, Unit: "ms", Default: def, Range: rng(50, max), Summary: "API Gateway answers 504 to the client when the backend takes longer.", KB: "/kb/timeouts-across-a-request"}
	}
	originTimeout = Prop{Name: "OriginReadTimeout", Label: "Origin timeout", Type: TypeInteger, Unit: "s", Default: 30, Range: rng(1, 180), Summary: "How long CloudFront waits for the origin: 1–60 s, up to 180 s with a quota increase.", KB: "/kb/timeouts-across-a-request"}
)

// Guards shared by several integrations.
var (
	guardFifoTopicToNonSQS = Guard{Rule: "sns-fifo-subscriber", When: []Cond{{From, "FifoTopic", true}},
		Message: "SNS FIFO topics deliver only to SQS queues: put an SQS FIFO queue between the topic and this target, and let the target consume the queue"}
	guardStandardTopicToFifoQueue = Guard{Rule: "sns-standard-to-fifo-queue", When: []Cond{{From, "FifoTopic", false}, {To, "FifoQueue", true}},
		Message: "standard SNS topics cannot deliver to FIFO queues: make the topic FIFO too, or use a standard queue"}
	guardDestFifoQueue = Guard{Rule: "lambda-destination-fifo", When: []Cond{{To, "FifoQueue", true}},
		Message: "Lambda's asynchronous destinations and dead-letter queues must be standard queues: use a standard SQS queue here"}
	guardDestFifoTopic = Guard{Rule: "lambda-destination-fifo", When: []Cond{{To, "FifoTopic", true}},
		Message: "Lambda's asynchronous destinations and dead-letter queues must be standard topics: use a standard SNS topic here"}
	guardS3ToFifoQueue = Guard{Rule: "s3-notification-fifo", When: []Cond{{To, "FifoQueue", true}},
		Message: "S3 event notifications cannot go to FIFO queues: use a standard queue, or turn on EventBridge notifications and route to the FIFO queue with a rule"}
	guardS3ToFifoTopic = Guard{Rule: "s3-notification-fifo", When: []Cond{{To, "FifoTopic", true}},
		Message: "S3 event notifications cannot go to FIFO topics: use a standard topic, or route through EventBridge"}
)

func builtinLinks() []Link {
	var ls []Link
	add := func(from, to string, ins ...Integration) {
		ls = append(ls, Link{From: from, To: to, Integrations: ins})
	}
	each := func(from string, tos []string, in func(to string) []Integration) {
		for _, to := range tos {
			add(from, to, in(to)...)
		}
	}
	sdk := Integration{ID: IntSDK, Name: "SDK call", Model: ModelSDK, Summary: "Function code calls the service's API; the role needs a grant.", Props: sdkProps}

	// Clients and outside parties.
	request := Integration{ID: IntRequest, Name: "HTTPS request", Model: ModelSync, Summary: "The client calls and waits for the answer."}
	each("client", []string{"apigateway-rest", "apigateway-http", "apigateway-websocket", "appsync", "cloudfront"}, func(string) []Integration { return []Integration{request} })
	add("client", "cognito", Integration{ID: IntRequest, Name: "Sign-in", Model: ModelSync, Summary: "The client signs in and receives tokens."})
	add("client", "lambda", Integration{ID: IntRequest, Name: "Function URL", Model: ModelSync, Summary: "The client calls the function's HTTPS URL directly."})
	add("client", "s3",
		Integration{ID: IntPresignedURL, Name: "Presigned URL", Model: ModelSync, Summary: "The client uploads or downloads with a time-limited signed URL, bypassing your API."},
		Integration{ID: IntCredentials, Name: "Temporary credentials", Model: ModelSDK, Summary: "The client uses credentials from a Cognito identity pool, limited to its own prefix."})
	each("client", []string{"kinesis", "firehose"}, func(string) []Integration {
		return []Integration{{ID: IntSDK, Name: "Put records", Model: ModelSDK, Summary: "Devices or apps put records with the SDK (or through IoT Core)."}}
	})
	each("http-endpoint", []string{"apigateway-rest", "apigateway-http"}, func(string) []Integration {
		return []Integration{{ID: IntRequest, Name: "Incoming webhook", Model: ModelSync, Summary: "A third party calls your API."}}
	})

	// API Gateway.
	add("apigateway-rest", "lambda",
		Integration{ID: IntInvoke, Name: "Lambda integration", Model: ModelSync, Summary: "API Gateway invokes the function and waits for its answer.", Props: concat([]Prop{
			{Name: "IntegrationType", Type: TypeEnum, Values: []string{"AWS_PROXY", "AWS"}, Default: "AWS_PROXY", Summary: "Proxy passes the whole request; AWS maps it with templates."},
			timeoutMillis(29000, 300000)}, routeAuthorization("apigateway-rest"))},
		Integration{ID: IntAsyncInvoke, Name: "Asynchronous invoke", Model: ModelAsync, Summary: "API Gateway hands the event to Lambda (X-Amz-Invocation-Type: Event) and answers 202 at once.", Props: routeAuthorization("apigateway-rest")},
		Integration{ID: IntAuthorizer, Name: "Lambda authorizer", Model: ModelSync, Summary: "The function decides whether each request may pass.", Props: []Prop{
			{Name: "AuthorizerType", Type: TypeEnum, Values: []string{"TOKEN", "REQUEST"}, Default: "TOKEN", Summary: "TOKEN reads one header; REQUEST sees headers, query and context."},
			{Name: "AuthorizerResultTtlInSeconds", Label: "Cache TTL", Type: TypeInteger, Unit: "s", Default: 300, Range: rng(0, 3600), Summary: "How long a decision is cached."}}})
	add("apigateway-http", "lambda",
		Integration{ID: IntInvoke, Name: "Lambda integration", Model: ModelSync, Summary: "API Gateway invokes the function and waits for its answer.", Props: concat([]Prop{
			{Name: "PayloadFormatVersion", Label: "Payload format", Type: TypeEnum, Values: []string{"1.0", "2.0"}, Default: "2.0", Summary: "Shape of the event the function receives."},
			timeoutMillis(30000, 30000)}, routeAuthorization("apigateway-http"))},
		Integration{ID: IntAuthorizer, Name: "Lambda authorizer", Model: ModelSync, Summary: "The function decides whether each request may pass.", Props: []Prop{
			{Name: "AuthorizerResultTtlInSeconds", Label: "Cache TTL", Type: TypeInteger, Unit: "s", Default: 0, Range: rng(0, 3600), Summary: "How long a decision is cached."},
			{Name: "EnableSimpleResponses", Label: "Simple responses", Type: TypeBoolean, Default: false, Summary: "The function answers isAuthorized instead of an IAM policy."}}})
	add("apigateway-websocket", "lambda",
		Integration{ID: IntInvoke, Name: "Route integration", Model: ModelSync, Summary: "A route ($connect, $disconnect, $default or an action) invokes the function.", Props: []Prop{
			{Name: "RouteKey", Label: "Routes", Type: TypeList, Default: []any{"$default"}, Summary: "The routes this integration serves ($connect, $disconnect, $default or an action); one function often serves several."},
			timeoutMillis(29000, 29000)}},
		Integration{ID: IntAuthorizer, Name: "Lambda authorizer", Model: ModelSync, Summary: "The function authorizes the $connect request."})
	each("apigateway-rest", []string{"cognito"}, func(string) []Integration {
		return []Integration{{ID: IntAuthorizer, Name: "Cognito authorizer", Model: ModelSync, Summary: "API Gateway checks the caller's user-pool token."}}
	})
	add("apigateway-http", "cognito", Integration{ID: IntAuthorizer, Name: "JWT authorizer", Model: ModelSync, Summary: "API Gateway checks the caller's JWT against the user pool's issuer."})
	// Integration timeouts: REST APIs default to 29 s and Regional or
	// private ones may be raised by quota; HTTP APIs allow 30 s; WebSocket
	// APIs 29 s.
	integrationTimeout := map[string][2]float64{
		"apigateway-rest": {29000, 300000}, "apigateway-http": {30000, 30000}, "apigateway-websocket": {29000, 29000},
	}
	serviceIntegration := func(api, action string, values ...string) Integration {
		limits := integrationTimeout[api]
		props := []Prop{timeoutMillis(limits[0], limits[1])}
		if len(values) > 0 {
			props = append(props, Prop{Name: "Action", Type: TypeEnum, Values: values, Default: values[0], Summary: "The service action API Gateway calls."})
		}
		props = append(props, routeAuthorization(api)...)
		return Integration{ID: IntService, Name: "AWS service integration (" + action + ")", Model: ModelDirect, Summary: "API Gateway calls the service directly: no function to run or pay for.", Props: props}
	}
	for _, api := range []string{"apigateway-rest", "apigateway-websocket"} {
		add(api, "sqs", serviceIntegration(api, "SendMessage"))
		add(api, "sns", serviceIntegration(api, "Publish"))
		add(api, "eventbridge-bus", serviceIntegration(api, "PutEvents"))
		add(api, "stepfunctions", serviceIntegration(api, "StartExecution", "StartExecution", "StartSyncExecution"))
		add(api, "dynamodb", serviceIntegration(api, "PutItem, GetItem, Query"))
		add(api, "kinesis", serviceIntegration(api, "PutRecord"))
		add(api, "firehose", serviceIntegration(api, "PutRecord"))
		add(api, "s3", serviceIntegration(api, "GetObject, PutObject"))
	}
	add("apigateway-http", "sqs", serviceIntegration("apigateway-http", "SendMessage"))
	add("apigateway-http", "eventbridge-bus", serviceIntegration("apigateway-http", "PutEvents"))
	add("apigateway-http", "stepfunctions", serviceIntegration("apigateway-http", "StartExecution", "StartExecution", "StartSyncExecution"))
	add("apigateway-http", "kinesis", serviceIntegration("apigateway-http", "PutRecord"))
	for _, api := range []string{"apigateway-rest", "apigateway-http", "apigateway-websocket"} {
		limits := integrationTimeout[api]
		proxy := Integration{ID: IntInvoke, Name: "HTTP proxy", Model: ModelSync, Summary: "API Gateway forwards the request to the endpoint.", Props: concat([]Prop{timeoutMillis(limits[0], limits[1])}, routeAuthorization(api))}
		if api != "apigateway-http" {
			add(api, "http-endpoint", proxy)
			continue
		}
		// An HTTP API's JWT authorizer trusts any OpenID Connect issuer:
		// Auth0, Okta, Entra ID, an issuer of your own.
		add(api, "http-endpoint", proxy, Integration{ID: IntAuthorizer, Name: "JWT authorizer (OIDC issuer)", Model: ModelSync, Summary: "API Gateway checks the caller's JWT against the issuer's published keys; the issuer runs outside AWS."})
	}

	// AppSync.
	add("appsync", "lambda",
		Integration{ID: IntResolver, Name: "Lambda resolver", Model: ModelSync, Summary: "A field is resolved by invoking the function.", Props: appSyncResolverProps},
		Integration{ID: IntAuthorizer, Name: "Lambda authorizer", Model: ModelSync, Summary: "AppSync invokes the function to decide whether a request may pass (the AWS_LAMBDA authorization mode)."})
	add("appsync", "cognito", Integration{ID: IntAuthorizer, Name: "Cognito user pool", Model: ModelSync, Summary: "AppSync checks the caller's user-pool token (the AMAZON_COGNITO_USER_POOLS authorization mode)."})
	for _, to := range []string{"dynamodb", "rds", "http-endpoint", "eventbridge-bus"} {
		add("appsync", to, Integration{ID: IntResolver, Name: "Direct resolver", Model: ModelDirect, Summary: "A field is resolved by calling the data source directly.", Props: appSyncResolverProps})
	}

	// CloudFront.
	add("cloudfront", "s3", Integration{ID: IntOrigin, Name: "S3 origin", Model: ModelSync, Summary: "CloudFront serves objects from the bucket.", Props: []Prop{
		{Name: "OriginAccessControl", Label: "Origin access control", Type: TypeBoolean, Default: false, Summary: "Only CloudFront may read the bucket; the bucket stays private.", KB: "/kb/security"},
		{Name: "OriginReadTimeout", Label: "Origin timeout", Type: TypeInteger, Unit: "s", Default: 30, Range: rng(1, 120), Summary: "How long CloudFront waits for S3 (1–120 s)."}}})
	for _, to := range []string{"apigateway-rest", "apigateway-http", "http-endpoint"} {
		add("cloudfront", to, Integration{ID: IntOrigin, Name: "Custom origin", Model: ModelSync, Summary: "CloudFront forwards requests to the origin.", Props: []Prop{originTimeout}})
	}
	add("cloudfront", "lambda",
		Integration{ID: IntEdge, Name: "Lambda@Edge", Model: ModelSync, Summary: "The function runs at a CloudFront event, near the viewer.", Props: []Prop{
			{Name: "EventType", Label: "Event", Type: TypeEnum, Values: []string{"viewer-request", "viewer-response", "origin-request", "origin-response"}, Default: "origin-request", Summary: "Viewer events run on every request; origin events only on cache misses.", KB: "/kb/edge-functions"},
			{Name: "IncludeBody", Type: TypeBoolean, Default: false, Summary: "Passes the request body to the function."}}},
		Integration{ID: IntOrigin, Name: "Function URL origin", Model: ModelSync, Summary: "CloudFront forwards requests to the function's URL.", Props: []Prop{originTimeout}})

	// Cognito.
	add("cognito", "lambda", Integration{ID: IntTrigger, Name: "User pool trigger", Model: ModelSync, Summary: "Cognito calls the function during sign-up, sign-in or token issue and waits (5 s at most).", Props: []Prop{
		{Name: "TriggerSource", Label: "Trigger", Type: TypeEnum, Values: []string{"PreSignUp", "PostConfirmation", "PreAuthentication", "PostAuthentication", "PreTokenGeneration", "CustomMessage", "DefineAuthChallenge", "CreateAuthChallenge", "VerifyAuthChallengeResponse", "UserMigration", "CustomEmailSender", "CustomSMSSender"}, Default: "PostConfirmation", Summary: "Which moment of the user's life cycle calls the function."}}})

	// Lambda: SDK calls, destinations and dead-letter queues.
	add("lambda", "lambda",
		Integration{ID: IntSDK, Name: "Invoke from code", Model: ModelSDK, Summary: "Function code invokes another function.", Props: []Prop{
			{Name: "InvocationType", Type: TypeEnum, Values: []string{"RequestResponse", "Event"}, Default: "RequestResponse", Summary: "RequestResponse waits (and pays for both); Event hands off asynchronously.", KB: "/kb/invocation-models"}}},
		Integration{ID: IntOnFailure, Name: "On-failure destination", Model: ModelFailure, Summary: "Gets a record of asynchronous invocations that failed all retries."},
		Integration{ID: IntOnSuccess, Name: "On-success destination", Model: ModelAsync, Summary: "Gets a record of each successful asynchronous invocation."})
	add("lambda", "sqs", sdk,
		Integration{ID: IntOnFailure, Name: "On-failure destination", Model: ModelFailure, Summary: "Gets a record of asynchronous invocations that failed all retries.", Guards: []Guard{guardDestFifoQueue}},
		Integration{ID: IntOnSuccess, Name: "On-success destination", Model: ModelAsync, Summary: "Gets a record of each successful asynchronous invocation.", Guards: []Guard{guardDestFifoQueue}},
		Integration{ID: IntDeadLetter, Name: "Dead-letter queue", Model: ModelFailure, Summary: "Gets asynchronous events that failed all retries (the older mechanism; destinations carry more detail).", Guards: []Guard{guardDestFifoQueue}})
	add("lambda", "sns", sdk,
		Integration{ID: IntOnFailure, Name: "On-failure destination", Model: ModelFailure, Summary: "Gets a record of asynchronous invocations that failed all retries.", Guards: []Guard{guardDestFifoTopic}},
		Integration{ID: IntOnSuccess, Name: "On-success destination", Model: ModelAsync, Summary: "Gets a record of each successful asynchronous invocation.", Guards: []Guard{guardDestFifoTopic}},
		Integration{ID: IntDeadLetter, Name: "Dead-letter topic", Model: ModelFailure, Summary: "Gets asynchronous events that failed all retries.", Guards: []Guard{guardDestFifoTopic}})
	add("lambda", "eventbridge-bus", sdk,
		Integration{ID: IntOnFailure, Name: "On-failure destination", Model: ModelFailure, Summary: "Gets a record of asynchronous invocations that failed all retries."},
		Integration{ID: IntOnSuccess, Name: "On-success destination", Model: ModelAsync, Summary: "Gets a record of each successful asynchronous invocation."})
	add("lambda", "s3", sdk,
		Integration{ID: IntOnFailure, Name: "On-failure destination", Model: ModelFailure, Summary: "Gets a record of asynchronous invocations that failed all retries."})
	each("lambda", []string{"stepfunctions", "dynamodb", "kinesis", "firehose", "ses", "dax", "appsync", "cognito"}, func(string) []Integration { return []Integration{sdk} })
	add("lambda", "apigateway-websocket", Integration{ID: IntSDK, Name: "Post to connection", Model: ModelSDK, Summary: "Function code pushes a message to a connected client through the @connections API.", Props: sdkProps})
	add("lambda", "http-endpoint", Integration{ID: IntSDK, Name: "HTTPS call", Model: ModelSDK, Summary: "Function code calls the endpoint (a webhook or a third-party API)."})
	add("lambda", "rds",
		Integration{ID: IntSQL, Name: "Database connection", Model: ModelSDK, Summary: "Function code opens a database connection (from inside the VPC).", Props: []Prop{
			{Name: "RDSProxy", Label: "Through RDS Proxy", Type: TypeBoolean, Default: false, Summary: "RDS Proxy pools connections so that scaling functions do not exhaust the database.", KB: "/kb/rds-from-lambda"}}},
		Integration{ID: IntDataAPI, Name: "Data API", Model: ModelSDK, Summary: "SQL over HTTPS with IAM; no connections, no VPC needed."},
		Integration{ID: IntSDK, Name: "Management API call", Model: ModelSDK, Summary: "Function code calls the RDS management API (snapshots, instances, clusters); no database connection.", Props: sdkProps})

	// SQS.
	add("sqs", "lambda", Integration{ID: IntESM, Name: "Event source mapping", Model: ModelPoll, Summary: "Lambda's pollers receive batches and delete them when the function succeeds.", Props: sqsESMProps})
	add("sqs", "sqs", Integration{ID: IntDeadLetter, Name: "Dead-letter queue (redrive policy)", Model: ModelFailure, Summary: "Messages received more than maxReceiveCount times move here.", Props: []Prop{
		{Name: "maxReceiveCount", Label: "Max receives", Type: TypeInteger, Range: rng(1, 1000), Summary: "Receives before a message moves to the dead-letter queue.", KB: "/kb/dead-letter-queues-and-destinations"}},
		Guards: []Guard{{Rule: "sqs-dlq-fifo-mismatch", Differ: "FifoQueue", Message: "a dead-letter queue must be of the same type as its source queue: FIFO with FIFO, standard with standard"}}})
	add("sqs", "eventbridge-pipe", Integration{ID: IntSource, Name: "Pipe source", Model: ModelPoll, Summary: "The pipe polls the queue.", Props: []Prop{sqsESMProps[0], sqsESMProps[1]}})

	// SNS.
	sub := func(name string, props []Prop, guards ...Guard) Integration {
		return Integration{ID: IntSubscription, Name: name, Model: ModelSubscription, Summary: "SNS pushes each matching message to the subscriber, retrying on failure.", Props: props, Guards: guards}
	}
	add("sns", "lambda", sub("Lambda subscription", subscriptionProps, guardFifoTopicToNonSQS))
	add("sns", "sqs", sub("SQS subscription", concat(subscriptionProps, []Prop{rawDelivery}), guardStandardTopicToFifoQueue))
	add("sns", "http-endpoint", sub("HTTPS subscription", concat(subscriptionProps, []Prop{rawDelivery}), guardFifoTopicToNonSQS))
	add("sns", "firehose", sub("Firehose subscription", concat(subscriptionProps, []Prop{rawDelivery}), guardFifoTopicToNonSQS))

	// EventBridge.
	add("eventbridge-bus", "eventbridge-rule", Integration{ID: IntRule, Name: "Rule", Model: ModelSubscription, Summary: "The rule sees every event on the bus and passes on those its pattern matches."})
	targetProps := func(to string) []Prop {
		switch to {
		case "sqs":
			return concat(retryPolicyProps, []Prop{{Name: "SqsParameters.MessageGroupId", Label: "Message group id", Type: TypeString, Summary: "Required for FIFO queues.", KB: "/kb/message-ordering-and-fifo"}})
		case "kinesis":
			return concat(retryPolicyProps, []Prop{{Name: "KinesisParameters.PartitionKeyPath", Label: "Partition key path", Type: TypeString, Summary: "JSON path of the partition key in the event."}})
		case "eventbridge-bus":
			return concat(retryPolicyProps, []Prop{{Name: "RoleArn", Label: "Role", Type: TypeString, Summary: "Role EventBridge assumes to put events on another account's or Region's bus."}})
		case "http-endpoint":
			return concat(retryPolicyProps, []Prop{{Name: "InvocationRateLimitPerSecond", Label: "Rate limit", Type: TypeInteger, Unit: "requests/s", Default: 300, Range: rng(1, 300), Summary: "API destination: most requests per second sent to the endpoint."}})
		}
		return concat(retryPolicyProps)
	}
	target := func(name string) func(string) []Integration {
		return func(to string) []Integration {
			return []Integration{{ID: IntTarget, Name: name, Model: ModelAsync, Summary: "Matching events are delivered asynchronously, retried for up to 24 hours.", Props: targetProps(to)}}
		}
	}
	ruleTargets := []string{"lambda", "sqs", "sns", "stepfunctions", "eventbridge-bus", "kinesis", "firehose", "apigateway-rest", "http-endpoint"}
	each("eventbridge-rule", ruleTargets, target("Rule target"))
	each("scheduler", []string{"lambda", "sqs", "sns", "stepfunctions", "eventbridge-bus", "kinesis", "firehose"}, target("Schedule target"))

	// EventBridge Pipes.
	for _, src := range []string{"kinesis", "dynamodb"} {
		add(src, "eventbridge-pipe", Integration{ID: IntSource, Name: "Pipe source", Model: ModelPoll, Summary: "The pipe reads the stream.", Props: []Prop{
			streamESMProps[0], streamESMProps[1], streamESMProps[4], streamESMProps[5],
			{Name: "DeadLetterConfig.Arn", Label: "Dead-letter queue", Type: TypeRef, Kinds: []string{"sqs", "sns"}, Summary: "Where records the pipe gives up on are described."}}})
	}
	each("eventbridge-pipe", []string{"lambda", "stepfunctions", "eventbridge-bus", "sqs", "sns", "kinesis", "firehose", "apigateway-rest", "http-endpoint"}, func(to string) []Integration {
		ins := []Integration{{ID: IntTarget, Name: "Pipe target", Model: ModelDirect, Summary: "The pipe delivers each batch to its one target."}}
		if to == "lambda" || to == "stepfunctions" || to == "apigateway-rest" || to == "http-endpoint" {
			ins = append(ins, Integration{ID: IntEnrichment, Name: "Enrichment", Model: ModelSync, Summary: "The pipe calls it to add data before delivery."})
		}
		return ins
	})

	// EventBridge Custom Event Bus (AWS::EventsV2): functions publish with
	// PutEvents or PutRawEvents, Classic rules and other buses' subscribers
	// forward to it, event sources feed it AWS and SaaS events; each
	// subscriber reads the bus and delivers to exactly one target, with its
	// own dead-letter queue. The target types are those of the user guide's
	// "Targets for a Custom Event Bus subscriber"; anything else is a
	// universal (aws-sdk) target, outside the catalogue.
	add("lambda", "eventbridge-custom-bus", Integration{ID: IntSDK, Name: "PutEvents / PutRawEvents", Model: ModelSDK,
		Summary: "Function code publishes events; the role needs events:PutEvents (or events:PutRawEvents) on the bus, since eventsv2: actions grant nothing.", Props: sdkProps})
	add("eventbridge-rule", "eventbridge-custom-bus", target("Rule target")("eventbridge-custom-bus")...)
	add(KindExternal, "eventbridge-custom-bus", Integration{ID: IntNotification, Name: "Event source", Model: ModelAsync,
		Summary: "An event source (AWS::EventsV2::EventSource) feeds the bus AWS service events or a SaaS partner's events."})
	add("eventbridge-custom-bus", "eventbridge-subscriber", Integration{ID: IntSubscription, Name: "Subscriber", Model: ModelSubscription,
		Summary: "The subscriber reads the bus from its starting position and keeps the events its filters match."})
	subscriberTarget := func(props ...Prop) Integration {
		return Integration{ID: IntTarget, Name: "Subscriber target", Model: ModelAsync, Props: props,
			Summary: "The subscriber delivers matching events (in batches, for some targets) through its delivery role, retrying for 5 attempts or 300 s unless its retry policy says otherwise."}
	}
	groupID := func(svc string) Prop {
		return Prop{Name: svc + "Parameters.MessageGroupId", Label: "Message group id", Type: TypeString, KB: "/kb/message-ordering-and-fifo",
			Summary: "Required for a FIFO target; usually {% $events.SystemMetadata.EventGroupId %}, so that each event group keeps its order."}
	}
	dedupID := func(svc string) Prop {
		return Prop{Name: svc + "Parameters.MessageDeduplicationId", Label: "Deduplication id", Type: TypeString, KB: "/kb/message-ordering-and-fifo",
			Summary: "For a FIFO target without content-based deduplication: an expression unique per event, such as {% $events.SystemMetadata.\"aws:EventId\" %}; a fixed value drops every message after the first for 5 minutes."}
	}
	add("eventbridge-subscriber", "sqs", subscriberTarget(groupID("Sqs"), dedupID("Sqs"),
		Prop{Name: "SqsParameters.DelaySeconds", Label: "Delivery delay", Type: TypeString, Summary: "Delay of each message, 0–900 s (a string: it may be a JSONata expression)."}),
		Integration{ID: IntDeadLetter, Name: "Dead-letter queue", Model: ModelFailure,
			Summary: "Gets the events the subscriber gave up on (OnFailureConfiguration), with the error; the delivery role needs sqs:SendMessage on it."})
	add("eventbridge-subscriber", "sns", subscriberTarget(groupID("Sns"), dedupID("Sns"),
		Prop{Name: "SnsParameters.Subject", Label: "Subject", Type: TypeString, Summary: "Subject of each message, for email subscriptions."}))
	// REQUEST_RESPONSE waits for the function, so the subscriber's retries
	// and dead-letter queue cover its errors; EVENT hands the batch to
	// Lambda's asynchronous queue (the rules read the property).
	add("eventbridge-subscriber", "lambda", Integration{ID: IntTarget, Name: "Subscriber target", Model: ModelSync,
		Summary: "The subscriber invokes the function with each batch of matching events; with REQUEST_RESPONSE a function error is a failed delivery, retried by the subscriber.", Props: []Prop{
			{Name: "LambdaParameters.InvocationType", Label: "Invocation type", Type: TypeEnum, Values: []string{"REQUEST_RESPONSE", "EVENT"}, KB: "/kb/invocation-models",
				Summary: "REQUEST_RESPONSE waits for the function and keeps a FIFO subscriber's order; EVENT hands the batch to Lambda's asynchronous queue, which retries and orders nothing for the subscriber. AWS documents no default: set it."},
			{Name: "LambdaParameters.InvocationTimeoutSeconds", Label: "Invocation timeout", Type: TypeString, Summary: "How long a synchronous invocation may take, 1–30 s (30 by default; a string: it may be a JSONata expression)."},
			{Name: "LambdaParameters.Qualifier", Label: "Qualifier", Type: TypeString, Summary: "Version or alias to invoke."}}})
	add("eventbridge-subscriber", "kinesis", subscriberTarget(
		Prop{Name: "KinesisParameters.PartitionKey", Label: "Partition key", Type: TypeString, KB: "/kb/kinesis-data-streams", Summary: "Partition key of each record (required), usually an expression that reads the event."}))
	each("eventbridge-subscriber", []string{"stepfunctions", "firehose", "apigateway-rest", "http-endpoint", "eventbridge-bus", "eventbridge-custom-bus"}, func(string) []Integration {
		return []Integration{subscriberTarget()}
	})
	add("eventbridge-subscriber", KindExternal, subscriberTarget(
		Prop{Name: "UniversalTargetParameters.Input", Label: "Request", Type: TypeJSON, Summary: "For a universal target (arn:aws:events:::aws-sdk:service:action): the API request, as JSON or a JSONata expression."}))

	// Step Functions.
	add("stepfunctions", "lambda", Integration{ID: IntTask, Name: "Task (lambda:invoke)", Model: ModelDirect, Summary: "A task state invokes the function and waits for its result.", Props: taskProps("request-response", "wait-for-task-token")})
	add("stepfunctions", "stepfunctions", Integration{ID: IntTask, Name: "Task (startExecution)", Model: ModelDirect, Summary: "A task state starts a child workflow.", Props: taskProps("request-response", "sync", "wait-for-task-token")})
	for _, to := range []string{"sqs", "sns", "eventbridge-bus", "apigateway-rest"} {
		add("stepfunctions", to, Integration{ID: IntTask, Name: "Task", Model: ModelDirect, Summary: "A task state calls the service directly.", Props: taskProps("request-response", "wait-for-task-token")})
	}
	for _, to := range []string{"dynamodb", "kinesis", "firehose", "s3", "ses", "rds", "http-endpoint"} {
		add("stepfunctions", to, Integration{ID: IntTask, Name: "Task", Model: ModelDirect, Summary: "A task state calls the service directly.", Props: taskProps("request-response")})
	}

	// Streams.
	add("kinesis", "lambda", Integration{ID: IntESM, Name: "Event source mapping", Model: ModelPoll, Summary: "Lambda's pollers read each shard in order and invoke with batches.", Props: kinesisESMProps})
	add("kinesis", "firehose", Integration{ID: IntSource, Name: "Firehose source", Model: ModelPoll, Summary: "Firehose reads the stream and delivers its records."})
	add("dynamodb", "lambda", Integration{ID: IntESM, Name: "Stream event source mapping", Model: ModelPoll, Summary: "Lambda's pollers read the table's stream in order per item.", Props: streamESMProps})
	add("dynamodb", "kinesis", Integration{ID: IntReplication, Name: "Kinesis streaming destination", Model: ModelDirect, Summary: "Item changes are copied to a Kinesis stream (more readers, longer retention than DynamoDB Streams)."})
	add("firehose", "s3", Integration{ID: IntDelivery, Name: "S3 destination", Model: ModelDirect, Summary: "Firehose writes buffered records as objects."})
	add("firehose", "http-endpoint", Integration{ID: IntDelivery, Name: "HTTP endpoint destination", Model: ModelDirect, Summary: "Firehose posts buffered records to the endpoint."})
	add("firehose", "lambda", Integration{ID: IntTransform, Name: "Transformation", Model: ModelSync, Summary: "Firehose invokes the function to transform each buffer before delivery."})

	// S3 and SES notifications.
	s3Notification := func(guards ...Guard) Integration {
		return Integration{ID: IntNotification, Name: "Event notification", Model: ModelAsync, Summary: "The bucket sends an event for each matching object change.", Guards: guards, Props: []Prop{
			{Name: "Events", Type: TypeList, Values: []string{"s3:ObjectCreated:*", "s3:ObjectCreated:Put", "s3:ObjectCreated:Post", "s3:ObjectCreated:Copy", "s3:ObjectCreated:CompleteMultipartUpload", "s3:ObjectRemoved:*", "s3:ObjectRemoved:Delete", "s3:ObjectRemoved:DeleteMarkerCreated", "s3:ObjectRestore:*", "s3:Replication:*", "s3:LifecycleExpiration:*", "s3:ObjectTagging:*"}, Default: []any{"s3:ObjectCreated:*"}, Summary: "Which object changes send an event.", KB: "/kb/s3-events"},
			{Name: "Filter.S3Key.Prefix", Label: "Key prefix", Type: TypeString, Summary: "Only keys that start with this."},
			{Name: "Filter.S3Key.Suffix", Label: "Key suffix", Type: TypeString, Summary: "Only keys that end with this."}}}
	}
	add("s3", "lambda", s3Notification())
	add("s3", "sqs", s3Notification(guardS3ToFifoQueue))
	add("s3", "sns", s3Notification(guardS3ToFifoTopic))
	add("s3", "eventbridge-bus", Integration{ID: IntEventBridge, Name: "EventBridge notifications", Model: ModelDirect, Summary: "The bucket sends every event to the default bus, where rules filter them."})
	add("ses", "sns", Integration{ID: IntNotification, Name: "Notifications", Model: ModelAsync, Summary: "Bounces, complaints and deliveries are published to the topic."})
	add("ses", "s3", Integration{ID: IntNotification, Name: "Receipt rule: store", Model: ModelDirect, Summary: "Received email is written to the bucket."})
	add("ses", "lambda", Integration{ID: IntNotification, Name: "Receipt rule: invoke", Model: ModelAsync, Summary: "Received email invokes the function."})

	// IoT Core: devices publish over MQTT, topic rules act on what they select.
	add("client", "iot-core", Integration{ID: IntMQTT, Name: "MQTT publish", Model: ModelAsync, Summary: "The device publishes messages over MQTT (or HTTPS) and does not wait for what the rules do with them."})
	add("iot-core", "kinesis", Integration{ID: IntRuleAction, Name: "Kinesis action", Model: ModelDirect, Summary: "The rule puts each selected message on the stream.", Props: []Prop{
		{Name: "PartitionKey", Type: TypeString, Summary: "Partition key of the records, often ${topic()} or a device id, so that one device's readings stay in order.", KB: "/kb/kinesis-data-streams"}}})
	add("iot-core", "firehose", Integration{ID: IntRuleAction, Name: "Firehose action", Model: ModelDirect, Summary: "The rule puts each selected message on the delivery stream.", Props: []Prop{
		{Name: "BatchMode", Type: TypeBoolean, Default: false, Summary: "Delivers an array of messages as a batch (PutRecordBatch)."},
		{Name: "Separator", Type: TypeString, Summary: "Separator between records: \\n, \\t, \\r\\n or a comma."}}})
	add("iot-core", "sqs", Integration{ID: IntRuleAction, Name: "SQS action", Model: ModelDirect, Summary: "The rule sends each selected message to the queue; standard queues only, since the rules engine keeps no order.", Guards: []Guard{{Rule: "iot-sqs-fifo", When: []Cond{{To, "FifoQueue", true}},
		Message: "the IoT rules engine's SQS action does not support FIFO queues (it sends no message group id and keeps no order): use a standard queue, or let a function or a Kinesis stream between them write to the FIFO queue"}}, Props: []Prop{
		{Name: "UseBase64", Type: TypeBoolean, Default: false, Summary: "Base64-encodes the message before sending it."}}})
	add("iot-core", "lambda", Integration{ID: IntRuleAction, Name: "Lambda action", Model: ModelAsync, Summary: "The rule invokes the function asynchronously with each selected message."})

	// Athena: functions start queries, which scan one bucket and write their
	// results to another.
	add("lambda", "athena", Integration{ID: IntSDK, Name: "Query", Model: ModelSDK, Summary: "Function code starts a query (StartQueryExecution) and polls for or collects its results.", Props: sdkProps})
	add("s3", "athena", Integration{ID: IntSource, Name: "Table data", Model: ModelDirect, Summary: "Queries scan the bucket's objects as tables of the Glue Data Catalog; partitioned, columnar data (Parquet) keeps the bytes scanned, and the bill, small."})
	add("athena", "s3", Integration{ID: IntQueryResults, Name: "Query results", Model: ModelDirect, Summary: "Athena writes each query's results to the workgroup's output location in the bucket."})

	// DAX.
	add("dax", "dynamodb", Integration{ID: IntCache, Name: "Write-through cache", Model: ModelDirect, Summary: "DAX serves reads from memory and writes through to the table."})

	// Services the catalogue does not model, outside the design: what the
	// design's blocks do with them, and what they do to the design. The
	// modelled side keeps its own properties (a rule target's dead-letter
	// queue, a mapping's on-failure destination).
	add("lambda", KindExternal, sdk)
	each("eventbridge-rule", []string{KindExternal}, target("Rule target"))
	each("scheduler", []string{KindExternal}, target("Schedule target"))
	add("eventbridge-pipe", KindExternal, Integration{ID: IntTarget, Name: "Pipe target", Model: ModelDirect, Summary: "The pipe delivers each batch to its one target."})
	add(KindExternal, "eventbridge-pipe", Integration{ID: IntSource, Name: "Pipe source", Model: ModelPoll, Summary: "The pipe polls the source (a broker, a stream, a queue of another service)."})
	add(KindExternal, "lambda",
		Integration{ID: IntESM, Name: "Event source mapping", Model: ModelPoll, Summary: "Lambda's pollers read the source (Amazon MQ, MSK, a Kafka cluster, DocumentDB) and invoke with batches.", Props: externalESMProps},
		Integration{ID: IntInvoke, Name: "Synchronous invoke", Model: ModelSync, Summary: "The service invokes the function and waits for its answer (an Alexa skill, say)."},
		Integration{ID: IntAsyncInvoke, Name: "Asynchronous invoke", Model: ModelAsync, Summary: "The service hands events to Lambda, which queues and retries them (a CloudWatch Logs subscription, say)."})
	add(KindExternal, "sns", Integration{ID: IntNotification, Name: "Notification", Model: ModelAsync, Summary: "The service publishes to the topic (a CloudWatch alarm, say)."})
	add("stepfunctions", KindExternal, Integration{ID: IntTask, Name: "Task", Model: ModelDirect, Summary: "A task state calls the service (AWS Batch, ECS, Glue, an SDK integration).", Props: taskProps("request-response", "sync", "wait-for-task-token")})
	for _, api := range []string{"apigateway-rest", "apigateway-http", "apigateway-websocket"} {
		add(api, KindExternal, serviceIntegration(api, "a service action"))
	}
	add("appsync", KindExternal, Integration{ID: IntResolver, Name: "Data source", Model: ModelDirect, Summary: "A field is resolved by calling the data source (OpenSearch, an HTTP endpoint of a service).", Props: appSyncResolverProps})

	return ls
}
