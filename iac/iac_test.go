package iac

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
)

func mustImport(tb testing.TB, src string) *Imported {
	tb.Helper()
	imp, err := Import([]byte(src), "test", design.Builtin())
	if err != nil {
		tb.Fatalf("import: %v\n%s", err, src)
	}
	return imp
}

func TestImportRefusesWhatIsNotATemplate(t *testing.T) {
	bomb := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for i, prev := 0, "a"; i < 8; i++ {
		name := string(rune('b' + i))
		bomb += name + ": &" + name + " [" + strings.Repeat("*"+prev+", ", 9) + "*" + prev + "]\n"
		prev = name
	}
	bomb += "Resources: {}\n"
	for _, tc := range []struct {
		name, src, want string
	}{
		{"empty", "  \n", "empty"},
		{"malformed YAML names the line", "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n   Properties: [\n", "line"},
		{"malformed JSON names the line", "{\n  \"Resources\": {\n    \"Q\": {\"Type\": \"AWS::SQS::Queue\",}\n  }\n}", "line 3"},
		{"JSON ends early", "{\"Resources\": {", "ends early"},
		{"not a mapping", "- a\n- b\n", "expected a mapping"},
		{"no Resources", "AWSTemplateFormatVersion: '2010-09-09'\n", "no Resources"},
		{"duplicate keys", "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n  Q:\n    Type: AWS::SNS::Topic\n", "line 4: key \"Q\" appears twice"},
		{"duplicate JSON keys", `{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}, "Q": {"Type": "AWS::SNS::Topic"}}}`, "appears twice"},
		{"alias bomb", bomb, "expands to more than"},
		{"deep nesting", "Resources: " + strings.Repeat("[", 200) + strings.Repeat("]", 200) + "\n", "nested more than"},
		{"deep JSON nesting", `{"Resources": ` + strings.Repeat("[", 200) + strings.Repeat("]", 200) + "}", "nested more than"},
		{"too large", "Resources: {}\n#" + strings.Repeat("x", MaxTemplateSize), "at most 10,485,760 bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Import([]byte(tc.src), "t", design.Builtin())
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestShortTagsBecomeLongForms(t *testing.T) {
	src := `Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Environment:
        Variables:
          REF: !Ref Table
          ATT: !GetAtt Table.StreamArn
          ATT2: !GetAtt [Table, Arn]
          SUB: !Sub "${Table}-x"
          JOIN: !Join [":", [a, !Ref Table]]
          IF: !If [Cond, a, b]
          SEL: !Select [0, !Split [",", "a,b"]]
          MAP: !FindInMap [M, K, V]
          IMP: !ImportValue shared
          B64: !Base64 text
          EQ: !Equals [a, b]
          NOT: !Not [!Condition C]
          AND: !And [!Condition C, !Condition D]
          OR: !Or [!Condition C, !Condition D]
          AZS: !GetAZs ""
          CIDR: !Cidr ["10.0.0.0/16", 4, 8]
  Table:
    Type: AWS::DynamoDB::Table
`
	imp := mustImport(t, src)
	env := imp.Design.Block("Fn").Props["Environment.Variables"].(map[string]any)
	want := map[string]string{
		"REF":  `{"Ref":"Table"}`,
		"ATT":  `{"Fn::GetAtt":["Table","StreamArn"]}`,
		"ATT2": `{"Fn::GetAtt":["Table","Arn"]}`,
		"SUB":  `{"Fn::Sub":"${Table}-x"}`,
		"JOIN": `{"Fn::Join":[":",["a",{"Ref":"Table"}]]}`,
		"IF":   `{"Fn::If":["Cond","a","b"]}`,
		"SEL":  `{"Fn::Select":[0,{"Fn::Split":[",","a,b"]}]}`,
		"MAP":  `{"Fn::FindInMap":["M","K","V"]}`,
		"IMP":  `{"Fn::ImportValue":"shared"}`,
		"B64":  `{"Fn::Base64":"text"}`,
		"EQ":   `{"Fn::Equals":["a","b"]}`,
		"NOT":  `{"Fn::Not":[{"Condition":"C"}]}`,
		"AND":  `{"Fn::And":[{"Condition":"C"},{"Condition":"D"}]}`,
		"OR":   `{"Fn::Or":[{"Condition":"C"},{"Condition":"D"}]}`,
		"AZS":  `{"Fn::GetAZs":""}`,
		"CIDR": `{"Fn::Cidr":["10.0.0.0/16",4,8]}`,
	}
	for k, w := range want {
		got, _ := json.Marshal(env[k])
		if string(got) != w {
			t.Errorf("%s = %s, want %s", k, got, w)
		}
	}
	// The references made an SDK connection to the table.
	if c := connectionOf(imp.Design, "Fn", "Table"); c == nil || c.Integration != design.IntSDK {
		t.Errorf("no SDK connection from the environment's references: %+v", imp.Design.Connections)
	}
}

func connectionOf(d *design.Design, from, to string) *design.Connection {
	for i, c := range d.Connections {
		if c.From == from && c.To == to {
			return &d.Connections[i]
		}
	}
	return nil
}

func TestImportCases(t *testing.T) {
	for _, tc := range []struct {
		name  string
		src   string
		props map[string]string // "Block.Prop" (or .kind, .external) or "From->To.Prop" → JSON
		conns []string          // "From->To integration"
		notes []string          // substrings of notes
		// noNotes asks for an import without any note.
		noNotes bool
	}{
		{
			name: "capacity providers are blocks their functions name; SAM's Tracing: Disabled is no tracing",
			src: `Transform: AWS::Serverless-2016-10-31
Resources:
  Capacity:
    Type: AWS::Serverless::CapacityProvider
    Properties:
      VpcConfig: {SubnetIds: [subnet-1], SecurityGroupIds: [sg-1]}
      ScalingConfig: {MaxVCpuCount: 64}
  Long:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.14
      Timeout: 3600
      Tracing: Disabled
      CapacityProviderConfig: {Arn: !GetAtt Capacity.Arn, PerExecutionEnvironmentMaxConcurrency: 16}
  Pool:
    Type: AWS::Lambda::CapacityProvider
    Properties:
      VpcConfig: {SubnetIds: [subnet-1]}
      PermissionsConfig: {CapacityProviderOperatorRoleArn: arn:aws:iam::123456789012:role/operator}
  Plain:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs24.x
      TracingConfig: {Mode: Active}
      CapacityProviderConfig:
        LambdaManagedInstancesCapacityProviderConfig:
          CapacityProviderArn: !Ref Pool
          ExecutionEnvironmentMemoryGiBPerVCpu: 4`,
			props: map[string]string{"Capacity.kind": `"lambda-capacity-provider"`, "Capacity.CapacityProviderScalingConfig.MaxVCpuCount": "64",
				"Long.CapacityProviderConfig.Arn": `"Capacity"`, "Long.CapacityProviderConfig.PerExecutionEnvironmentMaxConcurrency": "16",
				"Long.TracingConfig.Mode": "null", "Long.Timeout": "3600", "Pool.kind": `"lambda-capacity-provider"`,
				"Plain.CapacityProviderConfig.Arn": `"Pool"`, "Plain.CapacityProviderConfig.ExecutionEnvironmentMemoryGiBPerVCpu": "4",
				"Plain.TracingConfig.Mode": `"Active"`},
		},
		{
			name: "globals: the resource wins, maps merge, lists add",
			src: `Globals:
  Function:
    Timeout: 30
    Runtime: python3.13
    Environment: {Variables: {A: "1", B: "1"}}
    Layers: [arn:layer:global]
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Timeout: 10
      Environment: {Variables: {B: "2"}}
      Layers: [arn:layer:own]`,
			props: map[string]string{"Fn.Timeout": "10", "Fn.Runtime": `"python3.13"`,
				"Fn.Environment.Variables": `{"A":"1","B":"2"}`, "Fn.Layers": `["arn:layer:global","arn:layer:own"]`},
		},
		{
			name: "parameters with defaults give numbers and names",
			src: `Parameters:
  T: {Type: Number, Default: 42}
  M: {Type: Number, Default: "2048"}
  Stage: {Type: String, Default: prod}
  Archs: {Type: CommaDelimitedList, Default: "arm64"}
  NoDefault: {Type: Number}
Mappings:
  Sizes: {prod: {Shards: 4}}
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Timeout: !Ref T
      MemorySize: !Ref M
      Handler: !Sub "${Stage}.handler"
      Architectures: !Ref Archs
      ReservedConcurrentExecutions: !Ref NoDefault
  Stream:
    Type: AWS::Kinesis::Stream
    Properties:
      ShardCount: !FindInMap [Sizes, !Ref Stage, Shards]
      StreamModeDetails: {StreamMode: !Select [1, [ON_DEMAND, PROVISIONED]]}`,
			props: map[string]string{"Fn.Timeout": "42", "Fn.MemorySize": "2048", "Fn.Handler": `"prod.handler"`,
				"Fn.Architectures": `"arm64"`, "Stream.ShardCount": "4", "Stream.StreamModeDetails.StreamMode": `"PROVISIONED"`},
			notes: []string{"ReservedConcurrentExecutions is only known once deployed"},
		},
		{
			name: "conditions are kept, not evaluated",
			src: `Conditions:
  Big: !Equals [a, a]
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Condition: Big
    Properties:
      Timeout: !If [Big, 60, 5]`,
			props: map[string]string{"Fn.Timeout": "60"},
			notes: []string{"created only when condition Big holds", "Timeout depends on condition Big; archlab reads the value it has when the condition holds"},
		},
		{
			name: "physical names are kept, whatever each resource type calls them",
			src: `Resources:
  Fn: {Type: AWS::Serverless::Function, Properties: {FunctionName: !Sub "${AWS::StackName}-worker"}}
  Table: {Type: AWS::DynamoDB::Table, Properties: {TableName: orders}}
  Stream: {Type: AWS::Kinesis::Stream, Properties: {Name: clicks}}
  Flow: {Type: AWS::Serverless::StateMachine, Properties: {Name: order-flow}}
  Flow2: {Type: AWS::StepFunctions::StateMachine, Properties: {StateMachineName: refunds}}`,
			props: map[string]string{"Fn.FunctionName": `"${AWS::StackName}-worker"`, "Table.TableName": `"orders"`,
				"Stream.Name": `"clicks"`, "Flow.StateMachineName": `"order-flow"`, "Flow2.StateMachineName": `"refunds"`},
		},
		{
			name: "a SAM GraphQL API with its data sources",
			src: `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::GraphQLApi
    Properties:
      SchemaInline: "type Query { order(id: ID!): String }"
      Auth: {Type: AWS_IAM}
      XrayEnabled: true
      Logging: {FieldLogLevel: ERROR}
      DataSources:
        DynamoDb:
          Orders: {TableName: !Ref Table}
        Lambda:
          Pricing: {FunctionArn: !GetAtt Fn.Arn}
  Table: {Type: AWS::DynamoDB::Table}
  Fn: {Type: AWS::Serverless::Function, Properties: {Runtime: python3.13, Handler: app.handler}}`,
			props: map[string]string{"Api.AuthenticationType": `"AWS_IAM"`, "Api.XrayEnabled": "true", "Api.LogConfig.FieldLogLevel": `"ERROR"`},
			conns: []string{"Api->Table resolver", "Api->Fn resolver"},
		},
		{
			name: "unmodelled resources become notes with their line",
			src: `Resources:
  Vpc:
    Type: AWS::EC2::VPC
  Custom:
    Type: Custom::Thing`,
			notes: []string{"line 2: Vpc: AWS::EC2::VPC is not modelled", "line 4: Custom: Custom::Thing is not modelled"},
		},
		{
			name: "the protocol decides between HTTP and WebSocket APIs",
			src: `Resources:
  Ws: {Type: AWS::ApiGatewayV2::Api, Properties: {ProtocolType: WEBSOCKET}}
  Http: {Type: AWS::ApiGatewayV2::Api, Properties: {ProtocolType: HTTP}}`,
			props: map[string]string{"Ws.kind": `"apigateway-websocket"`, "Http.kind": `"apigateway-http"`},
		},
		{
			name: "a poller's permissions are the mapping's, not an SDK call",
			src: `Resources:
  Q: {Type: AWS::SQS::Queue}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - SQSPollerPolicy: {QueueName: !GetAtt Q.QueueName}
        - Statement:
            - Effect: Allow
              Action: [sqs:ReceiveMessage, sqs:DeleteMessage]
              Resource: !GetAtt Q.Arn
      Events:
        Jobs: {Type: SQS, Properties: {Queue: !GetAtt Q.Arn, BatchSize: 5}}`,
			conns: []string{"Q->Fn event-source-mapping"},
			props: map[string]string{"Q->Fn.BatchSize": "5"},
		},
		{
			name: "SNS to SQS through SAM's SqsSubscription queue",
			src: `Resources:
  T: {Type: AWS::SNS::Topic}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Orders: {Type: SNS, Properties: {Topic: !Ref T, SqsSubscription: true}}`,
			conns: []string{"T->FnOrdersQueue subscription", "FnOrdersQueue->Fn event-source-mapping"},
		},
		{
			name: "destinations, dead-letter queues and the event invoke config",
			src: `Resources:
  Dlq: {Type: AWS::SQS::Queue}
  Done: {Type: AWS::SNS::Topic}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      DeadLetterConfig: {TargetArn: !GetAtt Dlq.Arn}
  Cfg:
    Type: AWS::Lambda::EventInvokeConfig
    Properties:
      FunctionName: !Ref Fn
      Qualifier: $LATEST
      MaximumEventAgeInSeconds: 600
      DestinationConfig:
        OnSuccess: {Destination: !Ref Done}
        OnFailure: {Destination: !GetAtt Dlq.Arn}`,
			conns: []string{"Fn->Dlq dead-letter", "Fn->Done on-success", "Fn->Dlq on-failure"},
			props: map[string]string{"Fn.EventInvokeConfig.MaximumEventAgeInSeconds": "600"},
		},
		{
			name: "literal names and ARNs find their resources",
			src: `Resources:
  Q: {Type: AWS::SQS::Queue, Properties: {QueueName: jobs}}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - SQSSendMessagePolicy: {QueueName: jobs}
        - Statement: [{Effect: Allow, Action: sqs:GetQueueUrl, Resource: "arn:aws:sqs:eu-west-1:123456789012:jobs"}]`,
			conns: []string{"Fn->Q sdk"},
			props: map[string]string{"Fn->Q.Actions": `["sqs:SendMessage*","sqs:GetQueueUrl"]`},
		},
		{
			name: "external files are notes; resources another stack owns are blocks outside the design",
			src: `Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionUri: s3://bucket/api.yaml
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Q: {Type: SQS, Properties: {Queue: arn:aws:sqs:eu-west-1:123456789012:elsewhere}}
        Logs: {Type: CloudWatchLogs, Properties: {LogGroupName: x, FilterPattern: ""}}`,
			notes: []string{"DefinitionUri is a separate file"},
			conns: []string{"Elsewhere->Fn event-source-mapping", "X->Fn async-invoke"},
		},
		{
			name: "a database is connected to only by what opens connections: rds-db:connect or its endpoint, not rds: management",
			src: `Resources:
  Db: {Type: AWS::RDS::DBCluster, Properties: {Engine: aurora-postgresql}}
  Backup:
    Type: AWS::Serverless::Function
    Properties:
      Environment: {Variables: {DB_ID: !Ref Db}}
      Policies: [{Statement: [{Effect: Allow, Action: rds:CreateDBClusterSnapshot, Resource: !GetAtt Db.DBClusterArn}]}]
  Reader:
    Type: AWS::Serverless::Function
    Properties:
      Environment: {Variables: {DB_HOST: !GetAtt Db.Endpoint.Address}}
  Token:
    Type: AWS::Serverless::Function
    Properties:
      Policies: [{Statement: [{Effect: Allow, Action: rds-db:connect, Resource: !GetAtt Db.DBClusterArn}]}]`,
			conns: []string{"Backup->Db sdk", "Reader->Db sql", "Token->Db sql"},
		},
		{
			name: "a database's secret read from inside a VPC is a database connection; from outside, a grant on another service that stays in Policies",
			src: `Resources:
  Db: {Type: AWS::RDS::DBInstance, Properties: {Engine: postgres}}
  DbSecret: {Type: AWS::SecretsManager::Secret}
  Attach: {Type: AWS::SecretsManager::SecretTargetAttachment, Properties: {SecretId: !Ref DbSecret, TargetId: !Ref Db, TargetType: AWS::RDS::DBInstance}}
  InVpc:
    Type: AWS::Serverless::Function
    Properties:
      VpcConfig: {SubnetIds: [subnet-1], SecurityGroupIds: [sg-1]}
      Policies: [{Statement: [{Effect: Allow, Action: secretsmanager:GetSecretValue, Resource: !Ref DbSecret}]}]
  Outside:
    Type: AWS::Serverless::Function
    Properties:
      Policies: [{Statement: [{Effect: Allow, Action: secretsmanager:GetSecretValue, Resource: !GetAtt Db.MasterUserSecret.SecretArn}]}]`,
			conns: []string{"InVpc->Db sql"},
			props: map[string]string{"Outside.Policies": `[{"Statement":[{"Action":"secretsmanager:GetSecretValue","Effect":"Allow","Resource":{"Fn::GetAtt":["Db","MasterUserSecret.SecretArn"]}}]}]`},
		},
		{
			name: "a rule on the default bus by ARN or by a parameter defaulting to it is on the account's default bus, not on one outside the design",
			src: `Transform: AWS::Serverless-2016-10-31
Parameters:
  BusName: {Type: String, Default: default}
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        BySub:
          Type: EventBridgeRule
          Properties:
            EventBusName: !Sub arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default
            Pattern: {source: [orders]}
        ByParam: {Type: EventBridgeRule, Properties: {EventBusName: !Ref BusName, Pattern: {source: [refunds]}}}
  Rule:
    Type: AWS::Events::Rule
    Properties:
      EventBusName: arn:aws:events:eu-west-1:123456789012:event-bus/default
      EventPattern: {source: [payments]}
      Targets: [{Id: fn, Arn: !GetAtt Fn.Arn}]`,
			props: map[string]string{"Default.kind": "null", "BusName.kind": "null"},
			conns: []string{"FnBySub->Fn target", "FnByParam->Fn target", "Rule->Fn target"},
		},
		{
			name: "a rule naming the default bus by ARN listens on the default bus block when the design has one",
			src: `Metadata:
  archlab:
    blocks: [{id: DefaultBus, kind: eventbridge-bus}]
Resources:
  Fn: {Type: AWS::Serverless::Function}
  Rule:
    Type: AWS::Events::Rule
    Properties:
      EventBusName: !Sub arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default
      EventPattern: {source: [payments]}
      Targets: [{Id: fn, Arn: !GetAtt Fn.Arn}]`,
			conns: []string{"DefaultBus->Rule rule", "Rule->Fn target"},
		},
		{
			name: "a version or alias of the template's function or state machine stands for it: what names the alias connects to the function",
			src: `Resources:
  Fn: {Type: AWS::Lambda::Function, Properties: {Runtime: python3.13, Handler: app.handler}}
  Ver: {Type: AWS::Lambda::Version, Properties: {FunctionName: !Ref Fn}}
  Live: {Type: AWS::Lambda::Alias, Properties: {FunctionName: !GetAtt Fn.Arn, FunctionVersion: !GetAtt Ver.Version, Name: live}}
  Q: {Type: AWS::SQS::Queue}
  Mapping: {Type: AWS::Lambda::EventSourceMapping, Properties: {EventSourceArn: !GetAtt Q.Arn, FunctionName: !Ref Live, BatchSize: 5}}
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      Subscription: [{Protocol: lambda, Endpoint: !Ref Live}]
  Flow: {Type: AWS::StepFunctions::StateMachine, Properties: {RoleArn: arn:aws:iam::123456789012:role/flow}}
  FlowVer: {Type: AWS::StepFunctions::StateMachineVersion, Properties: {StateMachineArn: !Ref Flow}}
  FlowLive:
    Type: AWS::StepFunctions::StateMachineAlias
    Properties: {Name: live, RoutingConfiguration: [{StateMachineVersionArn: !Ref FlowVer, Weight: 100}]}
  Hourly:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: rate(1 hour)
      Targets:
        - {Id: flow, Arn: !Ref FlowLive, RoleArn: arn:aws:iam::123456789012:role/events}
        - {Id: fn, Arn: !Ref Ver}`,
			props:   map[string]string{"Q->Fn.BatchSize": "5", "Live.kind": "null", "Ver.kind": "null", "FlowLive.kind": "null"},
			conns:   []string{"Q->Fn event-source-mapping", "Topic->Fn subscription", "Hourly->Flow target", "Hourly->Fn target"},
			noNotes: true,
		},
		{
			name: "an outside block's reference is only what the template writes: an event source's partner ARN or service, an OpenSearch endpoint, an Alexa skill id",
			src: `Transform: AWS::Serverless-2016-10-31
Resources:
  Bus: {Type: AWS::EventsV2::EventBus, Properties: {Name: orders}}
  Partner:
    Type: AWS::EventsV2::EventSource
    Properties:
      EventBusArn: !GetAtt Bus.EventBusArn
      Configuration: {PartnerEventsConfiguration: {PartnerEventSourceArn: arn:aws:events:eu-west-1::event-source/aws.partner/acme/orders}}
  Unnamed:
    Type: AWS::EventsV2::EventSource
    Properties: {EventBusArn: !GetAtt Bus.EventBusArn}
  Api: {Type: AWS::AppSync::GraphQLApi, Properties: {Name: shop, AuthenticationType: API_KEY}}
  Domain: {Type: AWS::OpenSearchService::Domain}
  Search:
    Type: AWS::AppSync::DataSource
    Properties: {ApiId: !GetAtt Api.ApiId, Name: search, Type: AMAZON_OPENSEARCH_SERVICE, OpenSearchServiceConfig: {Endpoint: !Sub "https://${Domain.DomainEndpoint}", AwsRegion: eu-west-1}}
  Logs:
    Type: AWS::AppSync::DataSource
    Properties: {ApiId: !GetAtt Api.ApiId, Name: logs, Type: AMAZON_OPENSEARCH_SERVICE, OpenSearchServiceConfig: {Endpoint: https://search-logs-abc123.eu-west-1.es.amazonaws.com, AwsRegion: eu-west-1}}
  Model:
    Type: AWS::AppSync::DataSource
    Properties: {ApiId: !GetAtt Api.ApiId, Name: model, Type: AMAZON_BEDROCK_RUNTIME}
  Skill:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Any: {Type: AlexaSkill}
        One: {Type: AlexaSkill, Properties: {SkillId: amzn1.ask.skill.12345}}`,
			props: map[string]string{
				"Partner.external": `{"ref":"arn:aws:events:eu-west-1::event-source/aws.partner/acme/orders"}`,
				"Unnamed.external": `{}`,
				"Domain.external":  `{"ref":"!Sub https://${Domain.DomainEndpoint}","service":"es"}`,
				"SearchLogsAbc123EuWest1EsAmazonawsCom.external": `{"ref":"https://search-logs-abc123.eu-west-1.es.amazonaws.com","service":"es"}`,
				"Model.external":              `{"service":"bedrock"}`,
				"AlexaSkill.external":         `{}`,
				"Amzn1AskSkill12345.external": `{"ref":"amzn1.ask.skill.12345"}`,
				"Search.kind":                 "null", "Logs.kind": "null",
			},
			conns: []string{"Partner->Bus notification", "Unnamed->Bus notification",
				"Api->Domain resolver", "Api->SearchLogsAbc123EuWest1EsAmazonawsCom resolver", "Api->Model resolver",
				"AlexaSkill->Skill invoke", "Amzn1AskSkill12345->Skill invoke"},
			noNotes: true,
		},
		{
			name: "a literal DataSourceName no data source of the API has is a typo, noted once, not a data source outside the design",
			src: `Resources:
  Api: {Type: AWS::AppSync::GraphQLApi, Properties: {Name: shop, AuthenticationType: API_KEY}}
  Table: {Type: AWS::DynamoDB::Table}
  Orders:
    Type: AWS::AppSync::DataSource
    Properties: {ApiId: !GetAtt Api.ApiId, Name: orders, Type: AMAZON_DYNAMODB, DynamoDBConfig: {TableName: !Ref Table, AwsRegion: eu-west-1}}
  GetOrder:
    Type: AWS::AppSync::Resolver
    Properties: {ApiId: !GetAtt Api.ApiId, TypeName: Query, FieldName: order, DataSourceName: ordrs}
  Lookup:
    Type: AWS::AppSync::FunctionConfiguration
    Properties: {ApiId: !GetAtt Api.ApiId, Name: lookup, DataSourceName: orderz}
  ListOrders:
    Type: AWS::AppSync::Resolver
    Properties: {ApiId: !GetAtt Api.ApiId, TypeName: Query, FieldName: orders, Kind: PIPELINE, PipelineConfig: {Functions: [!GetAtt Lookup.FunctionId]}}
  CountOrders:
    Type: AWS::AppSync::Resolver
    Properties: {ApiId: !GetAtt Api.ApiId, TypeName: Query, FieldName: count, Kind: PIPELINE, PipelineConfig: {Functions: [!GetAtt Lookup.FunctionId]}}`,
			props: map[string]string{"Ordrs.kind": "null", "Orderz.kind": "null"},
			conns: []string{"Api->Table resolver"},
			notes: []string{`line 7: GetOrder: DataSourceName "ordrs" names none of Api's data sources`, `line 10: Lookup: DataSourceName "orderz" names none of Api's data sources`},
		},
		{
			name: "bad values in archlab metadata (a basis, a service, a kind) are noted and left out, and the rest of the template is read",
			src: `Metadata:
  archlab:
    blocks:
      - {id: Partner, kind: http-endpoint, external: {ref: "https://partner.example.com", service: "Not A Service"}}
      - {id: Robot, kind: robot}
    connections:
      - {from: Fn, to: Q, integration: sdk, evidence: [{basis: guessed}, {basis: drawn}]}
Resources:
  Fn: {Type: AWS::Serverless::Function}
  Q: {Type: AWS::SQS::Queue}`,
			props: map[string]string{"Partner.external": `{"ref":"https://partner.example.com"}`, "Robot.kind": "null"},
			conns: []string{"Fn->Q sdk"},
			notes: []string{`Fn: Fn → Q: the archlab metadata's evidence basis: "guessed" is not a basis`,
				`Partner: the archlab metadata's external.service: "Not A Service" is not an AWS service namespace`,
				`Robot: the archlab metadata's block Robot is of kind "robot", which archlab does not know`},
		},
		{
			name: "IAM and policy-template grants on a parameter reach the block outside the design that the same parameter made",
			src: `Transform: AWS::Serverless-2016-10-31
Parameters:
  BusName: {Type: String}
  JobsQueueArn: {Type: String}
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Orders: {Type: EventBridgeRule, Properties: {EventBusName: !Ref BusName, Pattern: {source: [orders]}}}
        Jobs: {Type: SQS, Properties: {Queue: !Ref JobsQueueArn}}
  Publisher:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - EventBridgePutEventsPolicy: {EventBusName: !Ref BusName}
        - Statement: [{Effect: Allow, Action: sqs:SendMessage, Resource: !Ref JobsQueueArn}]`,
			conns: []string{"BusName->FnOrders rule", "FnOrders->Fn target", "JobsQueueArn->Fn event-source-mapping",
				"Publisher->BusName sdk", "Publisher->JobsQueueArn sdk"},
			props: map[string]string{"Publisher.Policies": "null", "Publisher->JobsQueueArn.Actions": `["sqs:SendMessage"]`},
		},
		{
			name: "a mapping of an MSK event on a stream of the template takes the stream mapping's settings",
			src: `Transform: AWS::Serverless-2016-10-31
Resources:
  Stream: {Type: AWS::Kinesis::Stream, Properties: {ShardCount: 1}}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Clicks: {Type: MSK, Properties: {Stream: !GetAtt Stream.Arn, Topics: [clicks], StartingPosition: LATEST, BisectBatchOnFunctionError: true, ParallelizationFactor: 3}}`,
			conns: []string{"Stream->Fn event-source-mapping"},
			props: map[string]string{"Stream->Fn.BisectBatchOnFunctionError": "true", "Stream->Fn.ParallelizationFactor": "3", "Stream->Fn.StartingPosition": `"LATEST"`},
		},
		{
			name: "a SAM API's resource policy holds each statement of Auth.ResourcePolicy once, its CustomStatements too",
			src: `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        ResourcePolicy:
          IpRangeBlacklist: [203.0.113.0/24]
          CustomStatements:
            - {Effect: Deny, Principal: "*", Action: execute-api:Invoke, Resource: execute-api:/*/DELETE/*}`,
			props: map[string]string{"Api.Policy": `{"Statement":[` +
				`{"Action":"execute-api:Invoke","Effect":"Allow","Principal":"*","Resource":"execute-api:/*"},` +
				`{"Action":"execute-api:Invoke","Condition":{"IpAddress":{"aws:SourceIp":["203.0.113.0/24"]}},"Effect":"Deny","Principal":"*","Resource":"execute-api:/*"},` +
				`{"Action":"execute-api:Invoke","Effect":"Deny","Principal":"*","Resource":"execute-api:/*/DELETE/*"}],"Version":"2012-10-17"}`},
		},
		{
			name: "a dead-letter queue given by a parameter another event made a block of, or by the ARN of the template's queue, is that block",
			src: `Transform: AWS::Serverless-2016-10-31
Parameters:
  QueueArn: {Type: String}
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Jobs: {Type: SQS, Properties: {Queue: !Ref QueueArn}}
        Hourly: {Type: Schedule, Properties: {Schedule: rate(1 hour), DeadLetterConfig: {Arn: !Ref QueueArn}}}
  Dlq: {Type: AWS::SQS::Queue, Properties: {QueueName: dlq}}
  Other:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Hourly: {Type: Schedule, Properties: {Schedule: rate(1 hour), DeadLetterConfig: {Arn: arn:aws:sqs:eu-west-1:123456789012:dlq}}}`,
			props:   map[string]string{"FnHourly->Fn.DeadLetterConfig.Arn": `"QueueArn"`, "OtherHourly->Other.DeadLetterConfig.Arn": `"Dlq"`},
			noNotes: true,
		},
		{
			name:  "JSON templates",
			src:   `{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": "90", "FifoQueue": "true"}}}}`,
			props: map[string]string{"Q.VisibilityTimeout": "90", "Q.FifoQueue": "true"},
		},
		{
			name: "state machine definitions as strings, with DefinitionSubstitutions",
			src: `Resources:
  Fn: {Type: AWS::Serverless::Function}
  Q: {Type: AWS::SQS::Queue}
  Sm:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionString: '{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"${FnArn}","Next":"B"},"B":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"QueueUrl":"${Queue}","MessageBody.$":"$"},"HeartbeatSeconds":60,"End":true}}}'
      DefinitionSubstitutions:
        FnArn: !GetAtt Fn.Arn
        Queue: !Ref Q`,
			conns: []string{"Sm->Fn task", "Sm->Q task"},
			props: map[string]string{"Sm->Q.IntegrationPattern": `"wait-for-task-token"`, "Sm->Q.HeartbeatSeconds": "60"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			imp := mustImport(t, tc.src)
			d := imp.Design
			for key, want := range tc.props {
				var got any
				if from, rest, ok := strings.Cut(key, "->"); ok {
					to, prop, _ := strings.Cut(rest, ".")
					if c := connectionOf(d, from, to); c != nil {
						got = c.Props[prop]
					}
				} else {
					id, prop, _ := strings.Cut(key, ".")
					if b := d.Block(id); b != nil {
						got = b.Props[prop]
						switch prop {
						case "kind":
							got = b.Kind
						case "external":
							got = b.External
						}
					}
				}
				if g, _ := json.Marshal(got); string(g) != want {
					t.Errorf("%s = %s, want %s", key, g, want)
				}
			}
			var conns []string
			for _, c := range d.Connections {
				conns = append(conns, c.From+"->"+c.To+" "+c.Integration)
			}
			for _, want := range tc.conns {
				if !contains(conns, want) {
					t.Errorf("no connection %s in %v", want, conns)
				}
			}
			if tc.conns != nil && len(conns) != len(tc.conns) {
				t.Errorf("connections = %v, want %v", conns, tc.conns)
			}
			var notes []string
			for _, n := range imp.Notes {
				notes = append(notes, n.String())
			}
			if tc.noNotes && len(notes) > 0 {
				t.Errorf("notes:\n%s", strings.Join(notes, "\n"))
			}
			for _, want := range tc.notes {
				found := false
				for _, n := range notes {
					found = found || strings.Contains(n, want)
				}
				if !found {
					t.Errorf("no note containing %q in:\n%s", want, strings.Join(notes, "\n"))
				}
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestLocations(t *testing.T) {
	imp := mustImport(t, `Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 10
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Timeout: 30
      Events:
        Jobs:
          Type: SQS
          Properties: {Queue: !GetAtt Queue.Arn}`)
	if got := imp.Locations["Queue"]; got != (Location{Line: 2, Column: 3}) {
		t.Errorf("Queue at %+v, want line 2, column 3", got)
	}
	if got := imp.PropLocations["Queue"]["VisibilityTimeout"]; got.Line != 5 {
		t.Errorf("VisibilityTimeout at %+v, want line 5", got)
	}
	c := connectionOf(imp.Design, "Queue", "Worker")
	if c == nil || c.ID != "WorkerJobs" || imp.Locations[c.ID].Line != 11 {
		t.Errorf("the mapping is %+v at %+v, want WorkerJobs at line 11", c, imp.Locations)
	}
}

func TestMermaid(t *testing.T) {
	d := mustImport(t, `Resources:
  Api: {Type: AWS::Serverless::HttpApi}
  Q: {Type: AWS::SQS::Queue}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Policies: [{SQSSendMessagePolicy: {QueueName: !GetAtt Q.QueueName}}]
      Events:
        Get: {Type: HttpApi, Properties: {ApiId: !Ref Api}}
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Jobs: {Type: SQS, Properties: {Queue: !GetAtt Q.Arn}}`).Design
	d.Blocks[0].Name = `Orders "v2" <API>`
	got := Mermaid(d)
	for _, want := range []string{
		"flowchart LR",
		`b0["Orders #quot;v2#quot; #lt;API#gt;<br/><small>Api</small><br/><i>API Gateway HTTP API</i>"]`,
		`b0 -->|"Lambda integration · sync"| b2`,
		`b2 ==>|"inferred: SDK call · sdk"| b1`, // a policy template's grant
		"linkStyle 2 stroke-opacity:0.45",
		`b1 -.->|"Event source mapping · poll"| b3`,
		`b1[/"Q<br/><i>SQS queue</i>"/]`,
		`subgraph g3["Messaging and events"]`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Mermaid output lacks %q:\n%s", want, got)
		}
	}
}

func TestConnectors(t *testing.T) {
	imp := mustImport(t, `Transform: AWS::Serverless-2016-10-31
Resources:
  Table: {Type: AWS::DynamoDB::Table}
  Queue: {Type: AWS::SQS::Queue}
  Fn:
    Type: AWS::Serverless::Function
    Connectors:
      TableConn:
        Properties:
          Destination: {Id: Table}
          Permissions: [Read, Write]
  FnToQueue:
    Type: AWS::Serverless::Connector
    Properties:
      Source: {Id: Fn}
      Destination: [{Id: Queue}]
      Permissions: [Write]`)
	for _, to := range []string{"Table", "Queue"} {
		if c := connectionOf(imp.Design, "Fn", to); c == nil || c.Integration != design.IntSDK {
			t.Errorf("no SDK connection Fn → %s: %+v", to, imp.Design.Connections)
		}
	}
	if len(imp.Notes) > 0 {
		t.Errorf("notes: %v", imp.Notes)
	}
}

// A resource CloudFormation refuses (no Type) is a problem of the template,
// at its line; the rest of the template is read.
func TestImportReportsTemplateProblems(t *testing.T) {
	imp, err := Import([]byte("Resources:\n  Q:\n    Properties: {}\n  Bad:\n    Type: {AWS::SQS::Queue: x}\n  Ok:\n    Type: AWS::SQS::Queue\n  List: [a]\n"), "t", design.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"line 2: Q: resource Q has no Type", "line 4: Bad: resource Bad has a Type that is not a resource type name", "line 8: List: resource List must be a mapping"}
	if len(imp.Problems) != len(want) {
		t.Fatalf("problems %v, want %d", imp.Problems, len(want))
	}
	for i, w := range want {
		if got := imp.Problems[i].String(); !strings.HasPrefix(got, w) {
			t.Errorf("problem %d = %q, want it to start with %q", i, got, w)
		}
	}
	if imp.Design.Block("Ok") == nil || len(imp.Design.Blocks) != 1 {
		t.Errorf("the valid resource should be read alone: %+v", imp.Design.Blocks)
	}
}

// A function serving several routes of a WebSocket API keeps every route
// through an export and an import: the export writes a route per key.
func TestWebSocketRoutesRoundTrip(t *testing.T) {
	cat := design.Builtin()
	d, err := design.Decode([]byte(`{"format":"archlab/v1","title":"Chat","blocks":[
		{"id":"Chat","kind":"apigateway-websocket","props":{"RouteSelectionExpression":"$request.body.action"}},
		{"id":"Handler","kind":"lambda","props":{"Runtime":"python3.13","Handler":"app.handler"}}],
		"connections":[{"id":"c1","from":"Chat","to":"Handler","integration":"invoke","props":{"RouteKey":["$connect","$disconnect","sendmessage"]}}]}`), cat)
	if err != nil {
		t.Fatal(err)
	}
	out, err := SAM(d, cat)
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	imp, err := Import(out, "chat", cat)
	if err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	c := connectionOf(imp.Design, "Chat", "Handler")
	if c == nil {
		t.Fatalf("no connection Chat → Handler:\n%s", out)
	}
	if got, _ := json.Marshal(c.Props["RouteKey"]); string(got) != `["$connect","$disconnect","sendmessage"]` {
		t.Errorf("RouteKey = %s, want the three routes\n%s", got, out)
	}
}

// A value read more than once (a pipeline function's data source, once for
// each resolver that runs the function) is noted once.
func TestNotesAreNotRepeated(t *testing.T) {
	imp := mustImport(t, `Resources:
  Api: {Type: AWS::AppSync::GraphQLApi, Properties: {Name: shop, AuthenticationType: API_KEY}}
  Lookup:
    Type: AWS::AppSync::FunctionConfiguration
    Properties: {ApiId: !GetAtt Api.ApiId, Name: lookup, DataSourceName: orderz}
  ListOrders:
    Type: AWS::AppSync::Resolver
    Properties: {ApiId: !GetAtt Api.ApiId, TypeName: Query, FieldName: orders, Kind: PIPELINE, PipelineConfig: {Functions: [!GetAtt Lookup.FunctionId]}}
  CountOrders:
    Type: AWS::AppSync::Resolver
    Properties: {ApiId: !GetAtt Api.ApiId, TypeName: Query, FieldName: count, Kind: PIPELINE, PipelineConfig: {Functions: [!GetAtt Lookup.FunctionId]}}`)
	if len(imp.Notes) != 1 || !strings.Contains(imp.Notes[0].Message, `"orderz"`) {
		t.Errorf("notes = %v, want one about orderz", imp.Notes)
	}
}

// A target outside the design whose parameters name two kinds takes the
// first in the hints' order, every time: the hints are an ordered list.
func TestTargetHintsAreOrdered(t *testing.T) {
	src := `Parameters:
  TargetArn: {Type: String}
Resources:
  Rule:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: rate(1 hour)
      Targets:
        - Id: out
          Arn: !Ref TargetArn
          KinesisParameters: {PartitionKeyPath: $.id}
          SqsParameters: {MessageGroupId: g}`
	for range 20 {
		if b := mustImport(t, src).Design.Block("TargetArn"); b == nil || b.Kind != "sqs" {
			t.Fatalf("the target is %+v, want an SQS queue outside the design", b)
		}
	}
}

// A parameter default in the metadata longer than any reference is noted
// and dropped on its own: the block keeps its reference.
func TestMetadataDropsABadDefaultAlone(t *testing.T) {
	long := strings.Repeat("x", design.MaxExternalRefLen+1)
	im := mustImport(t, `Metadata:
  archlab:
    blocks:
      - {id: Jobs, kind: sqs, external: {ref: "!Ref JobsQueueArn", default: "`+long+`"}}
Resources:
  Fn: {Type: AWS::Serverless::Function}`)
	got := im.Design.Block("Jobs")
	if got == nil || got.External == nil || *got.External != (design.External{Ref: "!Ref JobsQueueArn"}) {
		t.Fatalf("the block is %+v, want outside with its reference and no default", got)
	}
	if !slices.ContainsFunc(im.Notes, func(n Note) bool { return strings.Contains(n.Message, "external.default") }) {
		t.Errorf("no note names the dropped default: %+v", im.Notes)
	}
}
