package rules

import (
	"testing"

	"github.com/archlab/archlab/design"
)

// The API Gateway account limits the throttling rules write into fixes are
// the facts the capacity model compares with.
func TestAPIAccountLimitsAreTheFacts(t *testing.T) {
	if apiAccountRate != design.FactValue("apigateway.account-throttle-rate") || apiAccountBurst != design.FactValue("apigateway.account-throttle-burst") {
		t.Fatalf("apiAccountRate %v, apiAccountBurst %v differ from design/data/facts/apigateway.json", apiAccountRate, apiAccountBurst)
	}
}
