package iac

import (
	"crypto/sha1"
	"encoding/hex"
	"strings"
)

// functionCopied are the properties an AWS::Serverless::Function shares
// with AWS::Lambda::Function, written as they are.
var functionCopied = []string{"FunctionName", "Description", "PackageType", "Handler", "Runtime", "Architectures",
	"MemorySize", "Timeout", "EphemeralStorage", "ReservedConcurrentExecutions", "Environment", "VpcConfig",
	"KmsKeyArn", "Layers", "ImageConfig", "SnapStart", "FileSystemConfigs", "CodeSigningConfigArn",
	"RuntimeManagementConfig", "LoggingConfig", "RecursiveLoop"}

// functionKnown are the properties the export translates; any other is
// refused by name.
var functionKnown = setOf(append([]string{"CodeUri", "InlineCode", "ImageUri", "Tags", "Tracing", "DeadLetterQueue",
	"Role", "Policies", "PermissionsBoundary", "RolePath", "AssumeRolePolicyDocument", "Events",
	"EventInvokeConfig", "FunctionUrlConfig", "AutoPublishAlias", "AutoPublishAliasAllProperties",
	"VersionDescription", "PropagateTags"}, functionCopied...)...)

// cfnFunction is what events need of the function they invoke.
type cfnFunction struct {
	id  string
	def *node
	// name is what FunctionName takes (the alias when SAM publishes one),
	// arn what a target's Arn takes.
	name, arn *node
	// role is the generated execution role's properties, nil when the
	// template gives the function a Role of its own.
	role *node
}

func (c *cfn) function(id string, def *node) error {
	p := def.get("Properties")
	if err := checkProps(id, p, functionKnown); err != nil {
		return err
	}
	if truthy(p.get("PropagateTags")) {
		return unsupported(id, "PropagateTags")
	}
	props := &node{kind: mapNode}
	code, local, err := functionCode(id, p)
	if err != nil {
		return err
	}
	props.set("Code", code)
	if local {
		c.note(localCodeNote)
	}
	copyProps(props, p, functionCopied...)
	if t := p.get("Tracing"); t != nil {
		mode, ok := t.text()
		if !ok {
			return &UnsupportedError{Resource: id, Feature: "Tracing", Why: "set by an intrinsic function (SAM adds the X-Ray policy by a condition archlab does not write)"}
		}
		props.set("TracingConfig", nmap("Mode", mode))
	}
	if dlq := p.get("DeadLetterQueue"); dlq != nil {
		props.set("DeadLetterConfig", nmap("TargetArn", dlq.get("TargetArn")))
	}
	tags, err := tagList(id, p.get("Tags"))
	if err != nil {
		return err
	}
	if tags != nil {
		props.set("Tags", tags)
	}
	fn := &cfnFunction{id: id, def: def, name: nref(id), arn: ngetAtt(id, "Arn")}
	main := mainResource(def, "AWS::Lambda::Function", props)
	c.out = append(c.out, cfnRes{id: id, def: main})

	if role := p.get("Role"); role != nil {
		props.set("Role", role)
	} else {
		roleID, err := c.claim(id, id+"Role")
		if err != nil {
			return err
		}
		fn.role, err = c.executionRole(id, def, roleID, "lambda.amazonaws.com", "AWSLambdaBasicExecutionRole")
		if err != nil {
			return err
		}
		if mode, _ := p.get("Tracing").text(); mode == "Active" {
			addManaged(fn.role, nsub("arn:${AWS::Partition}:iam::aws:policy/AWSXrayWriteOnlyAccess"))
		}
		if dlq := p.get("DeadLetterQueue"); dlq != nil {
			action := map[string]string{"SQS": "sqs:SendMessage", "SNS": "sns:Publish"}[textOr(dlq.get("Type"), "")]
			if action == "" {
				return &UnsupportedError{Resource: id, Feature: "DeadLetterQueue", Why: "has a Type other than SQS or SNS"}
			}
			addInline(fn.role, "DeadLetterQueuePolicy", nmap("Effect", "Allow", "Action", action, "Resource", dlq.get("TargetArn")))
		}
		props.set("Role", ngetAtt(roleID, "Arn"))
	}
	if err := c.autoPublishAlias(fn, p, props, local); err != nil {
		return err
	}
	if err := c.functionURL(fn, p); err != nil {
		return err
	}
	if err := c.eventInvokeConfig(fn, p); err != nil {
		return err
	}
	return c.functionEvents(fn, p)
}

// functionCode is the Code of a function: its S3 location, inline code or
// image. A local path stays a path, for `aws cloudformation package` to
// upload; local reports it.
func functionCode(id string, p *node) (code *node, local bool, err error) {
	if v := p.get("InlineCode"); v != nil {
		return nmap("ZipFile", v), false, nil
	}
	if v := p.get("ImageUri"); v != nil {
		return nmap("ImageUri", v), false, nil
	}
	uri := p.get("CodeUri")
	if uri == nil {
		return nil, false, &UnsupportedError{Resource: id, Feature: "CodeUri", Why: "is missing (a function needs CodeUri, InlineCode or ImageUri)"}
	}
	return s3Location(id, "CodeUri", uri, "S3Bucket", "S3Key", "S3ObjectVersion")
}

// s3Location turns SAM's location of a file (s3://bucket/key, a mapping
// of Bucket, Key and Version, or a local path) into CloudFormation's, with
// the property names the resource type uses.
func s3Location(id, prop string, uri *node, bucket, key, version string) (*node, bool, error) {
	if s, ok := uri.text(); ok {
		if rest, ok := strings.CutPrefix(s, "s3://"); ok {
			b, k, ok := strings.Cut(rest, "/")
			if !ok || b == "" || k == "" {
				return nil, false, &UnsupportedError{Resource: id, Feature: prop, Why: "is an s3:// address without a bucket and a key"}
			}
			return nmap(bucket, b, key, k), false, nil
		}
		return nstr(s), true, nil
	}
	if uri.kind == mapNode && !isIntrinsic(uri) {
		out := nmap(bucket, uri.get("Bucket"), key, uri.get("Key"))
		if v := uri.get("Version"); v != nil && version != "" {
			out.set(version, v)
		}
		if out.get(bucket) == nil || out.get(key) == nil {
			return nil, false, &UnsupportedError{Resource: id, Feature: prop, Why: "needs a Bucket and a Key"}
		}
		return out, false, nil
	}
	return nil, false, &UnsupportedError{Resource: id, Feature: prop, Why: "is an intrinsic function, which SAM reads at transform time"}
}

// localCodeNote says what a local path needs before the template deploys.
const localCodeNote = "the template names code or definitions by local paths (Code, Content, DefinitionS3Location, BodyS3Location): run `aws cloudformation package` to upload them to S3 before deploying it"

// autoPublishAlias writes the version and alias SAM publishes, and points
// the function's events at the alias.
func (c *cfn) autoPublishAlias(fn *cfnFunction, p, props *node, local bool) error {
	alias := p.get("AutoPublishAlias")
	if alias == nil {
		return nil
	}
	name, ok := alias.text()
	if !ok {
		return &UnsupportedError{Resource: fn.id, Feature: "AutoPublishAlias", Why: "is an intrinsic function"}
	}
	if local {
		return &UnsupportedError{Resource: fn.id, Feature: "AutoPublishAlias", Why: "with code at a local path: SAM publishes a new version when the packaged code changes, which a plain template written before packaging cannot know"}
	}
	// The version's logical id changes with what it publishes, so that a
	// deployment of changed code or settings publishes a new one.
	hashed := props
	if !truthy(p.get("AutoPublishAliasAllProperties")) {
		hashed = props.get("Code")
	}
	sum := sha1.Sum([]byte(canonicalText(hashed)))
	versionID, err := c.claim(fn.id, fn.id+"Version"+hex.EncodeToString(sum[:])[:10])
	if err != nil {
		return err
	}
	aliasID, err := c.claim(fn.id, fn.id+"Alias"+alnum(name))
	if err != nil {
		return err
	}
	v := c.emit(fn.def, versionID, "AWS::Lambda::Version", nmap("FunctionName", nref(fn.id), "Description", p.get("VersionDescription")))
	v.set("DeletionPolicy", nstr("Retain"))
	c.emit(fn.def, aliasID, "AWS::Lambda::Alias", nmap("Name", name, "FunctionName", nref(fn.id), "FunctionVersion", ngetAtt(versionID, "Version")))
	c.names[fn.id+".Alias"] = aliasID
	c.names[fn.id+".Version"] = versionID
	fn.name, fn.arn = nref(aliasID), nref(aliasID)
	return nil
}

// canonicalText is a value written the same way whatever its source's
// layout, for hashes.
func canonicalText(n *node) string {
	var b strings.Builder
	var walk func(n *node)
	walk = func(n *node) {
		switch {
		case n == nil:
			b.WriteString("null")
		case n.kind == mapNode:
			b.WriteByte('{')
			for i, k := range n.keys {
				b.WriteString(k + ":")
				walk(n.vals[i])
				b.WriteByte(',')
			}
			b.WriteByte('}')
		case n.kind == seqNode:
			b.WriteByte('[')
			for _, it := range n.items {
				walk(it)
				b.WriteByte(',')
			}
			b.WriteByte(']')
		default:
			b.WriteString(`"` + strings.ReplaceAll(n.str, `"`, `\"`) + `"`)
		}
	}
	walk(n)
	return b.String()
}

// functionURL writes a function URL and, for one without authentication,
// the permission that opens it.
func (c *cfn) functionURL(fn *cfnFunction, p *node) error {
	u := p.get("FunctionUrlConfig")
	if u == nil {
		return nil
	}
	if err := checkProps(fn.id, u, setOf("AuthType", "Cors", "InvokeMode")); err != nil {
		return err
	}
	id, err := c.claim(fn.id, fn.id+"Url")
	if err != nil {
		return err
	}
	props := nmap("TargetFunctionArn", nref(fn.id))
	if alias := c.names[fn.id+".Alias"]; alias != "" {
		props.set("Qualifier", c.aliasName(fn))
	}
	copyProps(props, u, "AuthType", "Cors", "InvokeMode")
	url := c.emit(fn.def, id, "AWS::Lambda::Url", props)
	if alias := c.names[fn.id+".Alias"]; alias != "" {
		url.set("DependsOn", nstr(alias))
	}
	if auth, _ := u.get("AuthType").text(); auth == "NONE" {
		pid, err := c.claim(fn.id, fn.id+"UrlPublicPermissions")
		if err != nil {
			return err
		}
		c.emit(fn.def, pid, "AWS::Lambda::Permission", nmap("Action", "lambda:InvokeFunctionUrl", "FunctionName", fn.name,
			"Principal", "*", "FunctionUrlAuthType", "NONE"))
	}
	return nil
}

func (c *cfn) aliasName(fn *cfnFunction) *node {
	return fn.def.path("Properties", "AutoPublishAlias")
}

// eventInvokeConfig writes a function's asynchronous invocation settings
// and lets its role reach the destinations.
func (c *cfn) eventInvokeConfig(fn *cfnFunction, p *node) error {
	e := p.get("EventInvokeConfig")
	if e == nil {
		return nil
	}
	if err := checkProps(fn.id, e, setOf("MaximumEventAgeInSeconds", "MaximumRetryAttempts", "DestinationConfig")); err != nil {
		return err
	}
	id, err := c.claim(fn.id, fn.id+"EventInvokeConfig")
	if err != nil {
		return err
	}
	qualifier := nstr("$LATEST")
	if alias := c.names[fn.id+".Alias"]; alias != "" {
		qualifier = c.aliasName(fn)
	}
	props := nmap("FunctionName", nref(fn.id), "Qualifier", qualifier)
	copyProps(props, e, "MaximumEventAgeInSeconds", "MaximumRetryAttempts")
	if dc := e.get("DestinationConfig"); dc != nil {
		out := &node{kind: mapNode}
		for _, when := range []string{"OnSuccess", "OnFailure"} {
			d := dc.get(when)
			if d == nil {
				continue
			}
			dest := d.get("Destination")
			if k, _ := dest.intrinsic(); k == "Fn::If" {
				return &UnsupportedError{Resource: fn.id, Feature: "EventInvokeConfig." + when, Why: "chooses its Destination by a condition (SAM creates the queue or topic when none is given)"}
			}
			if dest == nil {
				return &UnsupportedError{Resource: fn.id, Feature: "EventInvokeConfig." + when, Why: "without a Destination (SAM creates the queue or topic)"}
			}
			out.set(when, nmap("Destination", dest))
			if fn.role == nil {
				continue
			}
			typ := textOr(d.get("Type"), "")
			action := map[string]string{"SQS": "sqs:SendMessage", "SNS": "sns:Publish", "Lambda": "lambda:InvokeFunction", "EventBridge": "events:PutEvents", "S3Bucket": "s3:PutObject"}[typ]
			if typ != "" && action == "" {
				return &UnsupportedError{Resource: fn.id, Feature: "EventInvokeConfig." + when + ".Type " + typ}
			}
			if action != "" {
				addInline(fn.role, "EventInvokeConfig"+when+"Policy", nmap("Effect", "Allow", "Action", action, "Resource", dest))
			}
		}
		props.set("DestinationConfig", out)
	}
	r := c.emit(fn.def, id, "AWS::Lambda::EventInvokeConfig", props)
	if alias := c.names[fn.id+".Alias"]; alias != "" {
		r.set("DependsOn", nstr(alias))
	}
	return nil
}
