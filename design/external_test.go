package design

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestExternalBlocksDecode(t *testing.T) {
	cat := Builtin()
	d, err := Decode([]byte(`{"format":"archlab/v1","title":"t","blocks":[
		{"id":"Bus","kind":"eventbridge-bus","external":{"ref":"!ImportValue shared-bus"}},
		{"id":"Jobs","kind":"external","external":{"service":"batch","ref":"arn:aws:batch:eu-west-1:123456789012:job-queue/jobs"}},
		{"id":"Rule","kind":"eventbridge-rule","props":{"EventPattern":{"source":["orders"]}}}],
		"connections":[{"from":"Bus","to":"Rule"},{"from":"Rule","to":"Jobs","evidence":[{"basis":"target"}]}]}`), cat)
	if err != nil {
		t.Fatal(err)
	}
	if d.Block("Bus").External == nil || d.Block("Rule").External != nil {
		t.Fatalf("external markers lost: %+v", d.Blocks)
	}
	if got := cat.ServiceOf(d.Block("Jobs")); got != "batch" {
		t.Errorf("ServiceOf(Jobs) = %q, want batch", got)
	}
	if got := cat.ServiceOf(d.Block("Bus")); got != "events" {
		t.Errorf("ServiceOf(Bus) = %q, want events (from the kind)", got)
	}
	// An external bus has no assumed name: AWS's default ("default")
	// belongs to buses of the design.
	if v, isDefault := cat.Value(d.Block("Bus"), "Name"); v != nil || isDefault {
		t.Errorf("Value of an external block's unset property = %v, %v; want nil, false", v, isDefault)
	}
	c := d.Clone()
	c.Block("Bus").External.Ref = "changed"
	if d.Block("Bus").External.Ref == "changed" {
		t.Error("Clone shares the external marker")
	}
}

func TestExternalBlocksRefused(t *testing.T) {
	cat := Builtin()
	for _, tc := range []struct{ doc, field string }{
		{`{"id":"X","kind":"external"}`, "blocks[0].external"},
		{`{"id":"X","kind":"sqs","external":{"service":"Not A Namespace"}}`, "blocks[0].external.service"},
		{`{"id":"X","kind":"sqs","external":{"ref":"` + strings.Repeat("a", MaxExternalRefLen+1) + `"}}`, "blocks[0].external.ref"},
		{`{"id":"X","kind":"sqs","external":{"ref":"!Ref Q","default":"` + strings.Repeat("a", MaxExternalRefLen+1) + `"}}`, "blocks[0].external.default"},
		{`{"id":"X","kind":"sqs","external":{"arn":"x"}}`, "blocks[0].external.arn"},
	} {
		_, err := Decode([]byte(`{"format":"archlab/v1","blocks":[`+tc.doc+`]}`), cat)
		if err == nil {
			t.Errorf("%s: decoded, want an error on %s", tc.doc, tc.field)
			continue
		}
		if got := ErrorField(err); got != tc.field {
			t.Errorf("%s: error on %q (%v), want %q", tc.doc, got, err, tc.field)
		}
	}
}

func TestEvidenceValidated(t *testing.T) {
	cat := Builtin()
	base := `{"format":"archlab/v1","blocks":[{"id":"Fn","kind":"lambda"},{"id":"Q","kind":"sqs"}],"connections":[{"from":"Fn","to":"Q","integration":"sdk","evidence":%s}]}`
	d, err := Decode([]byte(strings.Replace(base, "%s", `[{"basis":"iam","detail":"sqs:SendMessage"},{"basis":"environment","detail":"QUEUE_URL"}]`, 1)), cat)
	if err != nil {
		t.Fatal(err)
	}
	cn := &d.Connections[0]
	if !cn.Inferred() {
		t.Error("a connection resting on IAM and the environment is inferred")
	}
	if got, want := cn.Because(), "its role allows sqs:SendMessage; its environment names it (QUEUE_URL)"; got != want {
		t.Errorf("Because() = %q, want %q", got, want)
	}
	cn.AddEvidence(Evidence{Basis: BasisTarget})
	if cn.Inferred() || cn.Because() != "" {
		t.Error("a connection with declared evidence is not inferred")
	}
	if (&Connection{}).Inferred() {
		t.Error("a drawn connection (no evidence) is declared")
	}
	for _, bad := range []string{`[{"basis":"guess"}]`, `[{}]`, `[{"basis":"iam","detail":"` + strings.Repeat("x", MaxEvidenceDetail+1) + `"}]`} {
		_, err := Decode([]byte(strings.Replace(base, "%s", bad, 1)), cat)
		if err == nil || !strings.HasPrefix(ErrorField(err), "connections[0].evidence[0]") {
			t.Errorf("evidence %.40s: error %v on %q, want one on connections[0].evidence[0]", bad, err, ErrorField(err))
		}
	}
}

func TestExternalAndEvidenceOps(t *testing.T) {
	cat := Builtin()
	d, err := Decode([]byte(`{"format":"archlab/v1","blocks":[{"id":"Fn","kind":"lambda"},{"id":"Q","kind":"sqs","props":{"VisibilityTimeout":60}}],
		"connections":[{"id":"c1","from":"Fn","to":"Q","integration":"sdk","evidence":[{"basis":"iam","detail":"sqs:SendMessage"}]}]}`), cat)
	if err != nil {
		t.Fatal(err)
	}
	ops, err := DecodeOps([]byte(`[{"op":"updateBlock","id":"Q","external":{"ref":"arn:aws:sqs:eu-west-1:123456789012:orders"}},
		{"op":"updateConnection","id":"c1","evidence":[{"basis":"drawn"}]}]`), cat)
	if err != nil {
		t.Fatal(err)
	}
	next, change, err := Apply(d, ops, cat)
	if err != nil {
		t.Fatal(err)
	}
	if next.Block("Q").External == nil || next.Block("Q").Props["VisibilityTimeout"] != 60.0 {
		t.Errorf("the queue should be outside the design and keep what it knows: %+v", next.Block("Q"))
	}
	if next.Connection("c1").Inferred() {
		t.Error("the connection should be declared now")
	}
	for _, key := range []string{"block/Q/external", "conn/c1/evidence"} {
		if !slices.Contains(change.Writes, key) {
			t.Errorf("writes %v lack %s", change.Writes, key)
		}
	}
	summary := Compare(d, next).Summary(cat)
	for _, want := range []string{"Q: outside the design (arn:aws:sqs:eu-west-1:123456789012:orders)", "Fn → Q: declared"} {
		if !slices.Contains(summary, want) {
			t.Errorf("summary %q lacks %q", summary, want)
		}
	}
	back, _, err := Apply(next, change.Inverse, cat)
	if err != nil {
		t.Fatal(err)
	}
	if back.Block("Q").External != nil || !back.Connection("c1").Inferred() {
		t.Errorf("undo did not restore the block and the evidence: %+v %+v", back.Block("Q"), back.Connection("c1"))
	}
	// The external kind cannot be brought into the design: an empty marker
	// leaves it outside, its service and reference unknown, as when it is
	// added; undo gives the service back.
	d2, _ := Decode([]byte(`{"format":"archlab/v1","blocks":[{"id":"J","kind":"external","external":{"service":"batch"}}]}`), cat)
	cleared, change, err := Apply(d2, Ops{{Op: OpUpdateBlock, ID: "J", External: &External{}}}, cat)
	if err != nil {
		t.Fatalf("clearing the marker of an external-kind block: %v", err)
	}
	if got := cleared.Block("J").External; got == nil || *got != (External{}) {
		t.Fatalf("the cleared external-kind block's marker is %+v, want an empty one", got)
	}
	back, _, err = Apply(cleared, change.Inverse, cat)
	if err != nil || *back.Block("J").External != (External{Service: "batch"}) {
		t.Fatalf("undoing the clearing: %v, marker %+v", err, back.Block("J").External)
	}
	// Naming the service of a new one (added with an empty marker) undoes.
	named, change, err := Apply(cleared, Ops{{Op: OpUpdateBlock, ID: "J", External: &External{Service: "ssm"}}}, cat)
	if err != nil {
		t.Fatal(err)
	}
	if back, _, err = Apply(named, change.Inverse, cat); err != nil || *back.Block("J").External != (External{}) {
		t.Fatalf("undoing the naming of its service: %v", err)
	}
	if _, _, err := Apply(d, Ops{{Op: OpUpdateConnection, ID: "c1", Evidence: []Evidence{}}}, cat); err == nil {
		t.Error("an empty evidence list is refused")
	}
}

func TestActionAccess(t *testing.T) {
	cat := Builtin()
	for _, tc := range []struct {
		kind, action string
		want         Access
	}{
		{"sqs", "sqs:SendMessage", AccessWrite},
		{"sqs", "sqs:sendmessagebatch", AccessWrite},
		{"sqs", "sqs:SendMessage*", AccessWrite},
		{"sqs", "sqs:DeleteMessage", AccessRead},
		{"sqs", "sqs:ChangeMessageVisibility", AccessRead},
		{"sqs", "sqs:SetQueueAttributes", AccessControl},
		{"sqs", "sqs:*", AccessWrite},
		{"sqs", "*", AccessWrite},
		{"kinesis", "kinesis:PutRecord", AccessWrite},
		{"kinesis", "kinesis:Get*", AccessRead},
		{"s3", "s3:GetObject", AccessRead},
		{"s3", "s3:GetLifecycleConfiguration", AccessControl},
		{"s3", "s3:*Object", AccessWrite},
		{"dynamodb", "dynamodb:DescribeTable", AccessControl},
		{"dynamodb", "dynamodb:Query", AccessRead},
		{"rds", "rds:CreateDBSnapshot", AccessControl},
		{"rds", "rds:*", AccessControl},
		{"rds", "rds-db:connect", AccessWrite},
		{"rds", "rds-data:ExecuteStatement", AccessWrite},
		{"cognito", "cognito-idp:AdminAddUserToGroup", AccessControl},
		{"nope", "sqs:SendMessage", AccessControl},
		{"sqs", "not-an-action", AccessControl},
	} {
		if got := cat.ActionAccess(tc.kind, tc.action); got != tc.want {
			t.Errorf("ActionAccess(%s, %s) = %s, want %s", tc.kind, tc.action, got, tc.want)
		}
	}
}

func TestKindOfARN(t *testing.T) {
	cat := Builtin()
	for _, tc := range []struct{ arn, kind, name string }{
		{"arn:aws:sqs:eu-west-1:123456789012:orders.fifo", "sqs", "orders.fifo"},
		{"arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/clicks", "kinesis", "clicks"},
		{"arn:aws:dynamodb:eu-west-1:123456789012:table/Orders/stream/2026-01-01T00:00:00.000", "dynamodb", "Orders"},
		{"arn:aws:events:eu-west-1:123456789012:event-bus/shared", "eventbridge-bus", "shared"},
		{"arn:aws:events:eu-west-1:123456789012:rule/nightly", "eventbridge-rule", "nightly"},
		{"arn:aws:lambda:eu-west-1:123456789012:function:worker:live", "lambda", "worker"},
		{"arn:aws:states:eu-west-1:123456789012:stateMachine:Flow", "stepfunctions", "Flow"},
		{"arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_abc", "cognito", "eu-west-1_abc"},
		{"arn:aws:s3:::my-bucket", "s3", "my-bucket"},
		{"arn:aws:batch:eu-west-1:123456789012:job-queue/jobs", "", ""},
	} {
		a, ok := ParseARN(tc.arn)
		if !ok {
			t.Fatalf("ParseARN(%q) failed", tc.arn)
		}
		k, form := cat.KindOfARN(a)
		got := ""
		if k != nil {
			got = k.ID
		}
		if got != tc.kind {
			t.Errorf("KindOfARN(%s) = %q, want %q", tc.arn, got, tc.kind)
			continue
		}
		if k != nil && a.Name(form) != tc.name {
			t.Errorf("Name of %s = %q, want %q", tc.arn, a.Name(form), tc.name)
		}
	}
	if _, ok := ParseARN("not-an-arn"); ok {
		t.Error("ParseARN accepted a plain name")
	}
	for typ, want := range map[string]string{"AWS::Batch::JobQueue": "batch", "AWS::AmazonMQ::Broker": "mq", "AWS::MSK::Cluster": "kafka", "AWS::SSM::Parameter": "ssm", "Custom::Thing": ""} {
		if got := ServiceOfType(typ); got != want {
			t.Errorf("ServiceOfType(%s) = %q, want %q", typ, got, want)
		}
	}
}

func TestGlobMatch(t *testing.T) {
	for _, tc := range []struct {
		p, s string
		want bool
	}{
		{"*", "anything", true}, {"send*", "sendmessage", true}, {"send*", "receive", false},
		{"*object", "putobject", true}, {"get?bject", "getobject", true}, {"a*b*c", "axxbyyc", true},
		{"a*b*c", "axxbyy", false}, {"", "", true}, {"", "x", false},
		{"Send*", "sendMessage", true}, {"PUTITEM", "PutItem", true}, {"put[", "put{", false},
	} {
		if got := globMatch(tc.p, tc.s); got != tc.want {
			t.Errorf("globMatch(%q, %q) = %v, want %v", tc.p, tc.s, got, tc.want)
		}
	}
}

// ErrorField is the field an error names, "" when it is no *Error.
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

// A reference and an evidence detail are limited in characters, as people
// count them and as the importer clips them, not in bytes: the longest one
// of multi-byte characters is accepted, and a longer one is refused in
// characters.
func TestExternalLimitsCountCharacters(t *testing.T) {
	cat := Builtin()
	ref := "!ImportValue " + strings.Repeat("é", MaxExternalRefLen-len("!ImportValue "))
	detail := strings.Repeat("é", MaxEvidenceDetail)
	doc := func(ref, detail string) []byte {
		return []byte(`{"format":"archlab/v1","blocks":[{"id":"Fn","kind":"lambda"},{"id":"Q","kind":"sqs","external":{"ref":"` + ref + `"}}],
			"connections":[{"from":"Fn","to":"Q","integration":"sdk","evidence":[{"basis":"environment","detail":"` + detail + `"}]}]}`)
	}
	if _, err := Decode(doc(ref, detail), cat); err != nil {
		t.Fatalf("a reference of %d characters and a detail of %d: %v", MaxExternalRefLen, MaxEvidenceDetail, err)
	}
	for _, tc := range []struct{ ref, detail, field, msg string }{
		{ref + "é", detail, "blocks[1].external.ref", "is 2049 characters long; at most 2048"},
		{ref, detail + "é", "connections[0].evidence[0].detail", "is 1025 characters long; at most 1024"},
	} {
		_, err := Decode(doc(tc.ref, tc.detail), cat)
		if ErrorField(err) != tc.field || !strings.Contains(ErrorMessage(err), tc.msg) {
			t.Errorf("error %v, want one on %s saying %q", err, tc.field, tc.msg)
		}
	}
}
