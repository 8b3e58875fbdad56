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

func TestFormatNumber(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		want string
	}{
		{0, "0"},
		{7, "7"},
		{999, "999"},
		{1000, "1,000"},
		{-1000, "-1,000"},
		{1209600, "1,209,600"},
		{-12345678, "-12,345,678"},
		{0.5, "0.5"},
		{-2.25, "-2.25"},
		{1e15, "1e+15"},
		{123456789012345, "123,456,789,012,345"},
	} {
		if got := FormatNumber(tc.in); got != tc.want {
			t.Errorf("FormatNumber(%v) = %q, want %q", tc.in, got, tc.want)
		}
		if got := string(AppendNumber([]byte("n="), tc.in)); got != "n="+tc.want {
			t.Errorf("AppendNumber(%v) = %q, want %q", tc.in, got, "n="+tc.want)
		}
	}
}

// IntegrationOf finds by the kinds' positions what Integration finds by
// their ids, for every pair of kinds, and nothing for a kind of another
// catalogue.
func TestIntegrationOfMatchesIntegration(t *testing.T) {
	cat := Builtin()
	for _, from := range cat.Kinds() {
		for _, to := range cat.Kinds() {
			for _, in := range append(cat.Integrations(from.ID, to.ID), Integration{ID: "none"}) {
				want := cat.Integration(from.ID, to.ID, in.ID)
				if got := cat.IntegrationOf(from, to, in.ID); got != want {
					t.Fatalf("%s → %s %s: IntegrationOf %v, Integration %v", from.ID, to.ID, in.ID, got, want)
				}
			}
		}
	}
	stranger := *cat.Kind("sqs")
	if got := cat.IntegrationOf(&stranger, cat.Kind("lambda"), IntESM); got != nil {
		t.Fatalf("a kind of no catalogue found %v", got)
	}
}
