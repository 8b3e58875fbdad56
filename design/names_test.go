package design

import "testing"

func TestNames(t *testing.T) {
	for _, tc := range []struct {
		text    *Text
		in      string
		allowed bool
		nearest string // "" when there is none
	}{
		{nameShort, "order-worker_2", true, "order-worker_2"},
		{nameShort, "order worker (v2)", false, "order-worker--v2-"},
		{nameShort, "", false, ""},
		{nameShort, "${AWS::StackName}-worker", true, ""},
		{nameShort, "${AWS::StackName} worker", false, ""},
		{nameTable, "ab", false, ""},
		{nameTable, "orders.v2", true, "orders.v2"},
		{nameQueue, "orders.fifo", true, "orders.fifo"},
		{nameQueue, "orders.v2", false, "orders-v2"},
		{nameQueue, "orders queue (eu)", false, "orders-queue--eu-"},
		{nameQueue, "a234567890123456789012345678901234567890123456789012345678901234567890123456789.fifo", false,
			"a23456789012345678901234567890123456789012345678901234567890123456789012345.fifo"},
		{nameStateMachine, "order flow", false, "order-flow"},
		{nameStateMachine, "order-flow.v2+eu", true, "order-flow.v2+eu"},
		{nameBus, "aws.partner/example.com/1/orders", true, "aws.partner/example.com/1/orders"},
	} {
		if got := tc.text.Allows(tc.in); got != tc.allowed {
			t.Errorf("%s allows %q: %v, want %v", tc.text, tc.in, got, tc.allowed)
		}
		got, ok := tc.text.Nearest(tc.in)
		if tc.nearest == "" && ok {
			t.Errorf("nearest to %q under %s: %q, want none", tc.in, tc.text, got)
		}
		if tc.nearest != "" && (!ok || got != tc.nearest) {
			t.Errorf("nearest to %q under %s: %q (%v), want %q", tc.in, tc.text, got, ok, tc.nearest)
		}
	}
}
