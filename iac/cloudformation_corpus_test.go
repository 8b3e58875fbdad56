package iac

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
)

// Every valid template of the corpus either is refused naming a feature,
// or exports as a CloudFormation template that has nothing of SAM left,
// references only what it declares, gives every function a role and every
// push source a permission, and imports as the same design as its SAM
// template.
func TestCloudFormationCorpus(t *testing.T) {
	cat := design.Builtin()
	files := roundTripTemplates(t)
	refused := map[string]int{}
	exported, same, own := 0, 0, 0
	for _, f := range files {
		if strings.HasPrefix(f, "testdata") {
			own++
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		imp, err := Import(data, name, cat)
		if err != nil {
			t.Errorf("%s: import: %v", name, err)
			continue
		}
		out, _, err := CloudFormation(imp.Design, cat)
		var unsup *UnsupportedError
		if errors.As(err, &unsup) {
			refused[unsup.Feature]++
			if !strings.Contains(err.Error(), unsup.Resource) || !strings.Contains(err.Error(), unsup.Feature) {
				t.Errorf("%s: the refusal does not name its resource and feature: %v", name, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		exported++
		for _, p := range cloudFormationProblems(t, data, out) {
			t.Errorf("%s: %s", name, p)
		}
		back, err := Import(out, name, cat)
		if err != nil {
			t.Errorf("%s: the export does not import: %v\n%s", name, err, out)
			continue
		}
		if diff := cfnDesignDiff(imp.Design, back.Design); len(diff) > 0 {
			if why := typeOnlyInSAM[name]; why != "" {
				t.Logf("%s: imports as another design, as expected: %s", name, why)
				continue
			}
			t.Errorf("%s: the export imports as another design:\n  %s", name, strings.Join(diff, "\n  "))
			continue
		}
		same++
	}
	total := 0
	var lines []string
	for f, n := range refused {
		total += n
		lines = append(lines, fmt.Sprintf("%4d %s", n, f))
	}
	sort.Slice(lines, func(i, j int) bool { return lines[i] > lines[j] })
	t.Logf("%d templates (%d of testdata/): %d exported (%d import as the same design), %d refused:\n%s", len(files), own, exported, same, total, strings.Join(lines, "\n"))
}

// typeOnlyInSAM are the templates whose CloudFormation imports as another
// design for a reason of CloudFormation's: SAM's event or destination says
// the type of a target that is neither a resource of the template nor an
// ARN ("arn", "event-bus-arn"), which CloudFormation's property does not.
var typeOnlyInSAM = map[string]string{
	"function_with_dlq.yaml":        "DeadLetterQueue.Type says what TargetArn: arn is; DeadLetterConfig has no Type",
	"function_with_event_dest.yaml": "DestinationConfig.OnFailure.Type says what event-bus-arn is; the EventInvokeConfig has no Type",
}

// designDiff lists the blocks and connections one design has and the other
// has not, by kind and id, and by endpoints and integration.
func cfnDesignDiff(a, b *design.Design) []string {
	set := func(d *design.Design) map[string]bool {
		m := map[string]bool{}
		for _, bl := range d.Blocks {
			m["block "+bl.Kind+" "+bl.ID] = true
		}
		for _, c := range d.Connections {
			m["connection "+c.From+" -> "+c.To+" ("+c.Integration+")"] = true
		}
		return m
	}
	x, y := set(a), set(b)
	var out []string
	for k := range x {
		if !y[k] {
			out = append(out, "lost: "+k)
		}
	}
	for k := range y {
		if !x[k] {
			out = append(out, "gained: "+k)
		}
	}
	slices.Sort(out)
	return out
}

// pseudoParameters are the names Ref takes that a template does not
// declare.
var pseudoParameters = setOf("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition",
	"AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix")

// cloudFormationProblems lists what makes a template something other than
// plain CloudFormation that deploys as SAM would have.
func cloudFormationProblems(t *testing.T, sam, out []byte) []string {
	t.Helper()
	root, err := parse(out)
	if err != nil {
		return []string{"the export does not parse: " + err.Error()}
	}
	in, err := parse(sam)
	if err != nil {
		t.Fatal(err)
	}
	inRes := in.get("Resources")
	var problems []string
	if hasSAMTransform(root.get("Transform")) {
		problems = append(problems, "the SAM transform is left")
	}
	if root.get("Globals") != nil {
		problems = append(problems, "Globals is left")
	}
	res := root.get("Resources")
	declared := map[string]bool{}
	for k := range pseudoParameters {
		declared[k] = true
	}
	for _, id := range res.keys {
		declared[id] = true
	}
	for _, id := range root.get("Parameters").keysOrNil() {
		declared[id] = true
	}
	types := map[string]string{}
	for i, id := range res.keys {
		types[id] = textOr(res.vals[i].get("Type"), "")
	}
	// A name the SAM template references without declaring it stays so.
	inDeclared := map[string]bool{}
	for _, id := range inRes.keys {
		inDeclared[id] = true
	}
	for _, id := range in.get("Parameters").keysOrNil() {
		inDeclared[id] = true
	}
	referenced(in, func(_, name string) {
		if !inDeclared[name] && !pseudoParameters[name] {
			declared[name] = true
		}
	})
	check := func(where, name string) {
		if !declared[name] {
			problems = append(problems, fmt.Sprintf("%s names %q, which the template does not declare", where, name))
		}
	}
	for i, id := range res.keys {
		def := res.vals[i]
		typ := types[id]
		if strings.HasPrefix(typ, "AWS::Serverless::") {
			problems = append(problems, id+" is still "+typ)
		}
		referenced(def.get("Properties"), func(where, name string) { check(id+where, name) })
		for _, d := range append([]*node{def.get("DependsOn")}, def.get("DependsOn").itemsOrNil()...) {
			if s, ok := d.text(); ok {
				check(id+".DependsOn", s)
			}
		}
		if typ == "AWS::Lambda::Function" && def.path("Properties", "Role") == nil {
			problems = append(problems, id+" has no Role")
		}
	}
	referenced(root.get("Outputs"), func(where, name string) { check("Outputs"+where, name) })
	problems = append(problems, unpermitted(root, inRes)...)
	return problems
}

// unpermitted lists the functions a push source the translation wrote sends
// to (a topic's subscription, a rule, a bucket, a log group, an IoT rule,
// an API route) that no Lambda permission names. What the SAM template
// wrote itself (a resource of its own, an API's DefinitionBody) is its own
// business.
func unpermitted(root, in *node) []string {
	res := root.get("Resources")
	types := map[string]string{}
	aliasOf := map[string]string{}
	for i, id := range res.keys {
		types[id] = textOr(res.vals[i].get("Type"), "")
		if types[id] == "AWS::Lambda::Alias" {
			aliasOf[id] = refTo(res.vals[i].path("Properties", "FunctionName"))
		}
	}
	// function names what a reference to a function (or its alias) names.
	function := func(n *node) string {
		if r := refTo(n); r != "" {
			if types[r] == "AWS::Lambda::Function" {
				return r
			}
			return aliasOf[r]
		}
		if name, arg := n.intrinsic(); name == "Fn::GetAtt" {
			if id, _, ok := getAttParts(arg); ok && types[id] == "AWS::Lambda::Function" {
				return id
			}
		}
		return ""
	}
	permitted := map[string]bool{}
	for i := range res.keys {
		def := res.vals[i]
		if textOr(def.get("Type"), "") == "AWS::Lambda::Permission" {
			permitted[function(def.path("Properties", "FunctionName"))] = true
		}
	}
	var out []string
	need := func(id string, targets ...*node) {
		for _, t := range targets {
			if fn := function(t); fn != "" && !permitted[fn] {
				out = append(out, id+" sends to "+fn+", which no permission lets it invoke")
			}
		}
	}
	for i, id := range res.keys {
		def := res.vals[i]
		p := def.get("Properties")
		if was := in.get(id); was != nil && types[id] != "AWS::S3::Bucket" && was.path("Properties", "DefinitionBody") != nil {
			continue
		}
		if was := in.get(id); was != nil && !strings.HasPrefix(textOr(was.get("Type"), ""), "AWS::Serverless::") && types[id] != "AWS::S3::Bucket" {
			continue
		}
		switch types[id] {
		case "AWS::SNS::Subscription":
			if textOr(p.get("Protocol"), "") == "lambda" {
				need(id, p.get("Endpoint"))
			}
		case "AWS::Events::Rule":
			for _, tg := range p.get("Targets").itemsOrNil() {
				need(id, tg.get("Arn"))
			}
		case "AWS::S3::Bucket":
			for _, lc := range p.path("NotificationConfiguration", "LambdaConfigurations").itemsOrNil() {
				need(id, lc.get("Function"))
			}
		case "AWS::Logs::SubscriptionFilter":
			need(id, p.get("DestinationArn"))
		case "AWS::IoT::TopicRule":
			for _, a := range p.path("TopicRulePayload", "Actions").itemsOrNil() {
				need(id, a.path("Lambda", "FunctionArn"))
			}
		case "AWS::ApiGateway::RestApi", "AWS::ApiGatewayV2::Api":
			p.get("Body").visit(func(n *node) bool {
				if name, arg := n.intrinsic(); name == "Fn::Sub" {
					text, _ := subParts(arg)
					if strings.Contains(text, ":lambda:path/") {
						for _, m := range subVar.FindAllStringSubmatch(text, -1) {
							fid, _, _ := strings.Cut(m[1], ".")
							need(id, nref(fid))
						}
					}
					return false
				}
				return true
			}, func() bool { return false })
		}
	}
	return out
}

func (n *node) keysOrNil() []string {
	if n == nil || n.kind != mapNode {
		return nil
	}
	return n.keys
}

// referenced calls fn with every logical id or parameter name a value
// references in Ref, Fn::GetAtt and Fn::Sub, and where.
func referenced(n *node, fn func(where, name string)) {
	var walk func(where string, n *node, locals map[string]bool)
	walk = func(where string, n *node, locals map[string]bool) {
		if n == nil {
			return
		}
		switch name, arg := n.intrinsic(); name {
		case "Ref":
			if s, ok := arg.text(); ok {
				fn(where, s)
			}
		case "Fn::GetAtt":
			if id, _, ok := getAttParts(arg); ok {
				fn(where, id)
			}
		case "Fn::Sub":
			text, vars := subParts(arg)
			inner := map[string]bool{}
			for k := range locals {
				inner[k] = true
			}
			for _, k := range vars.keysOrNil() {
				inner[k] = true
			}
			for _, m := range subVar.FindAllStringSubmatch(text, -1) {
				if inner[m[1]] || pseudoParameters[m[1]] {
					continue
				}
				id, _, _ := strings.Cut(m[1], ".")
				fn(where, id)
			}
			walk(where, vars, locals)
			return
		}
		for i, v := range n.vals {
			walk(where+"."+n.keys[i], v, locals)
		}
		for _, v := range n.items {
			walk(where, v, locals)
		}
	}
	walk("", n, nil)
}
