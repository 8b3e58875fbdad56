package iac

import (
	"errors"
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
)

const cfnQueueWorker = `Transform: AWS::Serverless-2016-10-31
Resources:
  Jobs:
    Type: AWS::SQS::Queue
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: python3.13
      Events:
        FromJobs:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
            BatchSize: 5
`

// cfnValue is a value of an exported template as text: a scalar's own, an
// intrinsic as "Ref X", "GetAtt X.Attr" or "Sub ...".
func cfnValue(n *node) string {
	switch name, arg := n.intrinsic(); name {
	case "Ref":
		return "Ref " + textOr(arg, "?")
	case "Fn::GetAtt":
		id, attr, _ := getAttParts(arg)
		return "GetAtt " + id + "." + attr
	case "Fn::Sub":
		text, _ := subParts(arg)
		return "Sub " + text
	}
	if s, ok := n.text(); ok {
		return s
	}
	if n != nil && n.kind == seqNode {
		var parts []string
		for _, it := range n.items {
			parts = append(parts, cfnValue(it))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return "<" + canonicalText(n) + ">"
}

// cfnPath follows dotted keys; a number indexes a list.
func cfnPath(n *node, path string) *node {
	for _, k := range strings.Split(path, ".") {
		if n != nil && n.kind == seqNode {
			i := 0
			for _, c := range k {
				i = i*10 + int(c-'0')
			}
			if i >= len(n.items) {
				return nil
			}
			n = n.items[i]
			continue
		}
		n = n.get(k)
	}
	return n
}

// Small designs built in Go export as the resources SAM would deploy, with
// their key properties.
func TestCloudFormationDesigns(t *testing.T) {
	lambda := design.Block{ID: "Worker", Kind: "lambda", Props: design.Props{"Runtime": "python3.13", "Handler": "app.handler", "Timeout": 30.0}}
	for _, tc := range []struct {
		name   string
		blocks []design.Block
		conns  []design.Connection
		types  map[string]string // logical id → type, exactly these
		props  map[string]string // "Id.Path.To" → value as cfnValue writes it
	}{{
		name:   "queue with a batch size",
		blocks: []design.Block{{ID: "Jobs", Kind: "sqs"}, lambda},
		conns:  []design.Connection{{ID: "c1", From: "Jobs", To: "Worker", Integration: "event-source-mapping", Props: design.Props{"BatchSize": 5.0}}},
		types: map[string]string{"Jobs": "AWS::SQS::Queue", "Worker": "AWS::Lambda::Function", "WorkerRole": "AWS::IAM::Role",
			"WorkerJobs": "AWS::Lambda::EventSourceMapping"},
		props: map[string]string{
			"Worker.Properties.Role":               "GetAtt WorkerRole.Arn",
			"Worker.Properties.Timeout":            "30",
			"Worker.Properties.Code":               "src/worker/",
			"WorkerJobs.Properties.EventSourceArn": "GetAtt Jobs.Arn",
			"WorkerJobs.Properties.FunctionName":   "Ref Worker",
			"WorkerJobs.Properties.BatchSize":      "5",
			"WorkerRole.Properties.ManagedPolicyArns": "[Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole, " +
				"Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole]",
			"WorkerRole.Properties.AssumeRolePolicyDocument.Statement.0.Principal.Service": "[lambda.amazonaws.com]",
		},
	}, {
		name:   "API route",
		blocks: []design.Block{{ID: "Api", Kind: "apigateway-rest"}, lambda},
		conns:  []design.Connection{{ID: "c1", From: "Api", To: "Worker", Integration: "invoke"}},
		types: map[string]string{"Api": "AWS::ApiGateway::RestApi", "ApiprodStage": "AWS::ApiGateway::Stage", "Worker": "AWS::Lambda::Function",
			"WorkerRole": "AWS::IAM::Role", "WorkerApiPermission": "AWS::Lambda::Permission", "ApiDeployment*": "AWS::ApiGateway::Deployment"},
		props: map[string]string{
			"Api.Properties.Body.swagger": "2.0",
			"Api.Properties.Body.paths./worker.x-amazon-apigateway-any-method.x-amazon-apigateway-integration.type": "aws_proxy",
			"Api.Properties.Body.paths./worker.x-amazon-apigateway-any-method.x-amazon-apigateway-integration.uri":  "Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Worker.Arn}/invocations",
			"ApiprodStage.Properties.StageName":           "prod",
			"ApiprodStage.Properties.RestApiId":           "Ref Api",
			"WorkerApiPermission.Properties.Principal":    "apigateway.amazonaws.com",
			"WorkerApiPermission.Properties.SourceArn":    "Sub arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/*/*/worker",
			"WorkerApiPermission.Properties.FunctionName": "Ref Worker",
		},
	}, {
		name:   "SNS subscription",
		blocks: []design.Block{{ID: "Topic", Kind: "sns"}, lambda},
		conns:  []design.Connection{{ID: "c1", From: "Topic", To: "Worker"}},
		types: map[string]string{"Topic": "AWS::SNS::Topic", "Worker": "AWS::Lambda::Function", "WorkerRole": "AWS::IAM::Role",
			"WorkerTopic": "AWS::SNS::Subscription", "WorkerTopicPermission": "AWS::Lambda::Permission"},
		props: map[string]string{
			"WorkerTopic.Properties.Protocol":            "lambda",
			"WorkerTopic.Properties.Endpoint":            "GetAtt Worker.Arn",
			"WorkerTopic.Properties.TopicArn":            "Ref Topic",
			"WorkerTopicPermission.Properties.Principal": "sns.amazonaws.com",
			"WorkerTopicPermission.Properties.SourceArn": "Ref Topic",
		},
	}, {
		name:   "state machine with a Lambda task",
		blocks: []design.Block{{ID: "Flow", Kind: "stepfunctions"}, lambda},
		conns:  []design.Connection{{ID: "c1", From: "Flow", To: "Worker", Integration: "task"}},
		types: map[string]string{"Flow": "AWS::StepFunctions::StateMachine", "FlowRole": "AWS::IAM::Role", "Worker": "AWS::Lambda::Function",
			"WorkerRole": "AWS::IAM::Role"},
		props: map[string]string{
			"Flow.Properties.RoleArn":                                                    "GetAtt FlowRole.Arn",
			"Flow.Properties.Definition.States.CallWorker.Resource":                      "arn:aws:states:::lambda:invoke",
			"Flow.Properties.DefinitionSubstitutions.Worker":                             "GetAtt Worker.Arn",
			"FlowRole.Properties.Policies.0.PolicyDocument.Statement.0.Action":           "[lambda:InvokeFunction]",
			"FlowRole.Properties.AssumeRolePolicyDocument.Statement.0.Principal.Service": "[states.amazonaws.com]",
		},
	}, {
		name:   "S3 notification",
		blocks: []design.Block{{ID: "Uploads", Kind: "s3"}, lambda},
		conns:  []design.Connection{{ID: "c1", From: "Uploads", To: "Worker"}},
		types: map[string]string{"Uploads": "AWS::S3::Bucket", "Worker": "AWS::Lambda::Function", "WorkerRole": "AWS::IAM::Role",
			"WorkerUploadsPermission": "AWS::Lambda::Permission"},
		props: map[string]string{
			"Uploads.Properties.NotificationConfiguration.LambdaConfigurations.0.Function": "GetAtt Worker.Arn",
			"Uploads.Properties.NotificationConfiguration.LambdaConfigurations.0.Event":    "s3:ObjectCreated:*",
			"Uploads.DependsOn":                                "[WorkerUploadsPermission]",
			"WorkerUploadsPermission.Properties.Principal":     "s3.amazonaws.com",
			"WorkerUploadsPermission.Properties.SourceAccount": "Ref AWS::AccountId",
		},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			cat := design.Builtin()
			d := &design.Design{Title: tc.name, Blocks: tc.blocks, Connections: tc.conns}
			out, _, err := CloudFormation(d, cat)
			if err != nil {
				t.Fatal(err)
			}
			root, err := parse(out)
			if err != nil {
				t.Fatal(err)
			}
			if root.get("Transform") != nil || root.get("Globals") != nil {
				t.Errorf("SAM is left:\n%s", out)
			}
			res := root.get("Resources")
			got := map[string]string{}
			for i, id := range res.keys {
				got[id] = textOr(res.vals[i].get("Type"), "")
			}
			for id, typ := range tc.types {
				if prefix, ok := strings.CutSuffix(id, "*"); ok {
					found := false
					for gid, gtyp := range got {
						if strings.HasPrefix(gid, prefix) && gtyp == typ {
							found = true
							delete(got, gid)
						}
					}
					if !found {
						t.Errorf("no %s named %s...:\n%s", typ, prefix, out)
					}
					continue
				}
				if got[id] != typ {
					t.Errorf("%s is %q, want %s", id, got[id], typ)
				}
				delete(got, id)
			}
			for id, typ := range got {
				t.Errorf("unexpected %s %s", typ, id)
			}
			for path, want := range tc.props {
				id, rest, _ := strings.Cut(path, ".")
				// Paths may hold keys with dots ("/worker"); resolve them
				// against the resource's own mapping.
				if v := cfnValue(cfnDeepPath(res.get(id), rest)); v != want {
					t.Errorf("%s is %s, want %s", path, v, want)
				}
			}
			if t.Failed() {
				t.Logf("%s", out)
			}
		})
	}
}

// cfnDeepPath is cfnPath where keys may be written with dots of their own:
// at each mapping, the longest key that prefixes what is left is taken.
func cfnDeepPath(n *node, path string) *node {
	for path != "" && n != nil {
		if n.kind == seqNode {
			k, rest, _ := strings.Cut(path, ".")
			n, path = cfnPath(n, k), rest
			continue
		}
		best := ""
		for _, k := range n.keys {
			if (path == k || strings.HasPrefix(path, k+".")) && len(k) > len(best) {
				best = k
			}
		}
		if best == "" {
			return nil
		}
		n = n.get(best)
		path = strings.TrimPrefix(strings.TrimPrefix(path, best), ".")
	}
	return n
}

// What SAM resolves by its own names resolves in the output, and what
// archlab cannot translate is refused by name.
func TestCloudFormationTranslations(t *testing.T) {
	for _, tc := range []struct {
		name, template string
		props          map[string]string // as in TestCloudFormationDesigns; "-Id" says Id is absent
		refused        string            // the feature refused
	}{{
		name: "globals, alias and references to SAM's names",
		template: `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Timeout: 9
    Environment: {Variables: {STAGE: prod}}
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://bucket/fn.zip
      Handler: app.handler
      Runtime: python3.13
      AutoPublishAlias: live
      Environment: {Variables: {NAME: fn}}
      Tracing: Active
      Policies:
        - SQSSendMessagePolicy: {QueueName: !GetAtt Q.QueueName}
        - AmazonS3ReadOnlyAccess
      Events:
        Get:
          Type: Api
          Properties: {Path: "/items/{id}", Method: get}
  Q:
    Type: AWS::SQS::Queue
Outputs:
  Url:
    Value: !Sub https://${ServerlessRestApi}.execute-api.${AWS::Region}.amazonaws.com/Prod/
  Alias:
    Value: !Ref Fn.Alias
  Stage:
    Value: !Ref ServerlessRestApi.Stage
`,
		props: map[string]string{
			"Fn.Properties.Timeout":                                            "9",
			"Fn.Properties.Environment.Variables.STAGE":                        "prod",
			"Fn.Properties.Environment.Variables.NAME":                         "fn",
			"Fn.Properties.Code.S3Bucket":                                      "bucket",
			"Fn.Properties.Code.S3Key":                                         "fn.zip",
			"Fn.Properties.TracingConfig.Mode":                                 "Active",
			"FnAliaslive.Type":                                                 "AWS::Lambda::Alias",
			"FnAliaslive.Properties.Name":                                      "live",
			"FnRole.Properties.Policies.0.PolicyDocument.Statement.0.Action":   "[sqs:SendMessage*]",
			"FnRole.Properties.Policies.0.PolicyDocument.Statement.0.Resource": "[Sub arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${QueueName}]",
			"FnGetPermission.Properties.FunctionName":                          "Ref FnAliaslive",
			"FnGetPermission.Properties.SourceArn":                             "Sub arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/*/GET/items/*",
			"ServerlessRestApi.Properties.Body.paths./items/{id}.get.x-amazon-apigateway-integration.uri": "Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${FnAliaslive}/invocations",
			"ServerlessRestApiProdStage.Properties.StageName":                                             "Prod",
			"@Outputs.Alias.Value": "Ref FnAliaslive",
			"@Outputs.Stage.Value": "Ref ServerlessRestApiProdStage",
		},
	}, {
		name: "HTTP API, schedule and table",
		template: `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: "def handler(e, c): pass"
      Handler: index.handler
      Runtime: python3.13
      Events:
        Http:
          Type: HttpApi
        Tick:
          Type: Schedule
          Properties: {Schedule: rate(5 minutes), Enabled: false}
  Table:
    Type: AWS::Serverless::SimpleTable
    Properties:
      PrimaryKey: {Name: pk, Type: Number}
`,
		props: map[string]string{
			"Fn.Properties.Code.ZipFile": "def handler(e, c): pass",
			"ServerlessHttpApi.Type":     "AWS::ApiGatewayV2::Api",
			"ServerlessHttpApi.Properties.Body.paths.$default.x-amazon-apigateway-any-method.x-amazon-apigateway-integration.payloadFormatVersion": "2.0",
			"ServerlessHttpApiApiGatewayDefaultStage.Properties.StageName":                                                                         "$default",
			"ServerlessHttpApiApiGatewayDefaultStage.Properties.AutoDeploy":                                                                        "true",
			"FnHttpPermission.Properties.SourceArn":                                                                                                "Sub arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/*",
			"FnTick.Type":                                                                                                                          "AWS::Events::Rule",
			"FnTick.Properties.State":                                                                                                              "DISABLED",
			"FnTick.Properties.Targets.0.Arn":                                                                                                      "GetAtt Fn.Arn",
			"FnTickPermission.Properties.SourceArn":                                                                                                "GetAtt FnTick.Arn",
			"Table.Type":                                                                                                                           "AWS::DynamoDB::Table",
			"Table.Properties.KeySchema.0.AttributeName":                                                                                           "pk",
			"Table.Properties.AttributeDefinitions.0.AttributeType":                                                                                "N",
			"Table.Properties.BillingMode":                                                                                                         "PAY_PER_REQUEST",
		},
	}, {
		name: "REST API auth: Cognito default, a route without auth, IAM route, API keys",
		template: `Transform: AWS::Serverless-2016-10-31
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        DefaultAuthorizer: Users
        ApiKeyRequired: true
        Authorizers:
          Users: {UserPoolArn: !GetAtt Pool.Arn, AuthorizationScopes: [read]}
          Token: {FunctionArn: !GetAtt Check.Arn, Identity: {ReauthorizeEvery: 60}}
  Check:
    Type: AWS::Serverless::Function
    Properties: {CodeUri: s3://b/k, Handler: h, Runtime: python3.13}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://b/k
      Handler: h
      Runtime: python3.13
      Events:
        Get: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /items, Method: get}}
        Open: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /open, Method: get, Auth: {Authorizer: NONE, ApiKeyRequired: false}}}
        Iam: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /iam, Method: post, Auth: {Authorizer: AWS_IAM}}}
`,
		props: map[string]string{
			"Api.Properties.Body.paths./items.get.security.0.Users":                                                     "[read]",
			"Api.Properties.Body.paths./items.get.security.1.api_key":                                                   "[]",
			"Api.Properties.Body.paths./open.get.security":                                                              "[]",
			"Api.Properties.Body.paths./iam.post.security.0.AWS_IAM":                                                    "[]",
			"Api.Properties.Body.paths./iam.post.x-amazon-apigateway-integration.credentials":                           "arn:aws:iam::*:user/*",
			"Api.Properties.Body.securityDefinitions.Users.x-amazon-apigateway-authorizer.type":                         "cognito_user_pools",
			"Api.Properties.Body.securityDefinitions.Users.x-amazon-apigateway-authorizer.providerARNs":                 "[GetAtt Pool.Arn]",
			"Api.Properties.Body.securityDefinitions.Token.x-amazon-apigateway-authtype":                                "custom",
			"Api.Properties.Body.securityDefinitions.Token.x-amazon-apigateway-authorizer.type":                         "token",
			"Api.Properties.Body.securityDefinitions.Token.x-amazon-apigateway-authorizer.authorizerResultTtlInSeconds": "60",
			"Api.Properties.Body.securityDefinitions.AWS_IAM.x-amazon-apigateway-authtype":                              "awsSigv4",
			"Api.Properties.Body.securityDefinitions.api_key.name":                                                      "x-api-key",
			"ApiTokenAuthorizerPermission.Properties.FunctionName":                                                      "GetAtt Check.Arn",
			"ApiTokenAuthorizerPermission.Properties.SourceArn":                                                         "Sub arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/authorizers/*",
			"-ApiUsersAuthorizerPermission":                                                                             "",
		},
	}, {
		name: "HTTP API auth: Lambda authorizer with its permission, JWT route",
		template: `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth:
        DefaultAuthorizer: Session
        Authorizers:
          Session: {FunctionArn: !GetAtt Check.Arn, AuthorizerPayloadFormatVersion: "2.0", EnableSimpleResponses: true, EnableFunctionDefaultPermissions: true, Identity: {Headers: [Cookie]}}
          Jwt: {IdentitySource: $request.header.Authorization, JwtConfiguration: {Issuer: https://issuer, Audience: [app]}}
  Check:
    Type: AWS::Serverless::Function
    Properties: {CodeUri: s3://b/k, Handler: h, Runtime: python3.13}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://b/k
      Handler: h
      Runtime: python3.13
      Events:
        Get: {Type: HttpApi, Properties: {ApiId: !Ref Api, Path: /items, Method: get}}
        Jwt: {Type: HttpApi, Properties: {ApiId: !Ref Api, Path: /me, Method: get, Auth: {Authorizer: Jwt, AuthorizationScopes: [me]}}}
`,
		props: map[string]string{
			"Api.Properties.Body.paths./items.get.security.0.Session":                                                     "[]",
			"Api.Properties.Body.paths./me.get.security.0.Jwt":                                                            "[me]",
			"Api.Properties.Body.components.securitySchemes.Session.x-amazon-apigateway-authorizer.identitySource":        "[$request.header.Cookie]",
			"Api.Properties.Body.components.securitySchemes.Session.x-amazon-apigateway-authorizer.enableSimpleResponses": "true",
			"Api.Properties.Body.components.securitySchemes.Jwt.x-amazon-apigateway-authorizer.jwtConfiguration.issuer":   "https://issuer",
			"ApiSessionAuthorizerPermission.Properties.FunctionName":                                                      "GetAtt Check.Arn",
		},
	}, {
		name: "a mapping's failure destination: policy only when SAM is told the Type",
		template: `Transform: AWS::Serverless-2016-10-31
Resources:
  Stream: {Type: AWS::Kinesis::Stream, Properties: {ShardCount: 1}}
  Failed: {Type: AWS::SQS::Queue}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://b/k
      Handler: h
      Runtime: python3.13
      Events:
        Typed: {Type: Kinesis, Properties: {Stream: !GetAtt Stream.Arn, StartingPosition: LATEST, DestinationConfig: {OnFailure: {Type: SQS, Destination: !GetAtt Failed.Arn}}}}
        Untyped: {Type: Kinesis, Properties: {Stream: !GetAtt Stream.Arn, StartingPosition: LATEST, DestinationConfig: {OnFailure: {Destination: !GetAtt Failed.Arn}}}}
`,
		props: map[string]string{
			"FnTyped.Properties.DestinationConfig.OnFailure.Destination":     "GetAtt Failed.Arn",
			"FnTyped.Properties.DestinationConfig.OnFailure.Type":            "<null>",
			"FnUntyped.Properties.DestinationConfig.OnFailure.Destination":   "GetAtt Failed.Arn",
			"FnRole.Properties.Policies.0.PolicyDocument.Statement.0.Action": "sqs:SendMessage",
			"FnRole.Properties.Policies.0.PolicyDocument.Statement.1":        "<null>",
		},
	}, {
		name:     "REST API resource policy",
		template: "Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties: {StageName: prod, Auth: {ResourcePolicy: {IpRangeBlacklist: [10.0.0.0/8]}}}\n",
		refused:  "Auth.ResourcePolicy",
	}, {
		name:     "a route opting out of auth on an API without a default",
		template: "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: s3://b/k\n      Handler: h\n      Runtime: python3.13\n      Events: {Get: {Type: Api, Properties: {Path: /, Method: get, Auth: {Authorizer: NONE}}}}\n",
		refused:  "Auth.Authorizer of Api events",
	}, {
		name:     "serverless application",
		template: "Transform: AWS::Serverless-2016-10-31\nResources:\n  Orders:\n    Type: AWS::Serverless::Application\n    Properties: {Location: {ApplicationId: a, SemanticVersion: 1.0.0}}\n",
		refused:  "AWS::Serverless::Application from the Serverless Application Repository",
	}, {
		name:     "deployment preference",
		template: "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: {CodeUri: s3://b/k, Handler: h, Runtime: python3.13, AutoPublishAlias: live, DeploymentPreference: {Type: AllAtOnce}}\n",
		refused:  "DeploymentPreference",
	}, {
		name:     "alias of local code",
		template: "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: {CodeUri: ./src, Handler: h, Runtime: python3.13, AutoPublishAlias: live}\n",
		refused:  "AutoPublishAlias",
	}, {
		name:     "plain CloudFormation",
		template: "Resources:\n  Q:\n    Type: AWS::SQS::Queue # kept as written\n",
		props:    map[string]string{"Q.Type": "AWS::SQS::Queue"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			out, _, err := samToCloudFormation([]byte(tc.template))
			if tc.refused != "" {
				var unsup *UnsupportedError
				if !errors.As(err, &unsup) || unsup.Feature != tc.refused || !strings.Contains(err.Error(), "export as SAM") {
					t.Fatalf("the export is not refused for %s: %v\n%s", tc.refused, err, out)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			root, err := parse(out)
			if err != nil {
				t.Fatal(err)
			}
			for path, want := range tc.props {
				n := root.get("Resources")
				if rest, ok := strings.CutPrefix(path, "@"); ok {
					n, path = root, rest
				}
				if absent, ok := strings.CutPrefix(path, "-"); ok {
					if n.get(absent) != nil {
						t.Errorf("%s is written", absent)
					}
					continue
				}
				id, rest, _ := strings.Cut(path, ".")
				if v := cfnValue(cfnDeepPath(n.get(id), rest)); v != want {
					t.Errorf("%s is %s, want %s", path, v, want)
				}
			}
			if tc.name == "plain CloudFormation" && string(out) != tc.template {
				t.Errorf("plain CloudFormation is rewritten:\n%s", out)
			}
			if t.Failed() {
				t.Logf("%s", out)
			}
		})
	}
}
