package iac

import (
	"fmt"
	"slices"
	"strings"
)

// executionRole writes the role SAM generates for a function or a state
// machine: assumed by the service, with the managed policy every such role
// gets (none for "") and the resource's Policies. It returns the role's
// properties, for events to add the policies their sources need.
func (c *cfn) executionRole(owner string, def *node, roleID, service, basic string) (*node, error) {
	p := def.get("Properties")
	assume := p.get("AssumeRolePolicyDocument")
	if assume == nil {
		assume = nmap("Version", "2012-10-17", "Statement", nseq(nmap("Effect", "Allow",
			"Action", nseq("sts:AssumeRole"), "Principal", nmap("Service", nseq(service)))))
	}
	role := nmap("AssumeRolePolicyDocument", assume, "ManagedPolicyArns", nseq(), "Policies", nseq())
	if basic != "" {
		addManaged(role, managedPolicyArn(basic))
	}
	if err := c.rolePolicies(owner, roleID, role, p.get("Policies")); err != nil {
		return nil, err
	}
	copyProps(role, p, "PermissionsBoundary")
	if v := p.get("RolePath"); v != nil {
		role.set("Path", v)
	}
	if tags, err := tagList(owner, p.get("Tags")); err != nil {
		return nil, err
	} else if tags != nil {
		role.set("Tags", tags)
	}
	c.emit(def, roleID, "AWS::IAM::Role", role)
	// Empty lists are dropped (tidyRole) once every event has added the
	// policies its source needs.
	c.roles[owner] = role
	return role, nil
}

// serviceRolePolicies are the AWS managed policies SAM names that live
// under the service-role/ path.
var serviceRolePolicies = setOf("AWSLambdaBasicExecutionRole", "AWSLambdaVPCAccessExecutionRole",
	"AWSLambdaSQSQueueExecutionRole", "AWSLambdaKinesisExecutionRole", "AWSLambdaDynamoDBExecutionRole",
	"AWSLambdaMSKExecutionRole", "AWSLambdaENIManagementAccess", "AWSLambdaRole", "AWSIoTRuleActions",
	"AWSLambdaSQSQueueExecutionRole", "AWSConfigRulesExecutionRole", "AWSLambdaReplicator")

// managedPolicyArn is the ARN of an AWS managed policy by name.
func managedPolicyArn(name string) *node {
	if serviceRolePolicies[name] {
		return nsub("arn:${AWS::Partition}:iam::aws:policy/service-role/" + name)
	}
	return nsub("arn:${AWS::Partition}:iam::aws:policy/" + name)
}

// addManaged adds a managed policy to a role, once.
func addManaged(role *node, arn *node) {
	list := role.get("ManagedPolicyArns")
	key := canonicalText(arn)
	if slices.ContainsFunc(list.items, func(it *node) bool { return canonicalText(it) == key }) {
		return
	}
	list.items = append(list.items, arn)
}

// addInline adds a statement to a role's inline policy of that name.
func addInline(role *node, name string, statement *node) {
	list := role.get("Policies")
	for _, it := range list.items {
		if textOr(it.get("PolicyName"), "") == name {
			st := it.path("PolicyDocument", "Statement")
			st.items = append(st.items, statement)
			return
		}
	}
	list.items = append(list.items, nmap("PolicyName", name, "PolicyDocument",
		nmap("Version", "2012-10-17", "Statement", nseq(statement))))
}

// tidyRole drops the empty lists of a generated role.
func tidyRole(role *node) {
	for _, k := range []string{"ManagedPolicyArns", "Policies"} {
		if v := role.get(k); v != nil && v.kind == seqNode && len(v.items) == 0 {
			role.del(k)
		}
	}
}

// rolePolicies writes SAM's Policies into a role: names and ARNs of
// managed policies, policy documents and SAM policy templates as inline
// policies.
func (c *cfn) rolePolicies(owner, roleID string, role, pols *node) error {
	if pols == nil {
		return nil
	}
	items := []*node{pols}
	if pols.kind == seqNode {
		items = pols.items
	}
	for i, it := range items {
		name := fmt.Sprintf("%sPolicy%d", roleID, i)
		switch {
		case it.kind == scalarNode:
			s := it.str
			if strings.HasPrefix(s, "arn:") {
				addManaged(role, it)
			} else {
				addManaged(role, managedPolicyArn(s))
			}
		case isIntrinsic(it):
			if k, _ := it.intrinsic(); k == "Fn::If" {
				return &UnsupportedError{Resource: owner, Feature: "Policies", Why: "holds an Fn::If, which SAM resolves into policy documents or managed policies by its branches"}
			}
			addManaged(role, it)
		case it.kind == mapNode && it.get("Statement") != nil:
			role.get("Policies").items = append(role.get("Policies").items, nmap("PolicyName", name, "PolicyDocument", it))
		case it.kind == mapNode && len(it.keys) == 1:
			doc, err := policyTemplateDocument(owner, it.keys[0], it.vals[0])
			if err != nil {
				return err
			}
			role.get("Policies").items = append(role.get("Policies").items, nmap("PolicyName", name, "PolicyDocument", doc))
		default:
			return &UnsupportedError{Resource: owner, Feature: "Policies", Why: "has an entry that is neither a managed policy, a policy document nor a SAM policy template"}
		}
	}
	return nil
}

// conditionedTemplates are the SAM policy templates whose statements carry
// IAM conditions archlab's table of templates does not keep (see
// data/README.md): written without them, they would grant more.
var conditionedTemplates = setOf("AWSSecretsManagerRotationPolicy", "EFSWriteAccessPolicy")

// policyTemplateDocument expands a SAM policy template to its policy
// document, its parameters substituted as SAM does, by Fn::Sub.
func policyTemplateDocument(owner, name string, params *node) (*node, error) {
	tmpl, ok := samPolicyTemplates()[name]
	if !ok {
		return nil, &UnsupportedError{Resource: owner, Feature: "Policies." + name, Why: "is not a SAM policy template archlab knows"}
	}
	if conditionedTemplates[name] {
		return nil, &UnsupportedError{Resource: owner, Feature: "Policies." + name, Why: "has IAM conditions archlab's table of policy templates does not hold"}
	}
	if isIntrinsic(params) || (params != nil && params.kind == seqNode) {
		return nil, &UnsupportedError{Resource: owner, Feature: "Policies." + name, Why: "takes its parameters from an intrinsic function"}
	}
	statements := nseq()
	for _, st := range tmpl.Statements {
		resources := nseq()
		for _, pattern := range st.Resources {
			vars := &node{kind: mapNode}
			for _, param := range tmpl.Parameters {
				if strings.Contains(pattern, "${"+param+"}") {
					v := params.get(param)
					if v == nil {
						return nil, &UnsupportedError{Resource: owner, Feature: "Policies." + name, Why: "lacks its parameter " + param}
					}
					vars.set(param, v)
				}
			}
			switch {
			case len(vars.keys) > 0:
				resources.items = append(resources.items, nsubVars(pattern, vars))
			case strings.Contains(pattern, "${"):
				resources.items = append(resources.items, nsub(pattern))
			default:
				resources.items = append(resources.items, nstr(pattern))
			}
		}
		actions := nseq()
		for _, a := range st.Actions {
			actions.items = append(actions.items, nstr(a))
		}
		statements.items = append(statements.items, nmap("Effect", "Allow", "Action", actions, "Resource", resources))
	}
	return nmap("Version", "2012-10-17", "Statement", statements), nil
}
