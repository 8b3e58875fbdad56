package main

import (
	"encoding/json"
	"math"
	"slices"
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
	if code, _, errOut := runLint(t, "--capacity", "--format", "sarif", dir+"/template.yaml"); code != 2 || !strings.Contains(errOut, "SARIF") {
		t.Errorf("--capacity with sarif: exit %d, %s", code, errOut)
	}
}

// With --format json, --capacity makes the output an object: the findings
// as the array would have them, and each file's figures as the API gives
// them. 200 invocations/s × 0.3 s = 60 concurrent executions at peak, 60 /
// 40 reserved = 1.5. Without --capacity the output stays the array.
func TestLintCapacityJSON(t *testing.T) {
	dir := writeFiles(t, map[string]string{"template.yaml": trafficTemplate, "traffic.json": `{"assumptions":{"Fn":{"durationMs":300}}}`})
	code, out, errOut := runLint(t, "--capacity", "--format", "json", "--traffic", dir+"/traffic.json", dir+"/template.yaml")
	if code != 0 {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	var got struct {
		Findings []struct{ Rule, File string } `json:"findings"`
		Capacity []struct {
			File   string `json:"file"`
			Blocks []struct {
				ID          string                  `json:"id"`
				Concurrency struct{ Peak float64 }  `json:"concurrency"`
				Utilisation float64                 `json:"utilisation"`
				Limit       struct{ Value float64 } `json:"limit"`
			} `json:"blocks"`
			MonthlyCost float64                        `json:"monthlyCost"`
			Prices      struct{ Region, Date string }  `json:"prices"`
			Estimate    bool                           `json:"estimate"`
			Assumptions []struct{ Block, Name string } `json:"assumptions"`
		} `json:"capacity"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not the JSON object: %v\n%s", err, out)
	}
	if !slices.ContainsFunc(got.Findings, func(f struct{ Rule, File string }) bool { return f.Rule == "capacity-throttled" }) {
		t.Errorf("findings lack capacity-throttled: %+v", got.Findings)
	}
	if len(got.Capacity) != 1 || !strings.HasSuffix(got.Capacity[0].File, "template.yaml") {
		t.Fatalf("capacity = %+v, want one entry for template.yaml", got.Capacity)
	}
	c := got.Capacity[0]
	if len(c.Blocks) == 0 || c.Blocks[0].ID != "Fn" || math.Abs(c.Blocks[0].Concurrency.Peak-60) > 1e-9 ||
		c.Blocks[0].Limit.Value != 40 || math.Abs(c.Blocks[0].Utilisation-1.5) > 1e-9 {
		t.Errorf("Fn's figures = %+v, want 60 concurrent at peak against 40 reserved (1.5)", c.Blocks)
	}
	if c.MonthlyCost <= 0 || c.Prices.Region != "us-east-1" || c.Prices.Date == "" || !c.Estimate || len(c.Assumptions) == 0 {
		t.Errorf("cost, prices, estimate or assumptions missing: %+v", c)
	}
	code, out, _ = runLint(t, "--format", "json", dir+"/template.yaml")
	if code != 0 || !strings.HasPrefix(strings.TrimSpace(out), "[") {
		t.Errorf("without --capacity: exit %d, want the array:\n%s", code, out)
	}
}
