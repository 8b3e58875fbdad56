package iac

import (
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
)

// A design's references to blocks outside it become what names them in the
// template (the ARN, the parameter, the import), never a !GetAtt of a
// resource the template does not hold, and import back to the same blocks.
func TestExportNamesOutsideBlocks(t *testing.T) {
	cat := design.Builtin()
	d, err := design.Decode([]byte(`{"format":"archlab/v1","title":"Outside","blocks":[
		{"id":"Nightly","kind":"eventbridge-rule","props":{"ScheduleExpression":"rate(1 day)"}},
		{"id":"Worker","kind":"lambda","props":{"Timeout":30,"CapacityProviderConfig.Arn":"Fleet"}},
		{"id":"SharedDlq","kind":"sqs","external":{"ref":"arn:aws:sqs:eu-west-1:123456789012:shared-dlq"}},
		{"id":"Fleet","kind":"lambda-capacity-provider","external":{"ref":"!Ref FleetArn"}},
		{"id":"Failures","kind":"sqs","external":{"ref":"!GetAtt Platform.FailureQueueArn"}}],
		"connections":[{"from":"Nightly","to":"Worker","props":{"DeadLetterConfig.Arn":"SharedDlq"}},
		{"from":"Worker","to":"Failures","integration":"on-failure"}]}`), cat)
	if err != nil {
		t.Fatal(err)
	}
	out, err := SAM(d, cat)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := string(out)
	for _, want := range []string{"arn:aws:sqs:eu-west-1:123456789012:shared-dlq", "FleetArn:", "FailuresArn:", "!Ref FleetArn", "!Ref FailuresArn"} {
		if !strings.Contains(tmpl, want) {
			t.Errorf("the export lacks %q:\n%s", want, tmpl)
		}
	}
	for _, bad := range []string{"!GetAtt SharedDlq", "!GetAtt Fleet", "!GetAtt Failures", "!Ref SharedDlq", "!Ref Fleet\n"} {
		if strings.Contains(tmpl, bad) {
			t.Errorf("the export names an outside block as a resource (%q):\n%s", bad, tmpl)
		}
	}
	imp, err := Import(out, "Outside", cat)
	if err != nil {
		t.Fatal(err)
	}
	if diff := designDiff(d, imp.Design); diff != "" {
		t.Errorf("round trip changed the design:\n%s\n%s", diff, tmpl)
	}
	for _, n := range imp.Notes {
		t.Errorf("note: %s", n)
	}
}

// Each use of a block outside the design gets what the place needs of it
// (a name, a URL, an id, an ARN), written so that the template deploys, and
// the export imports back to the same blocks and connections.
func TestExportOutsideTable(t *testing.T) {
	for _, tc := range []struct {
		name         string
		blocks       string
		conns        string
		want, absent []string
	}{{
		name: "SDK calls to an outside table and queue name them in the policy templates",
		blocks: `{"id":"Worker","kind":"lambda"},
			{"id":"Orders","kind":"dynamodb","external":{"ref":"arn:aws:dynamodb:eu-west-1:123456789012:table/orders"}},
			{"id":"Jobs","kind":"sqs","external":{"ref":"arn:aws:sqs:eu-west-1:123456789012:jobs"}},
			{"id":"Clicks","kind":"kinesis","external":{"ref":"arn:aws:kinesis:eu-west-1:123456789012:stream/clicks"}}`,
		conns: `{"from":"Worker","to":"Orders","integration":"sdk"},{"from":"Worker","to":"Jobs","integration":"sdk"},
			{"from":"Worker","to":"Clicks","integration":"sdk","props":{"Actions":["kinesis:PutRecord"]}}`,
		want: []string{"TableName: orders\n", "QueueName: jobs\n",
			"Resource: arn:aws:kinesis:eu-west-1:123456789012:stream/clicks\n"},
		absent: []string{"TableName: arn:", "QueueName: arn:"},
	}, {
		name: "names are cut out of ARN parameters and imports when the stack deploys",
		blocks: `{"id":"Worker","kind":"lambda"},
			{"id":"Orders","kind":"dynamodb","external":{"ref":"!ImportValue orders-table-arn"}},
			{"id":"Jobs","kind":"sqs","external":{"ref":"!Ref JobsQueueArn"}},
			{"id":"Bus","kind":"eventbridge-bus","external":{"ref":"!Ref BusArn"}}`,
		conns: `{"from":"Worker","to":"Orders","integration":"sdk"},{"from":"Worker","to":"Jobs","integration":"sdk"},
			{"from":"Worker","to":"Bus","integration":"sdk"}`,
		want: []string{"TableName: !Select [1, !Split [/, !ImportValue orders-table-arn]]",
			"QueueName: !Select [5, !Split [':', !Ref JobsQueueArn]]", "EventBusName: !Select [1, !Split [/, !Ref BusArn]]"},
	}, {
		name: "an outside queue in a Step Functions task gets its URL",
		blocks: `{"id":"Flow","kind":"stepfunctions"},
			{"id":"Jobs","kind":"sqs","external":{"ref":"arn:aws:sqs:eu-west-1:123456789012:jobs"}},
			{"id":"Audit","kind":"sqs","external":{"ref":"!Ref AuditQueueArn"}},
			{"id":"Bus","kind":"eventbridge-bus","external":{"ref":"arn:aws:events:eu-west-1:210987654321:event-bus/shared"}}`,
		conns: `{"from":"Flow","to":"Jobs","integration":"task"},{"from":"Flow","to":"Audit","integration":"task"},
			{"from":"Flow","to":"Bus","integration":"task"}`,
		want: []string{"Jobs: https://sqs.eu-west-1.amazonaws.com/123456789012/jobs\n",
			"Audit: !Sub\n          - https://sqs.${AuditRegion}.${AWS::URLSuffix}/${AuditAccount}/${AuditName}",
			"AuditRegion: !Select [3, !Split [':', !Ref AuditQueueArn]]",
			// Another account's bus is named by its ARN.
			"Bus: arn:aws:events:eu-west-1:210987654321:event-bus/shared\n"},
		absent: []string{"Jobs: arn:"},
	}, {
		name: "AppSync and an HTTP API get an outside user pool's id and issuer",
		blocks: `{"id":"Graph","kind":"appsync","props":{"AuthenticationType":"AMAZON_COGNITO_USER_POOLS"}},
			{"id":"Api","kind":"apigateway-http","props":{"AuthorizationType":"JWT"}},{"id":"Fn","kind":"lambda"},
			{"id":"Pool","kind":"cognito","external":{"ref":"arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC"}}`,
		conns: `{"from":"Graph","to":"Pool","integration":"authorizer"},{"from":"Api","to":"Pool","integration":"authorizer"},
			{"from":"Api","to":"Fn","integration":"invoke"}`,
		want: []string{"UserPoolId: eu-west-1_AbC\n", "issuer: https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC\n"},
	}, {
		name: "a !Sub reference is written as a !Sub",
		blocks: `{"id":"Worker","kind":"lambda"},
			{"id":"Dlq","kind":"sqs","external":{"ref":"!Sub arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:dlq"}},
			{"id":"Jobs","kind":"sqs","external":{"ref":"!Sub arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${Stage}-jobs"}}`,
		conns: `{"from":"Worker","to":"Dlq","integration":"dead-letter"},{"from":"Worker","to":"Jobs","integration":"sdk"}`,
		want: []string{`TargetArn: !Sub "arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:dlq"`, `QueueName: !Sub "${Stage}-jobs"`,
			"Stage:\n    Type: String"},
		absent: []string{"DlqArn", "JobsArn"},
	}, {
		name: "an import of a !Sub stays one, and its parameters are declared",
		blocks: `{"id":"Worker","kind":"lambda"},
			{"id":"Alerts","kind":"sns","external":{"ref":"!ImportValue !Sub ${Env}-alerts-topic"}}`,
		conns:  `{"from":"Worker","to":"Alerts","integration":"on-failure"}`,
		want:   []string{"Destination:\n              Fn::ImportValue: !Sub \"${Env}-alerts-topic\"", "Env:\n    Type: String"},
		absent: []string{"AlertsArn", `!ImportValue "${Env}`},
	}, {
		name: "a parameter keeps its default, and is not doubled when the block is named after it",
		blocks: `{"id":"Fn","kind":"lambda"},
			{"id":"OrdersTopicArn","kind":"sns","external":{"ref":"!Ref OrdersTopicArn"}},
			{"id":"AuditQueueArn","kind":"sqs","props":{"FifoQueue":true},
			 "external":{"ref":"!Ref AuditQueueArn","default":"arn:aws:sqs:eu-west-1:123456789012:audit.fifo"}}`,
		conns: `{"from":"OrdersTopicArn","to":"Fn","integration":"subscription"},{"from":"AuditQueueArn","to":"Fn","integration":"event-source-mapping"}`,
		want: []string{"Topic: !Ref OrdersTopicArn", "Queue: !Ref AuditQueueArn",
			"AuditQueueArn:\n    Type: String\n    Description: ARN of AuditQueueArn (SQS queue), outside this design\n    Default: arn:aws:sqs:eu-west-1:123456789012:audit.fifo"},
		absent: []string{"ArnArn"},
	}, {
		name: "a reference that cannot be a parameter gets one named after the block",
		blocks: `{"id":"Fn","kind":"lambda"},
			{"id":"NoValue","kind":"sqs","external":{"ref":"!Ref AWS::NoValue"}},
			{"id":"Dashed","kind":"sqs","external":{"ref":"!Ref my-q"}},
			{"id":"Account","kind":"sns","external":{"ref":"!Ref AWS::AccountId"}},
			{"id":"QueueArn","kind":"sqs","external":{"ref":"!GetAtt Platform.QueueArn"}}`,
		conns: `{"from":"Fn","to":"NoValue","integration":"dead-letter"},{"from":"Fn","to":"Dashed","integration":"sdk"},
			{"from":"Fn","to":"Account","integration":"on-failure"},{"from":"Fn","to":"QueueArn","integration":"on-success"}`,
		want:   []string{"NoValueArn:\n", "DashedArn:\n", "AccountArn:\n", "QueueArn:\n"},
		absent: []string{"AWS::NoValue:", "my-q:", "AWS::AccountId:", "QueueArnArn"},
	}, {
		name: "an outside bucket and outside APIs call a function through a permission, not a SAM event",
		blocks: `{"id":"Fn","kind":"lambda"},
			{"id":"Uploads","kind":"s3","external":{"ref":"arn:aws:s3:::uploads"}},
			{"id":"TheirApi","kind":"apigateway-rest","external":{"ref":"!Ref TheirApiId"}},
			{"id":"TheirHttpApi","kind":"apigateway-http","external":{"ref":"arn:aws:apigateway:eu-west-1::/apis/abc123"}}`,
		conns: `{"from":"Uploads","to":"Fn","integration":"notification","props":{"Events":["s3:ObjectCreated:*"]}},
			{"from":"TheirApi","to":"Fn","integration":"invoke"},{"from":"TheirApi","to":"Fn","integration":"authorizer"},
			{"from":"TheirHttpApi","to":"Fn","integration":"invoke"}`,
		want: []string{"Principal: s3.amazonaws.com\n      SourceArn: arn:aws:s3:::uploads\n",
			"Principal: apigateway.amazonaws.com\n      SourceArn: !Sub \"arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${TheirApiId}/*\"",
			`SourceArn: !Sub "arn:aws:execute-api:eu-west-1:${AWS::AccountId}:abc123/*"`},
		// One permission per source: the API's authorizer and routes share it.
		absent: []string{"Type: S3", "Type: Api", "Type: HttpApi", "FnPermission4"},
	}, {
		name: "an outside REST API a rule targets keeps its execute-api ARN",
		blocks: `{"id":"Rule","kind":"eventbridge-rule","props":{"EventPattern":{"source":["orders"]}}},
			{"id":"TheirApi","kind":"apigateway-rest","external":{"ref":"arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/POST/orders"}}`,
		conns: `{"from":"Rule","to":"TheirApi","integration":"target"}`,
		want:  []string{"Arn: arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/POST/orders\n"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			out := mustRoundTripOutside(t, tc.blocks, tc.conns)
			for _, want := range tc.want {
				if !strings.Contains(out, want) {
					t.Errorf("the export lacks %q:\n%s", want, out)
				}
			}
			for _, bad := range tc.absent {
				if strings.Contains(out, bad) {
					t.Errorf("the export has %q:\n%s", bad, out)
				}
			}
		})
	}
}

// mustRoundTripOutside exports a design, checks that the template names
// only what it declares, imports it back and checks the design came back;
// it returns the template.
func mustRoundTripOutside(tb testing.TB, blocks, conns string) string {
	tb.Helper()
	cat := design.Builtin()
	d, err := design.Decode([]byte(`{"format":"archlab/v1","title":"Outside","blocks":[`+blocks+`],"connections":[`+conns+`]}`), cat)
	if err != nil {
		tb.Fatal(err)
	}
	out, err := SAM(d, cat)
	if err != nil {
		tb.Fatal(err)
	}
	for _, p := range templateProblems(tb, out) {
		tb.Errorf("the export does not deploy: %s", p)
	}
	imp, err := Import(out, d.Title, cat)
	if err != nil {
		tb.Fatal(err)
	}
	if diff := designDiff(d, imp.Design); diff != "" {
		tb.Errorf("round trip changed the design:\n%s\n%s", diff, out)
	}
	for _, n := range imp.Notes {
		tb.Errorf("the export imports with a note: %s\n%s", n, out)
	}
	return string(out)
}

// pseudoParams are CloudFormation's pseudo parameters.
var pseudoParams = map[string]bool{"AWS::AccountId": true, "AWS::NotificationARNs": true, "AWS::NoValue": true,
	"AWS::Partition": true, "AWS::Region": true, "AWS::StackId": true, "AWS::StackName": true, "AWS::URLSuffix": true}

// templateProblems lists what CloudFormation or the SAM transform would
// refuse in a template's names: parameters with names CloudFormation does
// not take, !Ref, !GetAtt and ${...} of nothing the template declares,
// placeholders outside a !Sub, an !ImportValue of literal placeholders, and
// SAM S3, Api and HttpApi events whose bucket or API the template does not
// hold.
func templateProblems(tb testing.TB, data []byte) []string {
	tb.Helper()
	root, err := parse(data)
	if err != nil {
		tb.Fatal(err)
	}
	var problems []string
	params := map[string]bool{}
	ps := root.get("Parameters")
	if ps != nil {
		for _, k := range ps.keys {
			params[k] = true
			if !paramName.MatchString(k) {
				problems = append(problems, "parameter "+k+" has a name CloudFormation refuses")
			}
		}
	}
	res := root.get("Resources")
	declared := func(name string) bool {
		base, _, _ := strings.Cut(name, ".")
		return params[name] || pseudoParams[name] || res.get(base) != nil
	}
	var walk func(n *node, where string, inSub bool)
	walk = func(n *node, where string, inSub bool) {
		if n == nil {
			return
		}
		switch name, arg := n.intrinsic(); name {
		case "Ref":
			if s, _ := arg.text(); !declared(s) || (strings.Contains(s, ".") && res.get(s[:strings.Index(s, ".")]) == nil) {
				problems = append(problems, where+": !Ref "+s+" names nothing the template declares")
			}
			return
		case "Fn::GetAtt":
			s, _ := arg.text()
			if arg.kind == seqNode && len(arg.items) > 0 {
				s, _ = arg.items[0].text()
			}
			if base, _, _ := strings.Cut(s, "."); res.get(base) == nil {
				problems = append(problems, where+": !GetAtt "+s+" names no resource")
			}
			return
		case "Fn::Sub":
			str, vars := subParts(arg)
			for _, m := range subVar.FindAllStringSubmatch(str, -1) {
				if vars.get(m[1]) == nil && !declared(m[1]) {
					problems = append(problems, where+": ${"+m[1]+"} names nothing the template declares")
				}
			}
			if vars != nil {
				for i, k := range vars.keys {
					walk(vars.vals[i], where+"."+k, true)
				}
			}
			return
		case "Fn::ImportValue":
			if s, ok := arg.text(); ok && subVar.MatchString(s) {
				problems = append(problems, where+": !ImportValue of the literal "+s)
			}
		}
		if s, ok := n.text(); ok && !inSub && strings.Contains(s, "${AWS::") {
			problems = append(problems, where+": "+s+" is literal text, not a !Sub")
		}
		for i, k := range n.keys {
			walk(n.vals[i], where+"."+k, inSub)
		}
		for _, it := range n.items {
			walk(it, where, inSub)
		}
	}
	for i, id := range res.keys {
		r := res.vals[i]
		walk(r.get("Properties"), id, false)
		events := r.path("Properties", "Events")
		if events == nil {
			continue
		}
		for j, ev := range events.keys {
			typ, _ := events.vals[j].get("Type").text()
			key := map[string]string{"S3": "Bucket", "Api": "RestApiId", "HttpApi": "ApiId"}[typ]
			v := events.vals[j].path("Properties", key)
			if key == "" || (v == nil && typ != "S3") {
				continue
			}
			if name, arg := v.intrinsic(); name != "Ref" || res.get(arg.str) == nil {
				problems = append(problems, id+".Events."+ev+": SAM's "+typ+" event takes only a "+key+" of the same template")
			}
		}
	}
	return problems
}

// A template's references are kept as the intrinsics they were: a Fn::Join
// of references and a !Sub as a !Sub, an import of a !Sub as one, a
// parameter with its default. Exported, they are written the same way,
// with no parameter for what the template could already say, and the export
// imports back to the same design.
func TestOutsideReferencesWrittenAgain(t *testing.T) {
	cat := design.Builtin()
	imp, err := Import([]byte(`AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Parameters:
  Env:
    Type: String
  JobsQueueArn:
    Type: String
    Default: arn:aws:sqs:eu-west-1:123456789012:jobs
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: python3.13
      DeadLetterQueue:
        Type: SQS
        TargetArn: !Join [":", [arn:aws:sqs, !Ref AWS::Region, !Ref AWS::AccountId, worker-dlq]]
      EventInvokeConfig:
        DestinationConfig:
          OnFailure:
            Type: SNS
            Destination:
              Fn::ImportValue: !Sub "${Env}-alerts-topic"
          OnSuccess:
            Type: SQS
            Destination: !Sub arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:done
      Events:
        Jobs:
          Type: SQS
          Properties:
            Queue: !Ref JobsQueueArn
`), "refs", cat)
	if err != nil {
		t.Fatal(err)
	}
	refs := map[string]design.External{}
	for _, b := range imp.Design.Blocks {
		if b.External != nil {
			refs[b.ID] = *b.External
		}
	}
	for id, want := range map[string]design.External{
		"WorkerDlq":      {Ref: "!Sub arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:worker-dlq"},
		"EnvAlertsTopic": {Ref: "!ImportValue !Sub ${Env}-alerts-topic"},
		"Done":           {Ref: "!Sub arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:done"},
		"JobsQueueArn":   {Ref: "!Ref JobsQueueArn", Default: "arn:aws:sqs:eu-west-1:123456789012:jobs"},
	} {
		if got := refs[id]; got != want {
			t.Errorf("%s imports as %+v, want %+v (all: %+v)", id, got, want, refs)
		}
	}
	// The exporter's own writing, not the template kept as the source.
	imp.Design.Source = nil
	out, err := SAM(imp.Design, cat)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := string(out)
	for _, want := range []string{
		`TargetArn: !Sub "arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:worker-dlq"`,
		"Fn::ImportValue: !Sub \"${Env}-alerts-topic\"",
		`Destination: !Sub "arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:done"`,
		"JobsQueueArn:\n    Type: String\n    Description: ARN of JobsQueueArn (SQS queue), outside this design\n    Default: arn:aws:sqs:eu-west-1:123456789012:jobs\n",
		"Env:\n    Type: String\n",
	} {
		if !strings.Contains(tmpl, want) {
			t.Errorf("the export lacks %q:\n%s", want, tmpl)
		}
	}
	for _, bad := range []string{"WorkerDlqArn", "DoneArn", "EnvAlertsTopicArn", "ArnArn"} {
		if strings.Contains(tmpl, bad) {
			t.Errorf("the export asks for a parameter the template could do without (%q):\n%s", bad, tmpl)
		}
	}
	for _, p := range templateProblems(t, out) {
		t.Errorf("the export does not deploy: %s", p)
	}
	again, err := Import(out, "refs", cat)
	if err != nil {
		t.Fatal(err)
	}
	if diff := designDiff(imp.Design, again.Design); diff != "" {
		t.Errorf("round trip changed the design:\n%s\n%s", diff, tmpl)
	}
}
