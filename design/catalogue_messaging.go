package design

var sqsKind = Kind{
	ID: "sqs", Name: "SQS queue", Noun: "Queue", Category: CategoryMessaging, KB: "/kb/sqs",
	Summary:        "Durable queue that buffers work between producers and consumers.",
	CloudFormation: []string{"AWS::SQS::Queue"},
	ARN:            []ARNForm{{Service: "sqs"}},
	IAM:            []IAMService{{Prefix: "sqs", Write: []string{"SendMessage", "SendMessageBatch"}, Read: []string{"ReceiveMessage", "DeleteMessage", "DeleteMessageBatch", "ChangeMessageVisibility", "ChangeMessageVisibilityBatch", "GetQueueAttributes", "GetQueueUrl"}}},
	Props: []Prop{
		{Name: "QueueName", Label: "Queue name", Type: TypeString, Text: nameQueue, Summary: "Queue name; FIFO queue names end in .fifo.", Essential: true},
		{Name: "FifoQueue", Label: "FIFO", Type: TypeBoolean, Default: false, Summary: "Ordered, exactly-once processing per message group, with lower throughput.", KB: "/kb/message-ordering-and-fifo", Essential: true},
		{Name: "ContentBasedDeduplication", Type: TypeBoolean, Default: false, Summary: "FIFO only: deduplicate by a hash of the body instead of an explicit id.", Essential: true, AppliesWhen: &Applies{Prop: "FifoQueue", Equals: true}},
		{Name: "DeduplicationScope", Type: TypeEnum, Values: []string{"queue", "messageGroup"}, Summary: "FIFO only: deduplicate across the queue or per message group.", AppliesWhen: &Applies{Prop: "FifoQueue", Equals: true}},
		{Name: "FifoThroughputLimit", Type: TypeEnum, Values: []string{"perQueue", "perMessageGroupId"}, Summary: "FIFO only: perMessageGroupId (with messageGroup scope) is high-throughput mode.", AppliesWhen: &Applies{Prop: "FifoQueue", Equals: true}},
		{Name: "VisibilityTimeout", Type: TypeInteger, Unit: "s", Default: 30, Range: rng(0, 43200), Summary: "How long a received message stays hidden before another consumer may receive it.", KB: "/kb/sqs", Essential: true},
		{Name: "MessageRetentionPeriod", Label: "Retention", Type: TypeInteger, Unit: "s", Default: 345600, Range: rng(60, 1209600), Summary: "How long an unprocessed message is kept (4 days by default, 14 at most).", KB: "/kb/sqs", Essential: true},
		{Name: "MaximumMessageSize", Label: "Max message size", Type: TypeInteger, Unit: "bytes", Default: 1048576, Range: rng(1024, 1048576), Summary: "Largest message the queue accepts (1 MiB, the default since August 2025).", KB: "/kb/sqs"},
		{Name: "DelaySeconds", Label: "Delivery delay", Type: TypeInteger, Unit: "s", Default: 0, Range: rng(0, 900), Summary: "Delay before a new message becomes visible (a delay queue).", KB: "/kb/sqs", Essential: true},
		{Name: "ReceiveMessageWaitTimeSeconds", Label: "Long polling wait", Type: TypeInteger, Unit: "s", Default: 0, Range: rng(0, 20), Summary: "Long-polling wait of receives; above 0 cuts empty responses and cost.", KB: "/kb/sqs"},
		{Name: "SqsManagedSseEnabled", Label: "SSE-SQS encryption", Type: TypeBoolean, Default: true, Summary: "Encrypts messages at rest with SQS-owned keys."},
		{Name: "KmsMasterKeyId", Label: "KMS key", Type: TypeString, Summary: "Customer managed KMS key for encryption at rest; producers need kms:GenerateDataKey on it."},
		{Name: "ExpectedMessagesPerSecond", Label: "Expected traffic", Type: TypeNumber, Unit: "messages/s", Range: rng(0, 10000000), Estimate: true, Summary: "Estimate: peak messages sent per second.", KB: "/kb/concurrency-and-throttling"},
		{Name: "ExpectedMessagesPerCall", Label: "Messages per send", Type: TypeNumber, Unit: "messages", Range: rng(1, 10), Estimate: true, Summary: "Estimate: messages producers put in one send call on average (SendMessageBatch carries up to 10); unset counts one a call.", KB: "/kb/message-ordering-and-fifo"},
		{Name: "ExpectedMaxMessageSizeKB", Label: "Largest message", Type: TypeNumber, Unit: "KB", Range: rng(0, 1048576), Estimate: true, Summary: "Estimate: the largest message producers send (1 KB = 1,024 bytes), checked against every hop it travels.", KB: "/kb/rules/payload-size-path"},
	},
}

var snsKind = Kind{
	ID: "sns", Name: "SNS topic", Noun: "Topic", Category: CategoryMessaging, KB: "/kb/sns",
	Summary:        "Publish/subscribe fan-out: every subscription receives a copy of each message.",
	CloudFormation: []string{"AWS::SNS::Topic"},
	ARN:            []ARNForm{{Service: "sns"}},
	IAM:            []IAMService{{Prefix: "sns", Write: []string{"Publish", "PublishBatch"}, Read: []string{"GetTopicAttributes"}}},
	Props: []Prop{
		{Name: "TopicName", Label: "Topic name", Type: TypeString, Text: nameTopic, Summary: "Topic name; FIFO topic names end in .fifo.", Essential: true},
		{Name: "FifoTopic", Label: "FIFO", Type: TypeBoolean, Default: false, Summary: "Ordered, deduplicated delivery to SQS queues only.", KB: "/kb/message-ordering-and-fifo", Essential: true},
		{Name: "ContentBasedDeduplication", Type: TypeBoolean, Default: false, Summary: "FIFO only: deduplicate by a hash of the body.", Essential: true, AppliesWhen: &Applies{Prop: "FifoTopic", Equals: true}},
		{Name: "KmsMasterKeyId", Label: "KMS key", Type: TypeString, Summary: "KMS key for encryption at rest.", Essential: true},
		{Name: "TracingConfig", Label: "Tracing", Type: TypeEnum, Values: []string{"Active", "PassThrough"}, Default: "PassThrough", Summary: "Active sends X-Ray traces for published messages.", KB: "/kb/observability"},
		{Name: "Subscription", Label: "Other subscriptions", Type: TypeJSON, Summary: "Subscribers the design does not draw (email, SMS, mobile push, another account's queue), as CloudFormation's list of Protocol and Endpoint."},
		{Name: "ExpectedMessagesPerSecond", Label: "Expected traffic", Type: TypeNumber, Unit: "messages/s", Range: rng(0, 10000000), Estimate: true, Summary: "Estimate: peak messages published per second."},
		{Name: "ExpectedMaxMessageSizeKB", Label: "Largest message", Type: TypeNumber, Unit: "KB", Range: rng(0, 1048576), Estimate: true, Summary: "Estimate: the largest message publishers send (1 KB = 1,024 bytes), checked against every hop it travels.", KB: "/kb/rules/payload-size-path"},
	},
}

var eventBusKind = Kind{
	ID: "eventbridge-bus", Name: "EventBridge event bus – Classic", Noun: "EventBus", Category: CategoryMessaging, KB: "/kb/eventbridge",
	Summary:        "The default bus or a Custom Event Bus – Classic: routes events to targets through rules, keeps none of them, orders none.",
	CloudFormation: []string{"AWS::Events::EventBus"},
	ARN:            []ARNForm{{Service: "events", Resource: "event-bus/"}},
	IAM:            []IAMService{{Prefix: "events", Write: []string{"PutEvents"}}},
	Props: []Prop{
		{Name: "Name", Label: "Event bus name", Type: TypeString, Text: nameBus, Default: "default", Summary: "Bus name; AWS services publish to the default bus."},
		{Name: "ExpectedEventsPerSecond", Label: "Expected traffic", Type: TypeNumber, Unit: "events/s", Range: rng(0, 10000000), Estimate: true, Summary: "Estimate: peak events put per second."},
		{Name: "ExpectedMaxMessageSizeKB", Label: "Largest event", Type: TypeNumber, Unit: "KB", Range: rng(0, 1048576), Estimate: true, Summary: "Estimate: the largest event put on the bus (1 KB = 1,024 bytes), checked against every hop it travels.", KB: "/kb/rules/payload-size-path"},
	},
}

var eventRuleKind = Kind{
	ID: "eventbridge-rule", Name: "EventBridge rule", Noun: "Rule", Category: CategoryMessaging, KB: "/kb/eventbridge",
	Summary:        "Matches events on a bus, or fires on a schedule, and sends them to up to five targets.",
	CloudFormation: []string{"AWS::Events::Rule"},
	ARN:            []ARNForm{{Service: "events", Resource: "rule/"}},
	Props: []Prop{
		{Name: "EventPattern", Type: TypeJSON, Summary: "Which events the rule matches.", KB: "/kb/eventbridge"},
		{Name: "ScheduleExpression", Label: "Schedule", Type: TypeString, Summary: "rate(5 minutes) or cron(0 12 * * ? *) for a scheduled rule."},
		{Name: "State", Type: TypeEnum, Values: []string{"ENABLED", "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"}, Default: "ENABLED", Summary: "Whether the rule runs."},
	},
}

var schedulerKind = Kind{
	ID: "scheduler", Name: "EventBridge Scheduler schedule", Noun: "Schedule", Category: CategoryMessaging, KB: "/kb/eventbridge",
	Summary:        "One-off or recurring schedule that invokes one target, with retries and a DLQ.",
	CloudFormation: []string{"AWS::Scheduler::Schedule"},
	ARN:            []ARNForm{{Service: "scheduler", Resource: "schedule/"}},
	Props: []Prop{
		{Name: "ScheduleExpression", Label: "Schedule", Type: TypeString, Summary: "at(...), rate(...) or cron(...)."},
		{Name: "ScheduleExpressionTimezone", Label: "Time zone", Type: TypeString, Default: "UTC", Summary: "Time zone of cron and at expressions."},
		{Name: "FlexibleTimeWindow.Mode", Label: "Flexible window", Type: TypeEnum, Values: []string{"OFF", "FLEXIBLE"}, Default: "OFF", Summary: "FLEXIBLE spreads invocations over a window to smooth load."},
		{Name: "State", Type: TypeEnum, Values: []string{"ENABLED", "DISABLED"}, Default: "ENABLED", Summary: "Whether the schedule runs."},
	},
}

var pipeKind = Kind{
	ID: "eventbridge-pipe", Name: "EventBridge pipe", Noun: "Pipe", Category: CategoryMessaging, KB: "/kb/eventbridge",
	Summary:        "Point-to-point integration: polls a source, filters and enriches, delivers to one target.",
	CloudFormation: []string{"AWS::Pipes::Pipe"},
	ARN:            []ARNForm{{Service: "pipes", Resource: "pipe/"}},
	Props: []Prop{
		{Name: "DesiredState", Type: TypeEnum, Values: []string{"RUNNING", "STOPPED"}, Default: "RUNNING", Summary: "Whether the pipe polls its source."},
		{Name: "FilterCriteria", Label: "Filter", Type: TypeJSON, Summary: "Event patterns; records that match none are dropped before the target is billed."},
	},
}

var kinesisKind = Kind{
	ID: "kinesis", Name: "Kinesis data stream", Noun: "Stream", Category: CategoryMessaging, KB: "/kb/kinesis-data-streams",
	Summary:        "Ordered, replayable stream of records split into shards.",
	CloudFormation: []string{"AWS::Kinesis::Stream"},
	ARN:            []ARNForm{{Service: "kinesis", Resource: "stream/"}},
	IAM:            []IAMService{{Prefix: "kinesis", Write: []string{"PutRecord", "PutRecords"}, Read: []string{"GetRecords", "GetShardIterator", "DescribeStream", "DescribeStreamSummary", "DescribeStreamConsumer", "ListShards", "ListStreamConsumers", "SubscribeToShard"}}},
	Props: []Prop{
		{Name: "Name", Label: "Stream name", Type: TypeString, Text: nameDotted128, Summary: "The stream's name in AWS; CloudFormation makes one up from the stack's name when it is unset.", Essential: true},
		{Name: "StreamModeDetails.StreamMode", Label: "Capacity mode", Type: TypeEnum, Values: []string{"PROVISIONED", "ON_DEMAND"}, Default: "PROVISIONED", Summary: "Provisioned shards, or on-demand capacity that scales itself.", KB: "/kb/kinesis-data-streams", Essential: true},
		{Name: "ShardCount", Label: "Shards", Type: TypeInteger, Default: 1, Range: rng(1, 100000), Summary: "Provisioned shards; each takes 1 MB/s or 1,000 records/s in and gives 2 MB/s out.", KB: "/kb/kinesis-data-streams", Essential: true, AppliesWhen: &Applies{Prop: "StreamModeDetails.StreamMode", Equals: "PROVISIONED"}},
		{Name: "RetentionPeriodHours", Label: "Retention", Type: TypeInteger, Unit: "hours", Default: 24, Range: rng(24, 8760), Summary: "How long records stay readable (up to 365 days).", KB: "/kb/kinesis-data-streams", Essential: true},
		{Name: "StreamEncryption.EncryptionType", Label: "Encryption", Type: TypeEnum, Values: []string{"NONE", "KMS"}, Default: "NONE", Summary: "Server-side encryption with KMS."},
		{Name: "ExpectedRecordsPerSecond", Label: "Expected records", Type: TypeNumber, Unit: "records/s", Range: rng(0, 100000000), Estimate: true, Summary: "Estimate: peak records written per second.", KB: "/kb/kinesis-data-streams"},
		{Name: "ExpectedMBPerSecond", Label: "Expected throughput", Type: TypeNumber, Unit: "MB/s", Range: rng(0, 1000000), Estimate: true, Summary: "Estimate: peak megabytes written per second.", KB: "/kb/kinesis-data-streams"},
	},
}

var firehoseKind = Kind{
	ID: "firehose", Name: "Data Firehose stream", Noun: "DeliveryStream", Category: CategoryMessaging, KB: "/kb/firehose",
	Summary:        "Buffers, transforms and delivers streaming data to S3 and other stores.",
	CloudFormation: []string{"AWS::KinesisFirehose::DeliveryStream"},
	ARN:            []ARNForm{{Service: "firehose", Resource: "deliverystream/"}},
	IAM:            []IAMService{{Prefix: "firehose", Write: []string{"PutRecord", "PutRecordBatch"}}},
	Props: []Prop{
		{Name: "DeliveryStreamType", Label: "Source", Type: TypeEnum, Values: []string{"DirectPut", "KinesisStreamAsSource"}, Default: "DirectPut", Summary: "Producers put records directly, or the stream reads a Kinesis data stream.", KB: "/kb/firehose", Essential: true},
		{Name: "BufferingHints.SizeInMBs", Label: "Buffer size", Type: TypeInteger, Unit: "MB", Default: 5, Range: rng(1, 128), Summary: "Data buffered before a delivery.", KB: "/kb/firehose", Essential: true},
		{Name: "BufferingHints.IntervalInSeconds", Label: "Buffer interval", Type: TypeInteger, Unit: "s", Default: 300, Range: rng(0, 900), Summary: "Longest wait before a delivery.", KB: "/kb/firehose", Essential: true},
	},
}

var iotCoreKind = Kind{
	ID: "iot-core", Name: "IoT Core topic rule", Noun: "IotRule", Category: CategoryMessaging, KB: "/kb/kinesis-data-streams",
	Summary:        "MQTT message broker for devices; a topic rule selects messages with SQL and sends them to AWS services.",
	CloudFormation: []string{"AWS::IoT::TopicRule"},
	ARN:            []ARNForm{{Service: "iot", Resource: "rule/"}},
	IAM:            []IAMService{{Prefix: "iot", Write: []string{"Publish"}}},
	Props: []Prop{
		{Name: "RuleName", Type: TypeString, Summary: "Rule name: letters, digits and underscores only.", Essential: true},
		{Name: "TopicRulePayload.Sql", Label: "Rule query", Type: TypeString, Summary: "SQL that selects and reshapes messages from MQTT topics, such as SELECT * FROM 'devices/+/telemetry'.", Essential: true},
		{Name: "TopicRulePayload.AwsIotSqlVersion", Label: "SQL version", Type: TypeEnum, Values: []string{"2015-10-08", "2016-03-23", "beta"}, Default: "2015-10-08", Summary: "Version of the rules SQL; 2016-03-23 is the latest stable one."},
		{Name: "TopicRulePayload.RuleDisabled", Label: "Disabled", Type: TypeBoolean, Default: false, Summary: "Whether the rule is turned off."},
		{Name: "TopicRulePayload.ErrorAction", Label: "Error action", Type: TypeRef, Kinds: []string{"sqs", "sns", "s3"}, Summary: "Where the rule sends a message that one of its actions failed to deliver; without it the message is lost.", KB: "/kb/dead-letter-queues-and-destinations", Essential: true},
		{Name: "ExpectedMessagesPerSecond", Label: "Expected traffic", Type: TypeNumber, Unit: "messages/s", Range: rng(0, 100000000), Estimate: true, Summary: "Estimate: peak messages per second the rule matches."},
	},
}

// The EventBridge Custom Event Bus (September 2026, AWS::EventsV2): a bus
// that keeps its events for 1–365 days and delivers them through
// subscribers, each with its own filter, transform, one target, retry
// policy and dead-letter queue; a FIFO subscriber delivers each event
// group in publishing order. IAM actions keep the events: prefix, and the
// ARNs the events service (event-busv2/, subscriber/).

var (
	// Custom Event Buses and their subscribers: letters, digits, dots,
	// hyphens and underscores, starting with a letter or digit.
	nameBusV2      = name(1, 256, `[A-Za-z0-9._-]`, "each a letter, digit, dot, hyphen or underscore")
	nameSubscriber = name(1, 256, `[A-Za-z0-9._-]`, "each a letter, digit, dot, hyphen or underscore")
)

var customBusKind = Kind{
	ID: "eventbridge-custom-bus", Name: "EventBridge Custom Event Bus", Noun: "CustomBus", Category: CategoryMessaging, KB: "/kb/eventbridge",
	Summary:        "Keeps events for 1–365 days and delivers them through subscribers; FIFO subscribers keep each event group's order.",
	CloudFormation: []string{"AWS::EventsV2::EventBus"},
	ARN:            []ARNForm{{Service: "events", Resource: "event-busv2/"}},
	// The Custom Event Bus keeps Classic's events: namespace; eventsv2 is
	// only the name of its endpoint, CLI and SDK client.
	IAM: []IAMService{{Prefix: "events", Write: []string{"PutEvents", "PutRawEvents"}}},
	Props: []Prop{
		{Name: "Name", Label: "Event bus name", Type: TypeString, Text: nameBusV2, Summary: "Required; unique in the account and Region. Changing it replaces the bus, and its ARN ends in an id AWS generates.", Essential: true},
		{Name: "Description", Type: TypeString, Summary: "What the bus is for (512 characters at most)."},
		{Name: "StorageConfiguration.RetentionPeriodInDays", Label: "Retention", Type: TypeInteger, Unit: "days", Essential: true,
			Default: FactValue("eventbridge.custom-bus-retention-default"), Range: rng(1, FactValue("eventbridge.custom-bus-retention-max")),
			Summary: "How long the bus keeps events: how far back a new subscriber can start, and how long a paused one can stay paused without losing events.", KB: "/kb/eventbridge"},
		{Name: "EncryptionConfiguration.KmsKeyIdentifier", Label: "KMS key", Type: TypeString, Summary: "Customer managed KMS key (id, ARN, alias) for the events at rest; an AWS owned key when unset."},
		{Name: "ExpectedEventsPerSecond", Label: "Expected traffic", Type: TypeNumber, Unit: "events/s", Range: rng(0, 10000000), Estimate: true, Summary: "Estimate: peak events published per second."},
	},
}

var subscriberKind = Kind{
	ID: "eventbridge-subscriber", Name: "EventBridge subscriber", Noun: "Subscriber", Category: CategoryMessaging, KB: "/kb/eventbridge",
	Summary:        "Reads one Custom Event Bus: filters its events, may transform them, and delivers them to one target with its own retries and dead-letter queue.",
	CloudFormation: []string{"AWS::EventsV2::Subscriber"},
	ARN:            []ARNForm{{Service: "events", Resource: "subscriber/"}},
	Props: []Prop{
		{Name: "Name", Label: "Subscriber name", Type: TypeString, Text: nameSubscriber, Summary: "Required. Changing it replaces the subscriber, which is deleted before its replacement is created.", Essential: true},
		{Name: "Description", Type: TypeString, Summary: "What the subscriber is for (512 characters at most)."},
		{Name: "Type", Label: "Ordering", Type: TypeEnum, Values: []string{"FIFO", "UNORDERED"}, Summary: "FIFO delivers each event group's events in publishing order, one after the other; UNORDERED delivers in parallel. Changing it replaces the subscriber.", KB: "/kb/message-ordering-and-fifo", Essential: true},
		{Name: "StartingPosition", Label: "Start", Type: TypeEnum, Values: []string{"LATEST", "POINT_IN_TIME"}, Summary: "LATEST delivers what is published from now on; POINT_IN_TIME starts in the past the bus retains (a replay). Changing it replaces the subscriber.", KB: "/kb/eventbridge", Essential: true},
		{Name: "PointInTimeConfiguration.PointType", Label: "Start point", Type: TypeEnum, Values: []string{"HORIZON", "TIMESTAMP"}, Summary: "For POINT_IN_TIME: HORIZON starts at the oldest event the bus retains, TIMESTAMP at StartingPoint.", Essential: true, AppliesWhen: &Applies{Prop: "StartingPosition", Equals: "POINT_IN_TIME"}},
		{Name: "PointInTimeConfiguration.StartingPoint", Label: "Start time", Type: TypeInteger, Unit: "epoch s", Summary: "For a TIMESTAMP start: when to start, in seconds since 1970; it must lie inside the bus's retention and not in the future.", Essential: true, AppliesWhen: &Applies{Prop: "PointInTimeConfiguration.PointType", Equals: "TIMESTAMP"}},
		{Name: "PointInTimeConfiguration.EndPoint", Label: "End time", Type: TypeInteger, Unit: "epoch s", Summary: "Optional: when a replay stops, in seconds since 1970.", AppliesWhen: &Applies{Prop: "StartingPosition", Equals: "POINT_IN_TIME"}},
		{Name: "State", Type: TypeEnum, Values: []string{"RUNNING", "STOPPED"}, Summary: "STOPPED pauses delivery: events pile up on the bus, as long as its retention keeps them, until the subscriber runs again.", Essential: true},
		{Name: "ResumePosition", Label: "Resume from", Type: TypeEnum, Values: []string{"LAST_PROCESSED", "LATEST"}, Default: "LAST_PROCESSED", Summary: "When a stopped subscriber runs again: deliver the backlog oldest first, or skip it."},
		{Name: "FilterConfiguration", Label: "Filters", Type: TypeJSON, Summary: "Filters, at most one per scope (DATA, METADATA, SYSTEM_METADATA), each an event pattern; an event must match them all. Without it the subscriber gets every event. No wildcard matching.", KB: "/kb/eventbridge", Essential: true},
		{Name: "Transformer.Type", Label: "Transform", Type: TypeEnum, Values: []string{"RAW", "WITH_METADATA", "JSONATA"}, Default: "RAW", Summary: "What the target receives: the payload as published, the payload with its metadata, or what a JSONata expression builds."},
		{Name: "Transformer.JsonataConfiguration.Expression", Label: "JSONata expression", Type: TypeString, Summary: "For a JSONATA transform: the expression that builds what the target receives.", AppliesWhen: &Applies{Prop: "Transformer.Type", Equals: "JSONATA"}},
		{Name: "RetryPolicy.MaxRetryAttempts", Label: "Retries", Type: TypeInteger, Default: FactValue("eventbridge.subscriber-default-retry-attempts"), Essential: true,
			Range: rng(0, FactValue("eventbridge.subscriber-max-retry-attempts")), Summary: "Delivery retries before the event goes to the dead-letter queue, or is dropped; 5 by default, where Classic's targets retry 185 times.", KB: "/kb/eventbridge"},
		{Name: "RetryPolicy.MaxEventAgeInSeconds", Label: "Max event age", Type: TypeInteger, Unit: "s", Default: FactValue("eventbridge.subscriber-default-event-age"), Essential: true,
			Range: rng(60, FactValue("eventbridge.subscriber-max-event-age")), Summary: "How long delivery of an event is retried; 300 s by default, where Classic's targets retry for 24 hours.", KB: "/kb/eventbridge"},
		{Name: "BatchConfiguration.MaxBatchSize", Label: "Batch size", Type: TypeInteger, Unit: "events", Range: rng(1, 500), Summary: "Most events per delivery; Lambda, Step Functions and HTTP targets get a batch as a JSON array, so 1 means one event per call."},
		{Name: "BatchConfiguration.MaxBatchWindowInSeconds", Label: "Batching window", Type: TypeInteger, Unit: "s", Default: 0, Range: rng(0, 300), Summary: "How long to gather events into a batch before delivering."},
		{Name: "LogConfiguration.Level", Label: "Log level", Type: TypeString, Summary: "Delivery logging (OFF by default, INFO to log deliveries)."},
		{Name: "LogConfiguration.IncludePayload", Label: "Log payloads", Type: TypeString, Summary: "Whether logs carry the event (ON_ERROR_ONLY by default, or FULL)."},
		{Name: "ExpectedReplayDays", Label: "Replay needed", Type: TypeNumber, Unit: "days", Range: rng(0, 3650), Estimate: true, Summary: "Estimate: how far back this subscriber may have to read, for a backfill when it is created or the longest pause it must survive.", KB: "/kb/eventbridge"},
	},
}
