package design

import (
	"strings"
	"testing"
)

// Forms name a property for people: its label, or its CloudFormation name
// in words, with acronyms kept.
func TestHumanLabel(t *testing.T) {
	for name, want := range map[string]string{
		"VisibilityTimeout":               "Visibility timeout",
		"MaximumBatchingWindowInSeconds":  "Maximum batching window in seconds",
		"FifoThroughputLimit":             "FIFO throughput limit",
		"KmsMasterKeyId":                  "KMS master key ID",
		"AccessLogSetting.DestinationArn": "Destination ARN",
		"RecursiveLoop":                   "Recursive loop",
		"TTLSpecification":                "TTL specification",
		"Timeout":                         "Timeout",
	} {
		p := Prop{Name: name}
		if got := p.HumanLabel(); got != want {
			t.Errorf("HumanLabel(%s) = %q, want %q", name, got, want)
		}
	}
	if got := (&Prop{Name: "MessageRetentionPeriod", Label: "Retention"}).HumanLabel(); got != "Retention" {
		t.Errorf("a property's own label gave way to %q", got)
	}
}

// A FIFO-only setting applies to a FIFO queue only, the queue's default
// (standard) counting when FifoQueue is unset; a Set condition holds once
// the other property has any value.
func TestPropertyAppliesWhen(t *testing.T) {
	sqs := Builtin().Kind("sqs")
	dedup := sqs.Prop("ContentBasedDeduplication")
	for _, tc := range []struct {
		props Props
		want  bool
	}{
		{Props{}, false},
		{Props{"FifoQueue": false}, false},
		{Props{"FifoQueue": true}, true},
	} {
		if got := dedup.AppliesTo(sqs.Props, tc.props); got != tc.want {
			t.Errorf("ContentBasedDeduplication applies to a queue with %v: %t, want %t", tc.props, got, tc.want)
		}
	}
	if !sqs.Prop("VisibilityTimeout").AppliesTo(sqs.Props, Props{}) {
		t.Error("a property without a condition does not apply")
	}
	fn := Builtin().Kind("lambda")
	perEnv := fn.Prop("CapacityProviderConfig.PerExecutionEnvironmentMaxConcurrency")
	if perEnv.AppliesTo(fn.Props, Props{}) || !perEnv.AppliesTo(fn.Props, Props{"CapacityProviderConfig.Arn": "Provider"}) {
		t.Error("a Managed Instances setting does not follow its capacity provider")
	}
}

// A condition must name another property of the schema and a value that
// property can take; the catalogue refuses anything else.
func TestCatalogueRefusesBadConditions(t *testing.T) {
	for name, applies := range map[string]*Applies{
		"unknown property":  {Prop: "Nope", Equals: true},
		"itself":            {Prop: "B", Equals: true},
		"wrong type":        {Prop: "A", Equals: "yes"},
		"value not allowed": {Prop: "E", Equals: "C"},
		"neither":           {Prop: "A"},
		"both":              {Prop: "A", Equals: true, Set: true},
	} {
		props := []Prop{
			{Name: "A", Type: TypeBoolean, Summary: "a"},
			{Name: "E", Type: TypeEnum, Values: []string{"X", "Y"}, Summary: "e"},
			{Name: "B", Type: TypeBoolean, Summary: "b", AppliesWhen: applies},
		}
		_, err := NewCatalogue([]Kind{{ID: "k", Name: "K", Noun: "K", Props: props}}, nil, nil)
		if err == nil || !strings.Contains(err.Error(), "applies when") {
			t.Errorf("%s: catalogue built with %+v: %v", name, applies, err)
		}
	}
}
