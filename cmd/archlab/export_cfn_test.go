package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// `archlab export --format cloudformation` writes the template without the
// SAM transform, says on standard error that local code needs packaging,
// and refuses what it cannot translate by name with exit 1.
func TestExportCloudFormation(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"template.yaml": `Transform: AWS::Serverless-2016-10-31
Resources:
  Jobs:
    Type: AWS::SQS::Queue
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/worker/
      Handler: app.handler
      Runtime: python3.13
      Events:
        FromJobs:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
            BatchSize: 5
`,
		"canary.yaml": `Transform: AWS::Serverless-2016-10-31
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://bucket/worker.zip
      Handler: app.handler
      Runtime: python3.13
      AutoPublishAlias: live
      DeploymentPreference:
        Type: AllAtOnce
`,
	})
	for _, tc := range []struct {
		file     string
		code     int
		stdout   []string
		stderr   string
		notInOut string
	}{
		{"template.yaml", 0, []string{"Type: AWS::Lambda::Function", "Code: src/worker/", "FunctionName: !Ref Worker", "BatchSize: 5", "WorkerRole:"}, "aws cloudformation package", "Transform"},
		{"canary.yaml", 1, nil, "Worker (DeploymentPreference)", ""},
	} {
		var out, errOut bytes.Buffer
		code := run(context.Background(), []string{"export", "--format", "cloudformation", dir + "/" + tc.file}, nil, &out, &errOut, func(string) string { return "" })
		if code != tc.code || !strings.Contains(errOut.String(), tc.stderr) {
			t.Errorf("%s: exit %d, want %d; stderr: %s", tc.file, code, tc.code, errOut.String())
		}
		for _, want := range tc.stdout {
			if !strings.Contains(out.String(), want) {
				t.Errorf("%s: the export lacks %q:\n%s", tc.file, want, out.String())
			}
		}
		if tc.notInOut != "" && strings.Contains(out.String(), tc.notInOut) {
			t.Errorf("%s: the export has %q:\n%s", tc.file, tc.notInOut, out.String())
		}
	}
}
