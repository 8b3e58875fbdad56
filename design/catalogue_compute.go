package design

// lambdaRuntimes are the runtime identifiers of Lambda's life-cycle table
// (data/lambda-runtimes), longest supported first, so that forms offer the
// current ones first; the rules say which are deprecated or blocked on the
// day of each check.
var lambdaRuntimes = LambdaRuntimeIDs()

// logRetentionDays are the values CloudWatch Logs accepts for RetentionInDays.
var logRetentionDays = []float64{1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}

var lambdaKind = Kind{
	ID: "lambda", Name: "Lambda function", Noun: "Function", Category: CategoryCompute, KB: "/kb/lambda",
	Summary:        "Runs your code on demand, scaling by concurrent executions.",
	CloudFormation: []string{"AWS::Serverless::Function", "AWS::Lambda::Function"},
	ARN:            []ARNForm{{Service: "lambda", Resource: "function:"}},
	IAM:            []IAMService{{Prefix: "lambda", Write: []string{"InvokeFunction", "InvokeAsync", "InvokeFunctionUrl", "InvokeWithResponseStream"}, Read: []string{"GetFunction", "GetFunctionConfiguration"}}},
	Props: []Prop{
		{Name: "FunctionName", Label: "Function name", Type: TypeString, Text: nameShort, Summary: "The function's name in AWS; CloudFormation makes one up from the stack's name when it is unset.", Essential: true},
		{Name: "Runtime", Type: TypeEnum, Values: lambdaRuntimes, Summary: "Language runtime, listed from the longest supported; Lambda stops patching a runtime, then refuses to create and later to update functions with it, on days given on the facts page.", KB: "/kb/facts#lambda-runtimes", Essential: true, AppliesWhen: &Applies{Prop: "PackageType", Equals: "Zip"}},
		{Name: "Handler", Type: TypeString, Summary: "Entry point of the code, such as index.handler.", Essential: true, AppliesWhen: &Applies{Prop: "PackageType", Equals: "Zip"}},
		{Name: "PackageType", Type: TypeEnum, Values: []string{"Zip", "Image"}, Default: "Zip", Summary: "Deployment package: a .zip archive or a container image."},
		{Name: "Architectures", Type: TypeEnum, Values: []string{"x86_64", "arm64"}, Default: "x86_64", Summary: "Instruction set; arm64 (Graviton) costs about 20% less per GB-second.", Essential: true},
		{Name: "Timeout", Type: TypeInteger, Unit: "s", Default: 3, Range: rng(1, FactValue("lambda.max-timeout")), Summary: "Longest time one invocation may run before Lambda stops it; on Managed Instances (a capacity provider), asynchronous and event-source-mapping invocations may run longer.", KB: "/kb/lambda", Essential: true},
		{Name: "MemorySize", Type: TypeInteger, Unit: "MB", Default: 128, Range: rng(128, 10240), Summary: "Memory for the function; CPU grows in proportion.", KB: "/kb/lambda", Essential: true},
		{Name: "EphemeralStorage.Size", Label: "Ephemeral storage", Type: TypeInteger, Unit: "MB", Default: 512, Range: rng(512, 10240), Summary: "Size of /tmp."},
		{Name: "ReservedConcurrentExecutions", Label: "Reserved concurrency", Type: TypeInteger, Unit: "executions", Range: rng(0, 1000000), Summary: "Concurrency set aside for this function, which is also its ceiling; unset means it shares the unreserved pool.", KB: "/kb/concurrency-and-throttling", Essential: true},
		{Name: "ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions", Label: "Provisioned concurrency", Type: TypeInteger, Unit: "executions", Range: rng(1, 1000000), Summary: "Execution environments kept initialised to avoid cold starts (needs a published version or alias).", KB: "/kb/cold-starts-and-provisioned-concurrency"},
		{Name: "TracingConfig.Mode", Label: "Tracing", Type: TypeEnum, Values: []string{"Active", "PassThrough"}, Default: "PassThrough", Summary: "Active sends X-Ray traces for every request.", KB: "/kb/observability"},
		{Name: "LoggingConfig.LogFormat", Label: "Log format", Type: TypeEnum, Values: []string{"Text", "JSON"}, Default: "Text", Summary: "JSON makes logs queryable and enables log levels.", KB: "/kb/observability"},
		{Name: "LoggingConfig.ApplicationLogLevel", Label: "Application log level", Type: TypeEnum, Values: []string{"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"}, Summary: "Lowest level of application logs kept; needs the JSON log format.", AppliesWhen: &Applies{Prop: "LoggingConfig.LogFormat", Equals: "JSON"}},
		{Name: "LogRetentionInDays", Label: "Log retention", Type: TypeInteger, Unit: "days", Numbers: logRetentionDays, Summary: "How long the function's CloudWatch log group keeps logs; unset keeps them forever.", KB: "/kb/observability"},
		{Name: "Environment.Variables", Label: "Environment variables", Type: TypeJSON, Summary: "Environment variables as an object; at most 4 KB in all, and some names are reserved."},
		{Name: "VpcConfig", Label: "VPC configuration", Type: TypeJSON, Summary: "SubnetIds and SecurityGroupIds when the function must reach private resources.", KB: "/kb/lambda-in-a-vpc"},
		{Name: "Policies", Type: TypeJSON, Summary: "IAM policy statements or SAM policy templates of the execution role.", KB: "/kb/security"},
		{Name: "Layers", Type: TypeList, Summary: "ARNs of layers; at most 5."},
		{Name: "FunctionUrlConfig.AuthType", Label: "Function URL auth", Type: TypeEnum, Values: []string{"AWS_IAM", "NONE"}, Summary: "Gives the function an HTTPS URL; NONE leaves it open to anyone.", KB: "/kb/cognito-and-api-authorization"},
		{Name: "RecursiveLoop", Label: "Recursive loop detection", Type: TypeEnum, Values: []string{"Terminate", "Allow"}, Default: "Terminate", Summary: "Whether Lambda stops a detected loop through SQS, SNS or S3.", KB: "/kb/recursive-loops"},
		{Name: "SnapStart.ApplyOn", Label: "SnapStart", Type: TypeEnum, Values: []string{"PublishedVersions", "None"}, Default: "None", Summary: "Snapshots initialised environments of published versions to cut cold starts.", KB: "/kb/cold-starts-and-provisioned-concurrency"},
		{Name: "AutoPublishAlias", Label: "Alias", Type: TypeString, Summary: "SAM publishes a version on each change and points this alias at it.", KB: "/kb/versions-aliases-and-canary-releases"},
		{Name: "DeploymentPreference.Type", Label: "Deployment", Type: TypeString, Summary: "How CodeDeploy shifts traffic to a new version: AllAtOnce, Canary10Percent5Minutes (10, 15, 30), Linear10PercentEvery1Minute (2, 3, 10), or the name of a deployment configuration of your own.", KB: "/kb/versions-aliases-and-canary-releases"},
		{Name: "EventInvokeConfig.MaximumRetryAttempts", Label: "Async retries", Type: TypeInteger, Default: 2, Range: rng(0, 2), Summary: "Retries of a failed asynchronous invocation.", KB: "/kb/asynchronous-invocation"},
		{Name: "EventInvokeConfig.MaximumEventAgeInSeconds", Label: "Async event max age", Type: TypeInteger, Unit: "s", Default: 21600, Range: rng(60, 21600), Summary: "How long Lambda keeps an asynchronous event before giving up on it.", KB: "/kb/asynchronous-invocation"},
		{Name: "EdgeFunction", Label: "Lambda@Edge", Type: TypeBoolean, Default: false, Summary: "Deployed to CloudFront locations (us-east-1, numbered versions, stricter limits).", KB: "/kb/edge-functions"},
		{Name: "CapacityProviderConfig.Arn", Label: "Capacity provider", Type: TypeRef, Kinds: []string{"lambda-capacity-provider"}, Summary: "Runs the function on Lambda Managed Instances of this capacity provider (EC2 capacity Lambda manages); set when the function is created, it cannot be added or removed later.", KB: "/kb/lambda"},
		{Name: "CapacityProviderConfig.PerExecutionEnvironmentMaxConcurrency", Label: "Requests per environment", Type: TypeInteger, Unit: "requests", Range: rng(1, 1600), Summary: "Managed Instances: requests one execution environment serves at once.", AppliesWhen: &Applies{Prop: "CapacityProviderConfig.Arn", Set: true}},
		{Name: "CapacityProviderConfig.ExecutionEnvironmentMemoryGiBPerVCpu", Label: "Memory per vCPU", Type: TypeNumber, Unit: "GiB", Range: rng(2, 8), Summary: "Managed Instances: memory of an execution environment per vCPU.", AppliesWhen: &Applies{Prop: "CapacityProviderConfig.Arn", Set: true}},
		{Name: "DurableConfig.ExecutionTimeout", Label: "Durable execution timeout", Type: TypeInteger, Unit: "s", Range: rng(1, 31622400), Summary: "Makes it a durable function, which checkpoints its steps and may wait without running: the longest one durable execution may take in all, waits included (366 days at most). Set when the function is created.", KB: "/kb/lambda"},
		{Name: "AverageDurationMs", Label: "Average duration", Type: TypeInteger, Unit: "ms", Range: rng(1, 900000), Estimate: true, Summary: "Estimate: typical run time, for concurrency and cost arithmetic.", KB: "/kb/concurrency-and-throttling"},
	},
}

var capacityProviderKind = Kind{
	ID: "lambda-capacity-provider", Name: "Lambda capacity provider", Noun: "CapacityProvider", Category: CategoryCompute, KB: "/kb/lambda",
	Summary:        "EC2 capacity in your VPC that Lambda manages for functions on Managed Instances: many requests per environment, EC2 pricing, longer asynchronous runs.",
	CloudFormation: []string{"AWS::Serverless::CapacityProvider", "AWS::Lambda::CapacityProvider"},
	ARN:            []ARNForm{{Service: "lambda", Resource: "capacity-provider:"}},
	Props: []Prop{
		{Name: "CapacityProviderName", Label: "Capacity provider name", Type: TypeString, Text: nameShort, Summary: "The capacity provider's name in AWS; CloudFormation makes one up from the stack's name when it is unset."},
		{Name: "VpcConfig", Label: "VPC configuration", Type: TypeJSON, Summary: "Subnets and security groups the instances run in; required.", KB: "/kb/lambda-in-a-vpc"},
		{Name: "InstanceRequirements.Architectures", Label: "Architectures", Type: TypeList, Values: []string{"x86_64", "arm64"}, Summary: "Instruction sets of the instances."},
		{Name: "CapacityProviderScalingConfig.MaxVCpuCount", Label: "Max vCPUs", Type: TypeInteger, Unit: "vCPUs", Range: rng(1, 1000000), Summary: "Most vCPUs the provider scales to."},
		{Name: "CapacityProviderScalingConfig.ScalingMode", Label: "Scaling", Type: TypeEnum, Values: []string{"Auto", "Manual"}, Summary: "Auto scales on Lambda's own target; Manual on the policies given."},
	},
}
