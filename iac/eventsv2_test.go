package iac

import (
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
)

// A subscriber delivers with one role, even when a block of the design
// already has the role's name: its target and dead-letter queue are both
// granted on the role its RoleArn names.
func TestExportDeliveryRoleOnce(t *testing.T) {
	cat := design.Builtin()
	d, err := design.Decode([]byte(`{"format":"archlab/v1","title":"Roles","blocks":[
		{"id":"Bus","kind":"eventbridge-custom-bus","props":{"Name":"orders"}},
		{"id":"Search","kind":"eventbridge-subscriber","props":{"Name":"search"}},
		{"id":"Jobs","kind":"sqs"},{"id":"Dlq","kind":"sqs"},
		{"id":"SearchDeliveryRole","kind":"sqs"}],
		"connections":[{"from":"Bus","to":"Search"},{"from":"Search","to":"Jobs","integration":"target"},
		{"from":"Search","to":"Dlq","integration":"dead-letter"}]}`), cat)
	if err != nil {
		t.Fatal(err)
	}
	x, _, err := exportSAM(d, cat)
	if err != nil {
		t.Fatal(err)
	}
	var roles []string
	for _, id := range x.resources.keys {
		if r := x.resources.get(id).(*outRes); r.typ == "AWS::IAM::Role" && strings.HasPrefix(id, "SearchDeliveryRole") {
			roles = append(roles, id)
		}
	}
	if len(roles) != 1 {
		t.Fatalf("the subscriber has delivery roles %v, want one", roles)
	}
	sub := x.out["Search"].props
	if got := sub.child("InvokeConfiguration").get("RoleArn"); got != getAtt(roles[0], "Arn") {
		t.Errorf("RoleArn is %v, want the role %s", got, roles[0])
	}
	doc := x.out[roles[0]].props.get("Policies").([]any)[0].(*omap).child("PolicyDocument")
	var granted []any
	for _, st := range doc.get("Statement").([]any) {
		granted = append(granted, st.(*omap).get("Resource"))
	}
	if want := []any{getAtt("Jobs", "Arn"), getAtt("Dlq", "Arn")}; len(granted) != 2 || granted[0] != want[0] || granted[1] != want[1] {
		t.Errorf("the role grants on %v, want %v", granted, want)
	}
}
