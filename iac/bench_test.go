package iac

import (
	"fmt"
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
)

// generatedTemplate writes a SAM template of about n resources, in groups
// of ten wired the way real services are: a function behind an API reading
// a queue with a dead-letter queue, a table, a topic with a subscription, a
// rule with a target, a state machine, a stream with its mapping.
func generatedTemplate(n int) []byte {
	var b strings.Builder
	b.WriteString("AWSTemplateFormatVersion: \"2010-09-09\"\nTransform: AWS::Serverless-2016-10-31\n")
	b.WriteString("Globals:\n  Function:\n    Runtime: nodejs22.x\n    Handler: index.handler\n    Timeout: 30\n")
	b.WriteString("Resources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n")
	for i := 0; i < n/10; i++ {
		fmt.Fprintf(&b, `  Fn%[1]d:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/fn%[1]d/
      MemorySize: 512
      Environment:
        Variables:
          TABLE: !Ref Table%[1]d
      Policies:
        - DynamoDBCrudPolicy:
            TableName: !Ref Table%[1]d
        - Statement:
            - Effect: Allow
              Action: [sqs:SendMessage]
              Resource: !GetAtt Out%[1]d.Arn
      Events:
        Get:
          Type: Api
          Properties: {RestApiId: !Ref Api, Path: /fn%[1]d, Method: get}
        Jobs:
          Type: SQS
          Properties: {Queue: !GetAtt Queue%[1]d.Arn, BatchSize: 10}
  Queue%[1]d:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 60
      RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq%[1]d.Arn, maxReceiveCount: 5}
  Dlq%[1]d:
    Type: AWS::SQS::Queue
    Properties: {MessageRetentionPeriod: 1209600}
  Out%[1]d:
    Type: AWS::SQS::Queue
  Table%[1]d:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      StreamSpecification: {StreamViewType: NEW_IMAGE}
  Topic%[1]d:
    Type: AWS::SNS::Topic
  Sub%[1]d:
    Type: AWS::SNS::Subscription
    Properties: {TopicArn: !Ref Topic%[1]d, Protocol: sqs, Endpoint: !GetAtt Queue%[1]d.Arn, RawMessageDelivery: true}
  Rule%[1]d:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: {source: [app.fn%[1]d]}
      Targets:
        - {Id: fn, Arn: !GetAtt Fn%[1]d.Arn, DeadLetterConfig: {Arn: !GetAtt Dlq%[1]d.Arn}}
  Flow%[1]d:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition:
        StartAt: Call
        States:
          Call: {Type: Task, Resource: arn:aws:states:::lambda:invoke, Parameters: {FunctionName: "${Fn}"}, TimeoutSeconds: 40, End: true}
      DefinitionSubstitutions: {Fn: !GetAtt Fn%[1]d.Arn}
  Mapping%[1]d:
    Type: AWS::Lambda::EventSourceMapping
    Properties: {EventSourceArn: !GetAtt Table%[1]d.StreamArn, FunctionName: !Ref Fn%[1]d, StartingPosition: LATEST}
`, i)
	}
	return []byte(b.String())
}

func TestGeneratedTemplate(t *testing.T) {
	imp := mustImport(t, string(generatedTemplate(200)))
	if n := len(imp.Design.Blocks); n < 140 {
		t.Fatalf("the generated template imports as %d blocks", n)
	}
	if len(imp.Notes) > 0 {
		t.Fatalf("notes: %v", imp.Notes)
	}
}

func BenchmarkImport(b *testing.B) {
	data := generatedTemplate(200)
	cat := design.Builtin()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Import(data, "bench", cat); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkImportAndCheck(b *testing.B) {
	data := generatedTemplate(200)
	cat := design.Builtin()
	reg := rules.Default(cat)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		imp, err := Import(data, "bench", cat)
		if err != nil {
			b.Fatal(err)
		}
		reg.Check(imp.Design)
	}
}

func BenchmarkExportSAM(b *testing.B) {
	cat := design.Builtin()
	imp, err := Import(generatedTemplate(200), "bench", cat)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := SAM(imp.Design, cat); err != nil {
			b.Fatal(err)
		}
	}
}

// outsideTemplate writes n functions, each reading a queue another stack
// owns: n blocks outside the design among n resources.
func outsideTemplate(n int) []byte {
	var b strings.Builder
	b.WriteString("Transform: AWS::Serverless-2016-10-31\nResources:\n")
	for i := range n {
		fmt.Fprintf(&b, "  Fn%[1]d:\n    Type: AWS::Serverless::Function\n    Properties:\n      Events:\n        Jobs: {Type: SQS, Properties: {Queue: arn:aws:sqs:eu-west-1:123456789012:jobs-%[1]d}}\n", i)
	}
	return []byte(b.String())
}

// BenchmarkImportOutside imports many blocks outside the design: the time
// per block must not grow with the number of blocks and resources.
func BenchmarkImportOutside(b *testing.B) {
	for _, n := range []int{100, 1000} {
		data := outsideTemplate(n)
		cat := design.Builtin()
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if _, err := Import(data, "bench", cat); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkExportSource writes an edited design back into the template it
// was imported from (about 200 resources): two exports, a diff, the
// patches, and an import to reconcile the metadata.
func BenchmarkExportSource(b *testing.B) {
	for _, n := range []int{50, 200, 1000} {
		b.Run(fmt.Sprintf("resources=%d", n), func(b *testing.B) {
			cat := design.Builtin()
			imp, err := Import(generatedTemplate(n), "bench.yaml", cat)
			if err != nil {
				b.Fatal(err)
			}
			d, _, err := design.Apply(imp.Design, design.Ops{{Op: design.OpUpdateBlock, ID: "Fn0", Props: map[string]any{"MemorySize": 1024.0}}}, cat)
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, _, err := SAMWithNotes(d, cat); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
