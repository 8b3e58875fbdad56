package design

var dynamoDBKind = Kind{
	ID: "dynamodb", Name: "DynamoDB table", Noun: "Table", Category: CategoryData, KB: "/kb/dynamodb",
	Summary:        "Key-value and document database with single-digit millisecond reads at any scale.",
	CloudFormation: []string{"AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable"},
	ARN:            []ARNForm{{Service: "dynamodb", Resource: "table/"}},
	IAM:            []IAMService{{Prefix: "dynamodb", Write: []string{"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems", "PartiQLInsert", "PartiQLUpdate", "PartiQLDelete"}, Read: []string{"GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems", "ConditionCheckItem", "PartiQLSelect", "GetRecords", "GetShardIterator", "DescribeStream", "ListStreams"}}},
	Props: []Prop{
		{Name: "TableName", Label: "Table name", Type: TypeString, Text: nameTable, Summary: "The table's name in AWS; CloudFormation makes one up from the stack's name when it is unset.", Essential: true},
		{Name: "BillingMode", Label: "Capacity mode", Type: TypeEnum, Values: []string{"PROVISIONED", "PAY_PER_REQUEST"}, Default: "PROVISIONED", Summary: "Provisioned read/write capacity units, or on-demand billing per request.", KB: "/kb/dynamodb", Essential: true},
		{Name: "ProvisionedThroughput.ReadCapacityUnits", Label: "Read capacity", Type: TypeInteger, Unit: "RCU", Range: rng(1, 1000000), Summary: "Provisioned mode: strongly consistent 4 KB reads per second.", Essential: true, AppliesWhen: &Applies{Prop: "BillingMode", Equals: "PROVISIONED"}},
		{Name: "ProvisionedThroughput.WriteCapacityUnits", Label: "Write capacity", Type: TypeInteger, Unit: "WCU", Range: rng(1, 1000000), Summary: "Provisioned mode: 1 KB writes per second.", Essential: true, AppliesWhen: &Applies{Prop: "BillingMode", Equals: "PROVISIONED"}},
		{Name: "StreamSpecification.StreamViewType", Label: "Stream", Type: TypeEnum, Values: []string{"KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"}, Summary: "Turns on DynamoDB Streams with this view of each change; unset means no stream.", KB: "/kb/dynamodb", Essential: true},
		{Name: "PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled", Label: "Point-in-time recovery", Type: TypeBoolean, Default: false, Summary: "Continuous backups for the last 35 days.", Essential: true},
		{Name: "TimeToLiveSpecification.AttributeName", Label: "TTL attribute", Type: TypeString, Summary: "Attribute holding an expiry time; expired items are deleted for free."},
		{Name: "TableClass", Type: TypeEnum, Values: []string{"STANDARD", "STANDARD_INFREQUENT_ACCESS"}, Default: "STANDARD", Summary: "Infrequent access lowers storage cost and raises request cost."},
		{Name: "DeletionProtectionEnabled", Label: "Deletion protection", Type: TypeBoolean, Default: false, Summary: "Refuses to delete the table until turned off."},
		{Name: "ExpectedItemSizeKB", Label: "Expected item size", Type: TypeNumber, Unit: "KB", Range: rng(0, 400), Estimate: true, Summary: "Estimate: size of a typical item (400 KB at most).", KB: "/kb/dynamodb"},
	},
}

var daxKind = Kind{
	ID: "dax", Name: "DynamoDB Accelerator (DAX)", Noun: "Cache", Category: CategoryData, KB: "/kb/dynamodb",
	Summary:        "In-memory, write-through cache for DynamoDB with microsecond reads; runs in a VPC.",
	CloudFormation: []string{"AWS::DAX::Cluster"},
	ARN:            []ARNForm{{Service: "dax", Resource: "cache/"}},
	IAM:            []IAMService{{Prefix: "dax", Write: []string{"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"}, Read: []string{"GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems", "ConditionCheckItem"}}},
	Props: []Prop{
		{Name: "NodeType", Type: TypeString, Default: "dax.t3.small", Summary: "Node size of the cluster."},
		{Name: "ReplicationFactor", Label: "Nodes", Type: TypeInteger, Default: 3, Range: rng(1, 11), Summary: "Nodes in the cluster; three or more spread across zones for availability."},
	},
}

var s3Kind = Kind{
	ID: "s3", Name: "S3 bucket", Noun: "Bucket", Category: CategoryData, KB: "/kb/s3-events",
	Summary:        "Object storage; emits events when objects are created or removed.",
	CloudFormation: []string{"AWS::S3::Bucket"},
	ARN:            []ARNForm{{Service: "s3"}},
	IAM:            []IAMService{{Prefix: "s3", Write: []string{"PutObject", "DeleteObject", "DeleteObjectVersion", "RestoreObject", "PutObjectTagging", "PutObjectVersionTagging", "DeleteObjectTagging", "PutObjectRetention", "PutObjectLegalHold", "ReplicateObject", "ReplicateDelete", "AbortMultipartUpload"}, Read: []string{"GetObject", "GetObjectVersion", "GetObjectAttributes", "GetObjectTagging", "GetObjectVersionTagging", "ListBucket", "ListBucketVersions", "ListMultipartUploadParts", "ListBucketMultipartUploads"}}},
	Props: []Prop{
		{Name: "BucketName", Type: TypeString, Summary: "Globally unique bucket name.", Essential: true},
		{Name: "VersioningConfiguration.Status", Label: "Versioning", Type: TypeEnum, Values: []string{"Enabled", "Suspended"}, Summary: "Keeps every version of each object.", Essential: true},
		{Name: "NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled", Label: "EventBridge notifications", Type: TypeBoolean, Default: false, Summary: "Sends every bucket event to the default event bus.", KB: "/kb/s3-events"},
		{Name: "PublicAccessBlockConfiguration.BlockPublicPolicy", Label: "Block public policies", Type: TypeBoolean, Default: true, Summary: "Refuses bucket policies that grant public access.", KB: "/kb/security", Essential: true},
		{Name: "WebsiteConfiguration.IndexDocument", Label: "Website index document", Type: TypeString, Summary: "Serves the bucket as a static website (prefer CloudFront with origin access control)."},
	},
}

var rdsKind = Kind{
	ID: "rds", Name: "RDS / Aurora database", Noun: "Database", Category: CategoryData, KB: "/kb/rds-from-lambda",
	Summary:        "Relational database; connections are a scarce resource when Lambda scales out.",
	CloudFormation: []string{"AWS::RDS::DBCluster", "AWS::RDS::DBInstance"},
	ARN:            []ARNForm{{Service: "rds", Resource: "cluster:"}, {Service: "rds", Resource: "db:"}},
	IAM:            []IAMService{{Prefix: "rds-db", Write: []string{"connect"}}, {Prefix: "rds-data", Write: []string{"ExecuteStatement", "BatchExecuteStatement", "BeginTransaction", "CommitTransaction", "RollbackTransaction", "ExecuteSql"}}},
	Props: []Prop{
		{Name: "Engine", Type: TypeEnum, Values: []string{"aurora-postgresql", "aurora-mysql", "postgres", "mysql", "mariadb", "sqlserver-ex", "oracle-se2"}, Summary: "Database engine; no default (a snapshot, source cluster or replica can supply it)."},
		{Name: "EnableHttpEndpoint", Label: "Data API", Type: TypeBoolean, Default: false, Summary: "Aurora Data API: SQL over HTTPS with IAM, no connections to manage.", KB: "/kb/rds-from-lambda"},
		{Name: "ServerlessV2ScalingConfiguration.MaxCapacity", Label: "Max ACUs", Type: TypeNumber, Unit: "ACU", Range: rng(1, 256), Summary: "Aurora Serverless v2: upper bound of capacity."},
		{Name: "MaxConnections", Label: "Max connections", Type: TypeInteger, Range: rng(1, 100000), Estimate: true, Summary: "Estimate: connections the database accepts (depends on instance size).", KB: "/kb/rds-from-lambda"},
	},
}

var sesKind = Kind{
	ID: "ses", Name: "SES email", Noun: "Email", Category: CategoryData,
	Summary:        "Sends and receives email.",
	CloudFormation: []string{"AWS::SES::ConfigurationSet", "AWS::SES::EmailIdentity"},
	ARN:            []ARNForm{{Service: "ses", Resource: "configuration-set/"}, {Service: "ses", Resource: "identity/"}},
	IAM:            []IAMService{{Prefix: "ses", Write: []string{"SendEmail", "SendRawEmail", "SendTemplatedEmail", "SendBulkTemplatedEmail", "SendBulkEmail", "SendBounce", "SendCustomVerificationEmail"}}},
	Props: []Prop{
		{Name: "ConfigurationSetName", Label: "Configuration set", Type: TypeString, Text: nameShort, Summary: "Tracks bounces, complaints and deliveries."},
		{Name: "MaxSendRate", Label: "Send rate quota", Type: TypeNumber, Unit: "emails/s", Default: 1, Range: rng(1, 100000), Estimate: true, Summary: "Estimate: the account's sending rate (1 per second in the sandbox)."},
	},
}

var athenaKind = Kind{
	ID: "athena", Name: "Athena workgroup", Noun: "Workgroup", Category: CategoryData, KB: "/kb/firehose",
	Summary:        "Serverless SQL over data in S3, billed by the bytes each query scans.",
	CloudFormation: []string{"AWS::Athena::WorkGroup"},
	ARN:            []ARNForm{{Service: "athena", Resource: "workgroup/"}},
	IAM:            []IAMService{{Prefix: "athena", Write: []string{"StartQueryExecution"}, Read: []string{"GetQueryExecution", "GetQueryResults", "GetQueryResultsStream", "StopQueryExecution"}}},
	Props: []Prop{
		{Name: "Name", Label: "Workgroup name", Type: TypeString, Text: nameDotted128, Default: "primary", Summary: "Workgroup name; queries run in it share its settings and limits.", Essential: true},
		{Name: "WorkGroupConfiguration.ResultConfiguration.OutputLocation", Label: "Results location", Type: TypeString, Summary: "S3 location (s3://bucket/prefix/) where query results are written.", Essential: true},
		{Name: "WorkGroupConfiguration.ResultConfiguration.EncryptionConfiguration.EncryptionOption", Label: "Results encryption", Type: TypeEnum, Values: []string{"SSE_S3", "SSE_KMS", "CSE_KMS"}, Summary: "How query results are encrypted at rest."},
		{Name: "WorkGroupConfiguration.EnforceWorkGroupConfiguration", Label: "Enforce settings", Type: TypeBoolean, Summary: "The workgroup's settings override what a client asks for (results location, encryption)."},
		{Name: "WorkGroupConfiguration.BytesScannedCutoffPerQuery", Label: "Scan limit per query", Type: TypeInteger, Unit: "bytes", Range: rng(10000000, 9223372036854775807), Summary: "Cancels a query that scans more than this (10 MB at least); the guard against a costly full scan.", Essential: true},
		{Name: "WorkGroupConfiguration.PublishCloudWatchMetricsEnabled", Label: "CloudWatch metrics", Type: TypeBoolean, Summary: "Publishes query metrics of the workgroup to CloudWatch.", KB: "/kb/observability"},
		{Name: "WorkGroupConfiguration.EngineVersion.SelectedEngineVersion", Label: "Engine version", Type: TypeEnum, Values: []string{"AUTO", "Athena engine version 3"}, Default: "AUTO", Summary: "Query engine; AUTO lets Athena upgrade it."},
	},
}
