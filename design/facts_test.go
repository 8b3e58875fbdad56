package design

import "testing"

func TestFactsLoad(t *testing.T) {
	fs := Facts()
	if len(fs) == 0 {
		t.Fatal("no facts")
	}
	for _, f := range fs {
		if got := FactOf(f.ID); got != f {
			t.Errorf("FactOf(%s) = %+v, want %+v", f.ID, got, f)
		}
	}
	if got := FactOf("sqs.fifo-api-calls-per-second").Text(); got != "300 calls/s" {
		t.Errorf("Text() = %q", got)
	}
}
