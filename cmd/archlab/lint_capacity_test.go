package main

import (
	"strings"
	"testing"
)

const trafficTemplate = `Metadata:
  archlab:
    traffic:
      Fn: {averagePerSecond: 50, peakPerSecond: 200}
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: {Runtime: python3.12, Handler: a.b, CodeUri: ., MemorySize: 256, Timeout: 10, ReservedConcurrentExecutions: 40}
`

// The template's Metadata gives the traffic; the side file a duration.
// 200 invocations/s × 0.3 s = 60 concurrent executions at peak, 150% of
// the 40 reserved: the figures print, and the finding is a warning.
func TestLintCapacityFromMetadataAndSideFile(t *testing.T) {
	dir := writeFiles(t, map[string]string{"template.yaml": trafficTemplate, "traffic.json": `{"assumptions":{"Fn":{"durationMs":300}}}`})
	code, out, errOut := runLint(t, "--capacity", "--traffic", dir+"/traffic.json", dir+"/template.yaml")
	if code != 0 {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	for _, want := range []string{"warning capacity-throttled Fn", "Capacity and cost of", "us-east-1", "150% of reserved concurrency", "durationMs = 300 (given)", "free tiers not subtracted"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if code, _, errOut := runLint(t, "--traffic", dir+"/template.yaml", dir+"/template.yaml"); code != 2 || !strings.Contains(errOut, "--traffic") {
		t.Errorf("a bad side file: exit %d, %s", code, errOut)
	}
	if code, _, errOut := runLint(t, "--capacity", "--format", "json", dir+"/template.yaml"); code != 2 || !strings.Contains(errOut, "text format") {
		t.Errorf("--capacity with json: exit %d, %s", code, errOut)
	}
}
