package design

// restOnlyFeatures are what people ask of an API that only REST APIs offer;
// an HTTP API asked for one is a finding.
var restOnlyFeatures = []string{"ApiKeys", "UsagePlans", "Caching", "RequestValidation", "WAF", "XRayTracing",
	"PrivateEndpoint", "EdgeOptimized", "RequestTransformation", "ResourcePolicy", "CustomGatewayResponses",
	"CanaryDeployments", "MockIntegrations", "ResponseStreaming", "ExecutionLogs", "ClientCertificates"}

// apiThrottling is the stage-wide default throttling every API kind has.
var apiThrottling = []Prop{
	{Name: "ThrottlingRateLimit", Label: "Rate limit", Type: TypeNumber, Unit: "requests/s", Range: rng(0, 1000000), Summary: "Steady-state requests per second the stage accepts before answering 429; the account's Regional limit applies on top.", KB: "/kb/api-gateway"},
	{Name: "ThrottlingBurstLimit", Label: "Burst limit", Type: TypeInteger, Unit: "requests", Range: rng(0, 1000000), Summary: "Requests the stage absorbs at once above the rate.", KB: "/kb/api-gateway"},
}

var apiEstimates = []Prop{
	{Name: "ExpectedRequestsPerSecond", Label: "Expected traffic", Type: TypeNumber, Unit: "requests/s", Range: rng(0, 1000000), Estimate: true, Summary: "Estimate: peak requests per second, for throttling and concurrency arithmetic.", KB: "/kb/concurrency-and-throttling"},
	{Name: "RequiredFeatures", Label: "Required features", Type: TypeList, Values: restOnlyFeatures, Estimate: true, Summary: "Estimate: API features the design relies on, checked against what the API type offers.", KB: "/kb/api-gateway"},
	{Name: "ExpectedMaxRequestSizeKB", Label: "Largest request", Type: TypeNumber, Unit: "KB", Range: rng(0, 1048576), Estimate: true, Summary: "Estimate: the largest request body clients send (1 KB = 1,024 bytes), checked against the API and what it calls.", KB: "/kb/rules/payload-size-path"},
}

var apiRESTKind = Kind{
	ID: "apigateway-rest", Name: "API Gateway REST API", Noun: "RestApi", Category: CategoryAPIs, KB: "/kb/api-gateway",
	Summary:        "Full-featured HTTPS API: caching, API keys, usage plans, request validation, WAF, X-Ray.",
	CloudFormation: []string{"AWS::Serverless::Api", "AWS::ApiGateway::RestApi"},
	ARN:            []ARNForm{{Service: "execute-api"}, {Service: "apigateway", Resource: "/restapis/"}},
	IAM:            []IAMService{{Prefix: "execute-api", Write: []string{"Invoke"}}},
	Props: concat([]Prop{
		{Name: "EndpointConfiguration", Label: "Endpoint type", Type: TypeEnum, Values: []string{"EDGE", "REGIONAL", "PRIVATE"}, Default: "EDGE", Summary: "EDGE goes through CloudFront, REGIONAL serves one Region, PRIVATE only a VPC.", KB: "/kb/api-gateway", Essential: true},
		{Name: "AuthorizationType", Label: "Authorization", Type: TypeEnum, Values: []string{"NONE", "AWS_IAM", "COGNITO_USER_POOLS", "CUSTOM"}, Default: "NONE", Summary: "Default method authorization; CUSTOM is a Lambda authorizer.", KB: "/kb/cognito-and-api-authorization", Essential: true},
		{Name: "ApiKeyRequired", Label: "API key required", Type: TypeBoolean, Default: false, Summary: "Callers must send an API key of a usage plan (identification, not authentication).", Essential: true},
		{Name: "Policy", Label: "Resource policy", Type: TypeJSON, Summary: "Resource policy that limits who may call the API (IP ranges, VPC endpoints, accounts)."},
		{Name: "TracingEnabled", Label: "X-Ray tracing", Type: TypeBoolean, Default: false, Summary: "Traces requests through the stage with X-Ray.", KB: "/kb/observability", Essential: true},
		{Name: "CacheClusterEnabled", Label: "Cache", Type: TypeBoolean, Default: false, Summary: "Caches responses at the stage to spare the backend.", KB: "/kb/api-gateway"},
		{Name: "CacheClusterSize", Label: "Cache size", Type: TypeEnum, Unit: "GB", Values: []string{"0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"}, Default: "0.5", Summary: "Size of the stage cache; billed by the hour."},
		{Name: "AccessLogSetting.DestinationArn", Label: "Access log destination", Type: TypeString, Summary: "CloudWatch Logs group or Firehose stream ARN for access logs.", KB: "/kb/observability"},
		{Name: "AccessLogSetting.Format", Label: "Access log format", Type: TypeString, Summary: "Access log line format; JSON is easiest to query."},
		{Name: "WebAclArn", Label: "WAF web ACL", Type: TypeString, Summary: "AWS WAF web ACL associated with the stage."},
		{Name: "MaxIntegrationTimeoutInMillis", Label: "Integration timeout quota", Type: TypeInteger, Unit: "ms", Default: 29000, Range: rng(29000, 300000), Estimate: true, Summary: "Estimate: the account's integration timeout quota; Regional and private REST APIs may have it raised above 29 s.", KB: "/kb/timeouts-across-a-request"},
	}, apiThrottling, apiEstimates, apiDefinition),
}

var apiHTTPKind = Kind{
	ID: "apigateway-http", Name: "API Gateway HTTP API", Noun: "HttpApi", Category: CategoryAPIs, KB: "/kb/api-gateway",
	Summary:        "Lean, cheaper HTTPS API with JWT authorizers; fewer features than REST.",
	CloudFormation: []string{"AWS::Serverless::HttpApi", "AWS::ApiGatewayV2::Api"},
	ARN:            []ARNForm{{Service: "apigateway", Resource: "/apis/"}},
	IAM:            []IAMService{{Prefix: "execute-api", Write: []string{"Invoke"}}},
	Props: concat([]Prop{
		{Name: "AuthorizationType", Label: "Authorization", Type: TypeEnum, Values: []string{"NONE", "AWS_IAM", "JWT", "CUSTOM"}, Default: "NONE", Summary: "Default route authorization; JWT works with Cognito or any OIDC issuer.", KB: "/kb/cognito-and-api-authorization", Essential: true},
		{Name: "CorsConfiguration", Label: "CORS", Type: TypeJSON, Summary: "Allowed origins, methods and headers for browsers.", Essential: true},
		{Name: "DisableExecuteApiEndpoint", Type: TypeBoolean, Default: false, Summary: "Turns off the default execute-api URL so only a custom domain answers."},
		{Name: "AccessLogSettings.DestinationArn", Label: "Access log destination", Type: TypeString, Summary: "CloudWatch Logs group ARN for access logs.", KB: "/kb/observability"},
		{Name: "AccessLogSettings.Format", Label: "Access log format", Type: TypeString, Summary: "Access log line format; JSON is easiest to query."},
	}, apiThrottling, apiEstimates, apiDefinition),
}

var apiWebSocketKind = Kind{
	ID: "apigateway-websocket", Name: "API Gateway WebSocket API", Noun: "WebSocketApi", Category: CategoryAPIs, KB: "/kb/api-gateway",
	Summary:        "Long-lived two-way connections; the backend pushes messages to clients.",
	CloudFormation: []string{"AWS::ApiGatewayV2::Api", "AWS::Serverless::WebSocketApi"},
	IAM:            []IAMService{{Prefix: "execute-api", Write: []string{"Invoke", "ManageConnections"}}},
	Props: concat([]Prop{
		{Name: "RouteSelectionExpression", Label: "Route selection", Type: TypeString, Default: "$request.body.action", Summary: "Where in a message the route key is found."},
		{Name: "AuthorizationType", Label: "Authorization", Type: TypeEnum, Values: []string{"NONE", "AWS_IAM", "CUSTOM"}, Default: "NONE", Summary: "Authorization of the $connect route.", KB: "/kb/cognito-and-api-authorization"},
		{Name: "ExpectedConnections", Label: "Expected connections", Type: TypeInteger, Range: rng(0, 100000000), Estimate: true, Summary: "Estimate: concurrent connections at peak."},
	}, apiThrottling),
}

var appSyncKind = Kind{
	ID: "appsync", Name: "AppSync GraphQL API", Noun: "GraphQLApi", Category: CategoryAPIs, KB: "/kb/rest-vs-graphql",
	Summary:        "Managed GraphQL with resolvers and real-time subscriptions over WebSockets.",
	CloudFormation: []string{"AWS::AppSync::GraphQLApi", "AWS::Serverless::GraphQLApi"},
	ARN:            []ARNForm{{Service: "appsync", Resource: "apis/"}},
	IAM:            []IAMService{{Prefix: "appsync", Write: []string{"GraphQL", "EventPublish"}}},
	Props: []Prop{
		{Name: "AuthenticationType", Label: "Authentication", Type: TypeEnum, Values: []string{"API_KEY", "AWS_IAM", "AMAZON_COGNITO_USER_POOLS", "OPENID_CONNECT", "AWS_LAMBDA"}, Summary: "Default authorization mode of the API; CloudFormation requires it, so it has no default.", KB: "/kb/cognito-and-api-authorization"},
		{Name: "AdditionalAuthenticationProviders", Label: "Additional authentication", Type: TypeList, Values: []string{"API_KEY", "AWS_IAM", "AMAZON_COGNITO_USER_POOLS", "OPENID_CONNECT", "AWS_LAMBDA"}, Summary: "More authorization modes the API accepts; schema directives (@aws_cognito_user_pools, @aws_api_key...) choose per type and field.", KB: "/kb/cognito-and-api-authorization"},
		{Name: "XrayEnabled", Label: "X-Ray tracing", Type: TypeBoolean, Default: false, Summary: "Traces resolvers with X-Ray.", KB: "/kb/observability"},
		{Name: "LogConfig.FieldLogLevel", Label: "Field log level", Type: TypeEnum, Values: []string{"NONE", "ERROR", "INFO", "DEBUG", "ALL"}, Default: "NONE", Summary: "Resolver logging to CloudWatch."},
	},
}

var cloudFrontKind = Kind{
	ID: "cloudfront", Name: "CloudFront distribution", Noun: "Distribution", Category: CategoryAPIs, KB: "/kb/edge-functions",
	Summary:        "Content delivery network in front of S3, APIs and other origins; runs edge functions.",
	CloudFormation: []string{"AWS::CloudFront::Distribution"},
	ARN:            []ARNForm{{Service: "cloudfront", Resource: "distribution/"}},
	Props: []Prop{
		{Name: "PriceClass", Type: TypeEnum, Values: []string{"PriceClass_100", "PriceClass_200", "PriceClass_All"}, Default: "PriceClass_All", Summary: "Which edge locations serve the distribution."},
		{Name: "DefaultCacheBehavior.ViewerProtocolPolicy", Label: "Viewer protocol", Type: TypeEnum, Values: []string{"allow-all", "redirect-to-https", "https-only"}, Summary: "Whether viewers may use plain HTTP; CloudFormation requires it (no default).", KB: "/kb/security"},
		{Name: "DefaultCacheBehavior.DefaultTTL", Label: "Default TTL", Type: TypeInteger, Unit: "s", Default: 86400, Range: rng(0, 31536000), Summary: "How long objects stay cached when the origin says nothing."},
		{Name: "WebACLId", Label: "WAF web ACL", Type: TypeString, Summary: "AWS WAF web ACL protecting the distribution."},
		{Name: "CloudFrontFunctions", Label: "CloudFront Functions", Type: TypeList, Values: []string{"viewer-request", "viewer-response"}, Summary: "Lightweight JavaScript functions at viewer events.", KB: "/kb/edge-functions"},
	},
}

var cognitoKind = Kind{
	ID: "cognito", Name: "Cognito user pool", Noun: "UserPool", Category: CategoryIdentity, KB: "/kb/cognito-and-api-authorization",
	Summary:        "User directory and sign-in; issues JWTs that APIs verify.",
	CloudFormation: []string{"AWS::Cognito::UserPool"},
	ARN:            []ARNForm{{Service: "cognito-idp", Resource: "userpool/"}},
	Props: []Prop{
		{Name: "MfaConfiguration", Label: "MFA", Type: TypeEnum, Values: []string{"OFF", "ON", "OPTIONAL"}, Default: "OFF", Summary: "Multi-factor authentication for sign-in.", KB: "/kb/security"},
		{Name: "IdentityPool", Label: "Identity pool", Type: TypeBoolean, Default: false, Summary: "An identity pool trades user-pool tokens for temporary AWS credentials (for direct S3 access, say)."},
	},
}

var clientKind = Kind{
	ID: "client", Name: "Client", Noun: "Client", Category: CategoryClients, KB: "/kb/client-status-updates",
	Summary: "A browser, mobile app, device or service outside AWS that calls in.",
	Props: []Prop{
		{Name: "Platform", Type: TypeEnum, Values: []string{"Browser", "Mobile", "Device", "Service"}, Default: "Browser", Summary: "What kind of client it is."},
		{Name: "TimeoutSeconds", Label: "Client timeout", Type: TypeInteger, Unit: "s", Range: rng(1, 3600), Estimate: true, Summary: "Estimate: how long the client waits for an answer.", KB: "/kb/timeouts-across-a-request"},
	},
}

var httpEndpointKind = Kind{
	ID: "http-endpoint", Name: "HTTP endpoint", Noun: "Endpoint", Category: CategoryClients, KB: "/kb/client-status-updates",
	Summary: "A webhook receiver or third-party HTTPS API outside AWS.",
	ARN:     []ARNForm{{Service: "events", Resource: "api-destination/"}},
	Props: []Prop{
		{Name: "Url", Label: "URL", Type: TypeString, Summary: "The endpoint's HTTPS URL."},
		{Name: "RateLimitPerSecond", Label: "Rate limit", Type: TypeNumber, Unit: "requests/s", Range: rng(0, 1000000), Estimate: true, Summary: "Estimate: what the endpoint accepts before it throttles."},
	},
}

var externalKind = Kind{
	ID: KindExternal, Name: "Other AWS service", Noun: "External", Category: CategoryClients, KB: "/kb/outside-the-design",
	Summary: "A resource of a service archlab does not model (AWS Batch, Systems Manager, Amazon MQ, MSK...), outside the design: present, and nothing about it is assumed.",
	Props:   []Prop{},
}
