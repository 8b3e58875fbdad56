package iac

import (
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
)

const trafficDesign = `{"format":"archlab/v1","title":"Busy","blocks":[
  {"id":"Api","kind":"apigateway-http"},
  {"id":"Worker","kind":"lambda","props":{"Timeout":10}}],
 "connections":[{"id":"c1","from":"Api","to":"Worker","integration":"invoke"}],
 "traffic":{"Api":{"averagePerSecond":100,"peakPerSecond":500,"payloadBytes":2048}},
 "assumptions":{"Worker":{"durationMs":200,"failureRate":0.01}}}`

// Traffic and assumptions are no CloudFormation: they travel only in the
// template's archlab metadata and come back on import.
func TestTrafficRoundTripsThroughMetadataOnly(t *testing.T) {
	cat := design.Builtin()
	d, err := design.Decode([]byte(trafficDesign), cat)
	if err != nil {
		t.Fatal(err)
	}
	out, err := SAM(d, cat)
	if err != nil {
		t.Fatal(err)
	}
	res := string(out)[strings.Index(string(out), "Resources:"):]
	if strings.Contains(res, "peakPerSecond") || strings.Contains(res, "durationMs") {
		t.Fatalf("traffic leaked into the resources:\n%s", out)
	}
	imp, err := Import(out, d.Title, cat)
	if err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	if got, want := jsonOf(imp.Design.Traffic), jsonOf(d.Traffic); got != want {
		t.Fatalf("traffic after the round trip:\n got %s\nwant %s\n%s", got, want, out)
	}
	if got, want := jsonOf(imp.Design.Assumptions), jsonOf(d.Assumptions); got != want {
		t.Fatalf("assumptions after the round trip:\n got %s\nwant %s", got, want)
	}
}

// Traffic in metadata for a block the template lacks, or out of bounds,
// is noted and left out; the template still imports.
func TestBadTrafficInMetadataIsNoted(t *testing.T) {
	imp, err := Import([]byte(`Metadata:
  archlab:
    traffic:
      Gone: {averagePerSecond: 5}
      Fn: {averagePerSecond: 10, peakPerSecond: 1}
Resources:
  Fn: {Type: AWS::Serverless::Function, Properties: {Runtime: python3.12, Handler: a.b, CodeUri: .}}
`), "t", design.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	if imp.Design.Traffic != nil || len(imp.Notes) < 2 {
		t.Fatalf("traffic %v, notes %v", imp.Design.Traffic, imp.Notes)
	}
}
