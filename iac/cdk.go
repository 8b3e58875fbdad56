package iac

import "strings"

// The AWS CDK synthesizes CloudFormation templates (cdk.out/*.template.json)
// whose logical ids end in a hash ("OrdersQueue4A3B2C1D") and whose
// resources carry their construct path in the aws:cdk:path metadata
// ("MyStack/Orders/Queue/Resource"). The path is what a CDK user
// recognises, so Imported keeps it for messages. The CDK's own
// bookkeeping (the AWS::CDK::Metadata resource, aws:asset:* metadata) is
// no part of the system and is not noted.

// cdkMetadataType is the resource the CDK adds to record its version.
const cdkMetadataType = "AWS::CDK::Metadata"

// constructPaths maps the logical ids of resources with an aws:cdk:path
// to the path, without the "/Resource" the CDK adds for the resource of an
// L2 construct; nil when there is none.
func (b *builder) constructPaths() map[string]string {
	var out map[string]string
	for _, r := range b.t.resources {
		p, ok := r.def.path("Metadata", "aws:cdk:path").text()
		if !ok || p == "" {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		out[r.id] = strings.TrimSuffix(p, "/Resource")
	}
	return out
}
