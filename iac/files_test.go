package iac

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/archlab/archlab/design"
)

// project is a folder of a SAM application that keeps its state machine,
// its OpenAPI document and a nested stack in files of their own.
func project() fstest.MapFS {
	return fstest.MapFS{
		"template.yaml": {Data: []byte(`Transform: AWS::Serverless-2016-10-31
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Timeout: 30
      Policies:
        - SQSSendMessagePolicy:
            QueueName: !GetAtt Orders.Outputs.QueueName
  Machine:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: statemachine/machine.asl.yaml
      DefinitionSubstitutions:
        WorkerArn: !GetAtt Worker.Arn
        StateType: Task
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionUri: api/openapi.yaml
  Orders:
    Type: AWS::Serverless::Application
    Properties:
      Location: orders/template.yaml
      Parameters:
        ConsumerArn: !GetAtt Worker.Arn
`)},
		"statemachine/machine.asl.yaml": {Data: []byte(`StartAt: Work
States:
  Work:
    Type: ${StateType}
    Resource: arn:aws:states:::lambda:invoke
    Parameters:
      FunctionName: ${WorkerArn}
    End: true
`)},
		"api/openapi.yaml": {Data: []byte(`openapi: 3.0.1
paths:
  /orders:
    post:
      security: [{Users: []}]
      x-amazon-apigateway-integration:
        type: aws_proxy
        httpMethod: POST
        uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Worker.Arn}/invocations
components:
  securitySchemes:
    Users:
      type: apiKey
      name: Authorization
      in: header
      x-amazon-apigateway-authtype: cognito_user_pools
      x-amazon-apigateway-authorizer:
        type: cognito_user_pools
        providerARNs: [arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_abc]
`)},
		"orders/template.yaml": {Data: []byte(`Parameters:
  ConsumerArn:
    Type: String
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 10
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Queue.Arn
      FunctionName: !Ref ConsumerArn
Outputs:
  QueueName:
    Value: !GetAtt Queue.QueueName
`)},
	}
}

func mustImportFS(tb testing.TB, fsys fstest.MapFS, p string) *Imported {
	tb.Helper()
	imp, err := ImportFS(fsys, p, design.Builtin())
	if err != nil {
		tb.Fatalf("ImportFS(%s): %v", p, err)
	}
	return imp
}

func hasConn(d *design.Design, from, to, integ string) bool {
	return slices.ContainsFunc(d.Connections, func(c design.Connection) bool {
		return c.From == from && c.To == to && c.Integration == integ
	})
}

func TestImportFSReadsWhatTheTemplatePointsAt(t *testing.T) {
	imp := mustImportFS(t, project(), "template.yaml")
	d := imp.Design
	if want := []string{"template.yaml", "statemachine/machine.asl.yaml", "api/openapi.yaml", "orders/template.yaml"}; !slices.Equal(imp.Files, want) {
		t.Errorf("Files = %v, want %v", imp.Files, want)
	}
	for _, tc := range []struct{ name, from, to, integ string }{
		{"the ASL file's task, with its substitutions applied", "Machine", "Worker", "task"},
		{"the OpenAPI file's integration", "Api", "Worker", "invoke"},
		{"the nested stack's queue to the parent's function it is given", "Orders_Queue", "Worker", "event-source-mapping"},
		{"the parent's function to the queue a stack output names", "Worker", "Orders_Queue", "sdk"},
	} {
		if !hasConn(d, tc.from, tc.to, tc.integ) {
			t.Errorf("%s: no %s connection %s → %s in %+v", tc.name, tc.integ, tc.from, tc.to, d.Connections)
		}
	}
	def, _ := d.Block("Machine").Props["Definition"].(map[string]any)
	if typ := def["States"].(map[string]any)["Work"].(map[string]any)["Type"]; typ != "Task" {
		t.Errorf("the definition's ${StateType} became %v, want Task", typ)
	}
	if _, ok := d.Block("Api").Props["DefinitionUri"]; ok {
		t.Errorf("the API keeps DefinitionUri although its document was read: %v", d.Block("Api").Props)
	}
	var auth any
	for _, c := range d.Connections {
		if c.From == "Api" && c.To == "Worker" {
			auth = c.Props["AuthorizationType"]
		}
	}
	if !design.Equal(auth, []any{"COGNITO_USER_POOLS"}) {
		t.Errorf("the route's authorization from the OpenAPI file = %v, want [COGNITO_USER_POOLS]", auth)
	}
	for id, want := range map[string]Location{
		"Orders_Queue": {Line: 5, Column: 3, File: "orders/template.yaml"},
		"Worker":       {Line: 3, Column: 3, File: "template.yaml"},
	} {
		if got := imp.Locations[id]; got != want {
			t.Errorf("Locations[%s] = %+v, want %+v", id, got, want)
		}
	}
	for _, n := range imp.Notes {
		if strings.Contains(n.Message, "separate file") || strings.Contains(n.Message, "AWS::Serverless::Application") {
			t.Errorf("a file that was read is still noted: %v", n)
		}
	}
	if len(imp.Problems) > 0 {
		t.Errorf("problems: %v", imp.Problems)
	}
}

func TestImportWithoutAFolderNotesTheFiles(t *testing.T) {
	imp := mustImport(t, string(project()["template.yaml"].Data))
	var notes []string
	for _, n := range imp.Notes {
		notes = append(notes, n.String())
	}
	all := strings.Join(notes, "\n")
	for _, want := range []string{
		"lint the template's folder (archlab lint DIR) or import it with its files to read statemachine/machine.asl.yaml",
		"lint the template's folder (archlab lint DIR) or import it with its files to read api/openapi.yaml",
		"Orders: the nested stack's template orders/template.yaml is a separate file",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("notes do not say %q:\n%s", want, all)
		}
	}
	if imp.Design.Block("Orders_Queue") != nil || len(imp.Files) != 0 {
		t.Errorf("Import read the nested stack: files %v", imp.Files)
	}
}

func TestImportFSIncludes(t *testing.T) {
	fsys := fstest.MapFS{
		"template.yaml": {Data: []byte(`Transform: AWS::Serverless-2016-10-31
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties: {Runtime: python3.12, Handler: app.handler}
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        Fn::Transform:
          Name: AWS::Include
          Parameters:
            Location: openapi.json
`)},
		"openapi.json": {Data: []byte(`{"swagger": "2.0", "paths": {"/orders": {"post": {"x-amazon-apigateway-integration": {
  "type": "aws_proxy", "httpMethod": "POST",
  "uri": {"Fn::Sub": "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Worker.Arn}/invocations"}}}}},
  "x-amazon-apigateway-policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*"}]}}`)},
	}
	imp := mustImportFS(t, fsys, "template.yaml")
	if !hasConn(imp.Design, "Api", "Worker", "invoke") {
		t.Errorf("the included document's integration is missing: %+v", imp.Design.Connections)
	}
	if imp.Design.Block("Api").Props["Policy"] == nil {
		t.Errorf("the included document's resource policy is missing: %v", imp.Design.Block("Api").Props)
	}
	if loc := imp.Locations["Api-Worker"]; loc.File != "openapi.json" || loc.Line != 1 {
		t.Errorf("the integration is located at %+v, want in openapi.json", loc)
	}
}

// TestImportFSBadReferences: each bad reference is reported at the line
// that names it, never a failure of the import.
func TestImportFSBadReferences(t *testing.T) {
	machine := func(uri string) string {
		return "Resources:\n  Machine:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: " + uri + "\n"
	}
	stack := func(loc string) string {
		return "Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: " + loc + "\n  Q:\n    Type: AWS::SQS::Queue\n"
	}
	huge := "openapi: 3.0.1\n#" + strings.Repeat("x", MaxTemplateSize) + "\n"
	for _, tc := range []struct {
		name  string
		fsys  fstest.MapFS
		rule  string // the problem's rule, or "" for a note
		file  string
		line  int
		words string
	}{
		{"missing file", fstest.MapFS{"t.yaml": {Data: []byte(machine("sm/gone.json"))}}, RuleTemplateReference, "t.yaml", 5, "sm/gone.json, which is not there"},
		{"path escape", fstest.MapFS{"app/t.yaml": {Data: []byte(machine("../../etc/passwd"))}}, "", "app/t.yaml", 5, "outside the folder"},
		{"absolute path", fstest.MapFS{"t.yaml": {Data: []byte(machine("/etc/passwd"))}}, "", "t.yaml", 5, "outside the folder"},
		{"a folder", fstest.MapFS{"t.yaml": {Data: []byte(machine("sm"))}, "sm/a.json": {Data: []byte("{}")}}, "", "t.yaml", 5, "is a folder"},
		{"malformed definition", fstest.MapFS{"t.yaml": {Data: []byte(machine("sm.json"))}, "sm.json": {Data: []byte("{\n  \"StartAt\": \"A\",,\n}")}}, RuleTemplateMalformed, "sm.json", 2, "does not parse"},
		{"10 MB OpenAPI body", fstest.MapFS{
			"t.yaml":       {Data: []byte("Resources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      DefinitionUri: openapi.yaml\n")},
			"openapi.yaml": {Data: []byte(huge)}}, "", "t.yaml", 5, "larger than archlab reads"},
		{"a stack that nests itself", fstest.MapFS{"t.yaml": {Data: []byte(stack("t.yaml"))}}, RuleTemplateReference, "t.yaml", 5, "t.yaml → t.yaml"},
		{"stacks that nest each other", fstest.MapFS{"a.yaml": {Data: []byte(stack("b.yaml"))}, "b.yaml": {Data: []byte(stack("a.yaml"))}}, RuleTemplateReference, "b.yaml", 5, "a.yaml → b.yaml → a.yaml"},
		{"a nested template without resources", fstest.MapFS{"t.yaml": {Data: []byte(stack("c.yaml"))}, "c.yaml": {Data: []byte("Outputs: {}\n")}}, RuleTemplateInvalid, "t.yaml", 5, "no template CloudFormation can nest"},
		{"a missing include", fstest.MapFS{"t.yaml": {Data: []byte("Resources:\n  Fn::Transform:\n    Name: AWS::Include\n    Parameters: {Location: more.yaml}\n  Q:\n    Type: AWS::SQS::Queue\n")}}, RuleTemplateReference, "t.yaml", 2, "more.yaml, which is not there"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := "t.yaml"
			for name := range tc.fsys {
				if strings.HasSuffix(name, "t.yaml") || name == "a.yaml" {
					p = name
				}
			}
			imp, err := ImportFS(tc.fsys, p, design.Builtin())
			if err != nil {
				t.Fatalf("ImportFS: %v", err)
			}
			list := imp.Notes
			if tc.rule != "" {
				list = imp.Problems
			}
			for _, n := range list {
				if n.Rule == tc.rule && n.File == tc.file && n.Line == tc.line && strings.Contains(n.Message, tc.words) {
					return
				}
			}
			t.Fatalf("want a %q at %s line %d saying %q; problems %v, notes %v", tc.rule, tc.file, tc.line, tc.words, imp.Problems, imp.Notes)
		})
	}
}

func TestImportFSBoundsTheFilesRead(t *testing.T) {
	// A chain of stacks each nesting the next: reading stops at MaxNesting.
	fsys := fstest.MapFS{}
	for i := range 20 {
		fsys[name(i)] = &fstest.MapFile{Data: []byte("Resources:\n  Next:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: " + name(i+1) + "\n  Q:\n    Type: AWS::SQS::Queue\n")}
	}
	imp := mustImportFS(t, fsys, name(0))
	if len(imp.Files) != MaxNesting+1 {
		t.Errorf("read %d files, want %d: %v", len(imp.Files), MaxNesting+1, imp.Files)
	}
	// Many stacks side by side: reading stops at MaxImportFiles.
	var b strings.Builder
	b.WriteString("Resources:\n")
	fsys = fstest.MapFS{"child.yaml": {Data: []byte("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n")}}
	for i := range MaxImportFiles + 10 {
		b.WriteString("  S" + strings.Repeat("x", i) + ":\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: " + name(i) + "\n")
		fsys[name(i)] = &fstest.MapFile{Data: []byte("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n")}
	}
	fsys["main.yaml"] = &fstest.MapFile{Data: []byte(b.String())}
	imp = mustImportFS(t, fsys, "main.yaml")
	if len(imp.Files) != MaxImportFiles {
		t.Errorf("read %d files, want %d", len(imp.Files), MaxImportFiles)
	}
	if !slices.ContainsFunc(imp.Notes, func(n Note) bool { return strings.Contains(n.Message, "at most 100 files") }) {
		t.Errorf("no note says files were left unread")
	}
}

func name(i int) string { return "s" + strings.Repeat("i", i) + ".yaml" }

func TestImportFSTemplateErrors(t *testing.T) {
	fsys := fstest.MapFS{"bad.yaml": {Data: []byte("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n  Q:\n    Type: AWS::SNS::Topic\n")}}
	_, err := ImportFS(fsys, "bad.yaml", design.Builtin())
	var se *SyntaxError
	if !errors.As(err, &se) || se.File != "bad.yaml" || se.Line != 4 || design.ErrorCode(err) != design.EMALFORMED {
		t.Fatalf("err = %v (%+v), want a SyntaxError at bad.yaml line 4 that is EMALFORMED", err, se)
	}
	if _, err := ImportFS(fsys, "gone.yaml", design.Builtin()); design.ErrorCode(err) != design.ENOTFOUND {
		t.Errorf("a missing template: %v, want ENOTFOUND", err)
	}
	if _, err := ImportFS(fsys, "../bad.yaml", design.Builtin()); design.ErrorCode(err) != design.EINVALID {
		t.Errorf("a path out of the folder: %v, want EINVALID", err)
	}
}

func TestImportFSCDKNestedStackAsset(t *testing.T) {
	fsys := fstest.MapFS{
		"App.template.json": {Data: []byte(`{"Resources": {
  "Fn9270CBC0": {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "nodejs22.x", "Handler": "index.handler"},
    "Metadata": {"aws:cdk:path": "App/Fn/Resource", "aws:asset:path": "asset.123", "aws:asset:property": "Code"}},
  "NestedNestedStackResource1A2B": {"Type": "AWS::CloudFormation::Stack",
    "Properties": {"TemplateURL": {"Fn::Join": ["", ["https://s3.", {"Ref": "AWS::URLSuffix"}, "/bucket/abc.json"]]}},
    "Metadata": {"aws:cdk:path": "App/Nested.NestedStack/Nested.NestedStackResource", "aws:asset:path": "AppNested1A2B.nested.template.json", "aws:asset:property": "TemplateURL"}},
  "CDKMetadata": {"Type": "AWS::CDK::Metadata", "Properties": {"Analytics": "v2:deflate64:abc"}, "Metadata": {"aws:cdk:path": "App/CDKMetadata/Default"}}}}`)},
		"AppNested1A2B.nested.template.json": {Data: []byte(`{"Resources": {"Queue4A7E3555": {"Type": "AWS::SQS::Queue", "Metadata": {"aws:cdk:path": "App/Nested/Queue/Resource"}}}}`)},
	}
	imp := mustImportFS(t, fsys, "App.template.json")
	if imp.Design.Block("NestedNestedStackResource1A2B_Queue4A7E3555") == nil {
		t.Errorf("the nested stack's queue is missing: %v", imp.Design.Blocks)
	}
	if got := imp.ConstructPaths["Fn9270CBC0"]; got != "App/Fn" {
		t.Errorf("construct path = %q, want App/Fn", got)
	}
	for _, n := range imp.Notes {
		if strings.Contains(n.Message, "CDK") || strings.Contains(n.Message, "asset") {
			t.Errorf("CDK bookkeeping is noted: %v", n)
		}
	}
}
