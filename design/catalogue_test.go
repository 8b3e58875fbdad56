package design

import "testing"

func TestBuiltinCatalogueIsConsistent(t *testing.T) {
	cat := Builtin()
	// Every kind of DESIGN.md's contract must be there.
	for _, id := range []string{"apigateway-rest", "apigateway-http", "apigateway-websocket", "lambda", "sqs", "sns",
		"eventbridge-bus", "eventbridge-rule", "stepfunctions", "dynamodb", "s3", "kinesis", "firehose", "cognito",
		"cloudfront", "rds", "ses", "client", "http-endpoint"} {
		if cat.Kind(id) == nil {
			t.Errorf("kind %q missing from the catalogue", id)
		}
	}
	for _, k := range cat.Kinds() {
		if k.Name == "" || k.Summary == "" || k.Category == "" {
			t.Errorf("kind %s lacks a name, summary or category", k.ID)
		}
	}
}
