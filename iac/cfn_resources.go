package iac

import (
	"strings"
)

// State machines, tables and layers: the SAM types that become one
// CloudFormation resource (and, for a state machine, its role and the
// rules that start it).

var stateMachineKnown = setOf("Definition", "DefinitionUri", "DefinitionSubstitutions", "Role", "Policies", "Name",
	"Type", "Logging", "Tracing", "Tags", "Events", "PermissionsBoundary", "RolePath", "PropagateTags")

func (c *cfn) stateMachine(id string, def *node) error {
	p := def.get("Properties")
	if err := checkProps(id, p, stateMachineKnown); err != nil {
		return err
	}
	if truthy(p.get("PropagateTags")) {
		return unsupported(id, "PropagateTags")
	}
	props := &node{kind: mapNode}
	copyProps(props, p, "Name")
	if v := props.get("Name"); v != nil {
		props.del("Name")
		props.set("StateMachineName", v)
	}
	if v := p.get("Type"); v != nil {
		props.set("StateMachineType", v)
	}
	switch {
	case p.get("Definition") != nil:
		props.set("Definition", p.get("Definition"))
	case p.get("DefinitionUri") != nil:
		loc, local, err := s3Location(id, "DefinitionUri", p.get("DefinitionUri"), "Bucket", "Key", "Version")
		if err != nil {
			return err
		}
		if local {
			c.note(localCodeNote)
		}
		props.set("DefinitionS3Location", loc)
	default:
		return &UnsupportedError{Resource: id, Feature: "Definition", Why: "is missing (a state machine needs Definition or DefinitionUri)"}
	}
	copyProps(props, p, "DefinitionSubstitutions")
	if v := p.get("Logging"); v != nil {
		props.set("LoggingConfiguration", v)
	}
	if v := p.get("Tracing"); v != nil {
		props.set("TracingConfiguration", v)
	}
	tags, err := tagList(id, p.get("Tags"))
	if err != nil {
		return err
	}
	if tags != nil {
		props.set("Tags", tags)
	}
	c.out = append(c.out, cfnRes{id: id, def: mainResource(def, "AWS::StepFunctions::StateMachine", props)})
	if role := p.get("Role"); role != nil {
		props.set("RoleArn", role)
	} else {
		roleID, err := c.claim(id, id+"Role")
		if err != nil {
			return err
		}
		if _, err := c.executionRole(id, def, roleID, "states.amazonaws.com", ""); err != nil {
			return err
		}
		props.set("RoleArn", ngetAtt(roleID, "Arn"))
	}
	evs := p.get("Events")
	if evs == nil {
		return nil
	}
	if evs.kind != mapNode {
		return &UnsupportedError{Resource: id, Feature: "Events", Why: "is not a mapping of events"}
	}
	for i, name := range evs.keys {
		ev := evs.vals[i]
		typ := textOr(ev.get("Type"), "")
		evProps := ev.get("Properties")
		if evProps == nil || evProps.kind != mapNode {
			evProps = &node{kind: mapNode}
		}
		switch typ {
		case "Schedule", "EventBridgeRule", "CloudWatchEvent":
		default:
			return &UnsupportedError{Resource: id, Feature: typ + " event", Why: "(" + name + ") of a state machine is not translated by archlab"}
		}
		ruleID := id + name
		roleID, err := c.claim(id, ruleID+"Role")
		if err != nil {
			return err
		}
		startRole := func(string) error {
			c.emit(def, roleID, "AWS::IAM::Role", nmap(
				"AssumeRolePolicyDocument", nmap("Version", "2012-10-17", "Statement", nseq(nmap("Effect", "Allow",
					"Action", nseq("sts:AssumeRole"), "Principal", nmap("Service", nseq("events.amazonaws.com"))))),
				"Policies", nseq(nmap("PolicyName", ruleID+"RoleStartExecutionPolicy", "PolicyDocument",
					nmap("Version", "2012-10-17", "Statement", nseq(nmap("Effect", "Allow", "Action", "states:StartExecution",
						"Resource", nref(id))))))))
			return nil
		}
		if err := c.ruleEvent(id, def, ruleID, name, typ, evProps, nref(id), startRole, ngetAtt(roleID, "Arn")); err != nil {
			return err
		}
	}
	return nil
}

var simpleTableKnown = setOf("PrimaryKey", "ProvisionedThroughput", "TableName", "Tags", "SSESpecification", "PointInTimeRecoverySpecification")

// simpleTable is SAM's table of one hash key: "id", a string, by default.
func (c *cfn) simpleTable(id string, def *node) error {
	p := def.get("Properties")
	if err := checkProps(id, p, simpleTableKnown); err != nil {
		return err
	}
	key, typ := nstr("id"), "S"
	if pk := p.get("PrimaryKey"); pk != nil {
		if v := pk.get("Name"); v != nil {
			key = v
		}
		if v := pk.get("Type"); v != nil {
			s, ok := v.text()
			typ = map[string]string{"String": "S", "Number": "N", "Binary": "B"}[s]
			if !ok || typ == "" {
				return &UnsupportedError{Resource: id, Feature: "PrimaryKey.Type", Why: "is not String, Number or Binary written as text"}
			}
		}
	}
	props := nmap("AttributeDefinitions", nseq(nmap("AttributeName", key, "AttributeType", typ)),
		"KeySchema", nseq(nmap("AttributeName", key.clone(), "KeyType", "HASH")))
	if pt := p.get("ProvisionedThroughput"); pt != nil {
		props.set("ProvisionedThroughput", pt)
	} else {
		props.set("BillingMode", nstr("PAY_PER_REQUEST"))
	}
	copyProps(props, p, "TableName", "SSESpecification", "PointInTimeRecoverySpecification")
	tags, err := tagList(id, p.get("Tags"))
	if err != nil {
		return err
	}
	if tags != nil {
		props.set("Tags", tags)
	}
	c.out = append(c.out, cfnRes{id: id, def: mainResource(def, "AWS::DynamoDB::Table", props)})
	return nil
}

var layerKnown = setOf("ContentUri", "LayerName", "Description", "CompatibleRuntimes", "CompatibleArchitectures", "LicenseInfo", "RetentionPolicy")

// layer is a layer version; SAM retains old versions unless told to
// delete them.
func (c *cfn) layer(id string, def *node) error {
	p := def.get("Properties")
	if err := checkProps(id, p, layerKnown); err != nil {
		return err
	}
	uri := p.get("ContentUri")
	if uri == nil {
		return &UnsupportedError{Resource: id, Feature: "ContentUri", Why: "is missing"}
	}
	content, local, err := s3Location(id, "ContentUri", uri, "S3Bucket", "S3Key", "S3ObjectVersion")
	if err != nil {
		return err
	}
	if local {
		c.note(localCodeNote)
	}
	props := nmap("Content", content)
	copyProps(props, p, "LayerName", "Description", "CompatibleRuntimes", "CompatibleArchitectures", "LicenseInfo")
	out := mainResource(def, "AWS::Lambda::LayerVersion", props)
	policy := "Retain"
	if v := p.get("RetentionPolicy"); v != nil {
		s, ok := v.text()
		if !ok || (!strings.EqualFold(s, "Retain") && !strings.EqualFold(s, "Delete")) {
			return &UnsupportedError{Resource: id, Feature: "RetentionPolicy", Why: "is not Retain or Delete written as text"}
		}
		policy = map[bool]string{true: "Retain", false: "Delete"}[strings.EqualFold(s, "Retain")]
	}
	if out.get("DeletionPolicy") == nil {
		out.set("DeletionPolicy", nstr(policy))
	}
	c.out = append(c.out, cfnRes{id: id, def: out})
	return nil
}

// unresolvedNames refuses a Ref to a name of SAM's ("Fn.Version",
// "Fn.DestinationTopic") that the translation did not generate: SAM would
// resolve it, or refuse the template, and plain CloudFormation cannot.
func (c *cfn) unresolvedNames(n *node) error {
	var err error
	n.visit(func(v *node) bool {
		if s := refTo(v); strings.Contains(s, ".") {
			id, _, _ := strings.Cut(s, ".")
			err = &UnsupportedError{Resource: id, Feature: "Ref " + s, Why: "names something SAM generates that archlab does not"}
		}
		return true
	}, func() bool { return err != nil })
	return err
}

// rewriteNames replaces the names SAM lets templates reference ("Fn.Alias",
// "Api.Stage") by the resources they stand for, in Ref and Fn::Sub.
func (c *cfn) rewriteNames(n *node) {
	if n == nil || len(c.names) == 0 {
		return
	}
	n.visit(func(v *node) bool {
		name, arg := v.intrinsic()
		switch name {
		case "Ref":
			if s, ok := arg.text(); ok && c.names[s] != "" {
				arg.str = c.names[s]
			}
		case "Fn::Sub":
			text := arg
			if arg.kind == seqNode && len(arg.items) > 0 {
				text = arg.items[0]
			}
			if text.kind == scalarNode {
				text.str = subVar.ReplaceAllStringFunc(text.str, func(m string) string {
					if id := c.names[m[2:len(m)-1]]; id != "" {
						return "${" + id + "}"
					}
					return m
				})
			}
		}
		return true
	}, func() bool { return false })
}
