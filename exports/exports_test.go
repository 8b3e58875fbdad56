package exports

import (
	"context"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/iac"
	"github.com/archlab/archlab/rules"
)

const orders = `{"format":"archlab/v1","title":"Orders <&> co","blocks":[
	{"id":"Jobs","kind":"sqs","x":40,"y":40,"props":{"VisibilityTimeout":10}},
	{"id":"Worker","kind":"lambda","x":300,"y":40,"props":{"Timeout":60}}],
	"connections":[{"id":"c1","from":"Jobs","to":"Worker"}]}`

func TestEveryFormatRenders(t *testing.T) {
	cat := design.Builtin()
	d, err := design.Decode([]byte(orders), cat)
	if err != nil {
		t.Fatal(err)
	}
	reg := rules.Default(cat)
	for _, f := range Formats {
		out, err := Render(context.Background(), f, d, cat, reg)
		if err != nil || len(out) == 0 {
			t.Fatalf("%s: %v", f.Name, err)
		}
		switch f.Name {
		case "svg":
			// A file of its own: well-formed XML, with its icons and styles.
			dec := xml.NewDecoder(strings.NewReader(string(out)))
			for {
				if _, err := dec.Token(); err != nil {
					if err.Error() != "EOF" {
						t.Fatalf("the SVG is not well-formed: %v", err)
					}
					break
				}
			}
			for _, want := range []string{`<symbol id="icon-lambda"`, "<style>", ".block-body", `data-block-id="Worker"`, "badge"} {
				if !strings.Contains(string(out), want) {
					t.Errorf("the SVG lacks %s", want)
				}
			}
		case "json":
			if _, err := design.Decode(out, cat); err != nil {
				t.Errorf("the JSON export does not decode: %v", err)
			}
		case "mermaid":
			if !strings.HasPrefix(string(out), "flowchart") || !strings.Contains(string(out), "Jobs") {
				t.Errorf("mermaid:\n%s", out)
			}
		case "sam":
			if !strings.Contains(string(out), "AWS::Serverless") && !strings.Contains(string(out), "Transform") {
				t.Errorf("sam:\n%s", out)
			}
		case "cloudformation":
			for _, want := range []string{"AWS::Lambda::Function", "AWS::Lambda::EventSourceMapping", "WorkerRole"} {
				if !strings.Contains(string(out), want) {
					t.Errorf("the CloudFormation export lacks %s:\n%s", want, out)
				}
			}
			if strings.Contains(string(out), "AWS::Serverless") {
				t.Errorf("the CloudFormation export has SAM left:\n%s", out)
			}
		}
	}
	if _, ok := Lookup("pdf"); ok {
		t.Error("pdf is not a format")
	}
}

// A CloudFormation export of what it cannot translate is an invalid
// request naming the feature, not a failure.
func TestCloudFormationRefusalIsInvalid(t *testing.T) {
	cat := design.Builtin()
	imp, err := iac.Import([]byte(`Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: s3://bucket/code.zip
      AutoPublishAlias: live
      DeploymentPreference:
        Type: Canary10Percent5Minutes
`), "t.yaml", cat)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := Lookup("cloudformation")
	_, _, err = RenderWithNotes(context.Background(), f, imp.Design, cat, rules.Default(cat))
	if design.ErrorCode(err) != design.EINVALID || !strings.Contains(design.ErrorMessage(err), "DeploymentPreference") || !strings.Contains(design.ErrorMessage(err), "Fn") {
		t.Errorf("the refusal is %q (%s)", design.ErrorMessage(err), design.ErrorCode(err))
	}
}

// A long name goes into the SVG and PNG whole, on two lines, never cut.
func TestLongNamesExportWhole(t *testing.T) {
	cat := design.Builtin()
	d, err := design.Decode([]byte(`{"format":"archlab/v1","title":"Names","blocks":[
		{"id":"Sender","kind":"lambda","name":"OrderConfirmationEmailSender","x":40,"y":40}]}`), cat)
	if err != nil {
		t.Fatal(err)
	}
	svg, err := SVG(context.Background(), d, cat, nil)
	if err != nil {
		t.Fatal(err)
	}
	s := string(svg)
	for _, line := range []string{">OrderConfirmation</text>", ">EmailSender</text>"} {
		if !strings.Contains(s, line) {
			t.Fatalf("the SVG lacks the name line %s", line)
		}
	}
	if strings.Contains(s, "OrderConfirm…") || strings.Contains(s, "OrderConfirmati…") {
		t.Fatal("the SVG cuts the name")
	}
	if _, err := PNG(context.Background(), d, cat, nil); err != nil {
		t.Fatal(err)
	}
}
