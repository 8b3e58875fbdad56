package iac

import (
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
)

const groupedDesign = `{"format":"archlab/v1","title":"Grouped","blocks":[
  {"id":"Api","kind":"apigateway-http"},
  {"id":"Worker","kind":"lambda","props":{"Timeout":10}},
  {"id":"Orders","kind":"dynamodb"}],
 "connections":[{"id":"c1","from":"Api","to":"Worker","integration":"invoke"},{"id":"c2","from":"Worker","to":"Orders","integration":"sdk"}],
 "groups":[{"id":"Team","kind":"context","name":"Orders team","blocks":["Api"]},
  {"id":"Prod","kind":"account","name":"Production","blocks":[]},
  {"id":"Main","kind":"vpc","name":"Main VPC","parent":"Prod","blocks":[]},
  {"id":"Private","kind":"subnet","name":"Private","parent":"Main","blocks":["Worker"]}]}`

// Groups travel in the template's archlab metadata and come back on
// import; membership of a VPC alone writes no VpcConfig (the drawing has
// no subnet ids or security groups to write).
func TestGroupsRoundTripThroughSAM(t *testing.T) {
	cat := design.Builtin()
	d, err := design.Decode([]byte(groupedDesign), cat)
	if err != nil {
		t.Fatal(err)
	}
	out, err := SAM(d, cat)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "VpcConfig") {
		t.Fatalf("the export invented a VpcConfig:\n%s", out)
	}
	imp, err := Import(out, d.Title, cat)
	if err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	if got, want := jsonOf(imp.Design.Groups), jsonOf(d.Groups); got != want {
		t.Fatalf("groups after the round trip:\n got %s\nwant %s\n%s", got, want, out)
	}
	if len(imp.Notes) > 0 {
		t.Fatalf("notes: %v", imp.Notes)
	}
}

// Groups in metadata that do not fit (edited by hand) are noted and left
// out; the template still imports, and missing members are dropped.
func TestBadGroupsInMetadataAreNoted(t *testing.T) {
	cat := design.Builtin()
	imp, err := Import([]byte(`Metadata:
  archlab:
    groups:
      - {id: S, kind: subnet, blocks: [Fn]}
Resources:
  Fn: {Type: AWS::Serverless::Function, Properties: {Runtime: python3.12, Handler: a.b, CodeUri: .}}
`), "t", cat)
	if err != nil {
		t.Fatal(err)
	}
	if len(imp.Design.Groups) != 0 || len(imp.Notes) != 1 || !strings.Contains(imp.Notes[0].Message, "inside a VPC") {
		t.Fatalf("groups %v, notes %v", imp.Design.Groups, imp.Notes)
	}
	imp, err = Import([]byte(`Metadata:
  archlab:
    groups:
      - {id: V, kind: vpc, name: Main, blocks: [Fn, Gone]}
Resources:
  Fn: {Type: AWS::Serverless::Function, Properties: {Runtime: python3.12, Handler: a.b, CodeUri: .}}
`), "t", cat)
	if err != nil {
		t.Fatal(err)
	}
	if len(imp.Design.Groups) != 1 || jsonOf(imp.Design.Groups[0].Blocks) != `["Fn"]` {
		t.Fatalf("groups %+v", imp.Design.Groups)
	}
}

func TestMermaidSubgraphsForGroups(t *testing.T) {
	d, err := design.Decode([]byte(groupedDesign), design.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	got := Mermaid(d)
	for _, want := range []string{
		`subgraph grp0["Context: Orders team"]`,
		`subgraph grp1["Account: Production"]`,
		`    subgraph grp2["VPC: Main VPC"]`,
		`      subgraph grp3["Subnet: Private"]`,
		"classDef groupvpc fill:none,stroke:#7b3fe4",
		"class grp2 groupvpc",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Mermaid output lacks %q:\n%s", want, got)
		}
	}
	// Each block is drawn once, in its innermost group; Orders in none.
	sub := got[strings.Index(got, `grp3["Subnet: Private"]`):]
	if !strings.Contains(sub[:strings.Index(sub, "end")], "Worker") {
		t.Errorf("Worker is not in the subnet's subgraph:\n%s", got)
	}
	if strings.Count(got, `"Worker<br/>`) != 1 || strings.Count(got, `"Orders<br/>`) != 1 {
		t.Errorf("a block is drawn twice or not at all:\n%s", got)
	}
	if strings.Contains(got, `subgraph g`) && !strings.Contains(got, "subgraph grp") {
		t.Errorf("category subgraphs drawn beside groups:\n%s", got)
	}
}

// A design imported from a template keeps its template; groups added in
// the designer go into that template's metadata and come back.
func TestGroupsAddedToAnImportedTemplateComeBack(t *testing.T) {
	cat := design.Builtin()
	imp, err := Import([]byte(`Transform: AWS::Serverless-2016-10-31
Resources:
  Fn: {Type: AWS::Serverless::Function, Properties: {Runtime: python3.12, Handler: a.b, CodeUri: ., Timeout: 10}}
  Queue: {Type: AWS::SQS::Queue}
`), "t", cat)
	if err != nil {
		t.Fatal(err)
	}
	ops, err := design.DecodeOps([]byte(`[{"op":"addGroup","group":{"id":"Main","kind":"vpc","name":"Main","blocks":["Fn"]}}]`), cat)
	if err != nil {
		t.Fatal(err)
	}
	d, _, err := design.Apply(imp.Design, ops, cat)
	if err != nil {
		t.Fatal(err)
	}
	out, err := SAM(d, cat)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Import(out, "t", cat)
	if err != nil {
		t.Fatal(err)
	}
	if got := jsonOf(back.Design.Groups); got != jsonOf(d.Groups) {
		t.Fatalf("groups = %s, want %s\n%s", got, jsonOf(d.Groups), out)
	}
}
