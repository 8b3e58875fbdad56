package iac

import (
	"slices"
	"strings"
	"sync"

	"github.com/archlab/archlab/design"
)

// kindIndex finds the block kinds of a resource type, from the catalogue's
// CloudFormation field.
type kindIndex struct {
	byType map[string][]*design.Kind
}

var kindIndexes sync.Map // *design.Catalogue → *kindIndex

func kindsOf(cat *design.Catalogue) *kindIndex {
	if ki, ok := kindIndexes.Load(cat); ok {
		return ki.(*kindIndex)
	}
	ki := &kindIndex{byType: map[string][]*design.Kind{}}
	for _, k := range cat.Kinds() {
		for _, typ := range k.CloudFormation {
			ki.byType[typ] = append(ki.byType[typ], k)
		}
	}
	kindIndexes.Store(cat, ki)
	return ki
}

// kindFor returns the kind a resource becomes, or nil. When several kinds
// share a type (HTTP and WebSocket APIs are both AWS::ApiGatewayV2::Api),
// the resource's properties decide.
func (ki *kindIndex) kindFor(r *resource) *design.Kind {
	ks := ki.byType[r.typ]
	switch len(ks) {
	case 0:
		return nil
	case 1:
		return ks[0]
	}
	if choose := kindChoosers[r.typ]; choose != nil {
		want := choose(r)
		for _, k := range ks {
			if k.ID == want {
				return k
			}
		}
	}
	// Otherwise the kind whose properties the resource sets most of.
	best, bestN := ks[0], -1
	for _, k := range ks {
		n := 0
		for _, p := range k.Props {
			if lookup(r.props, p.Name) != nil {
				n++
			}
		}
		if n > bestN {
			best, bestN = k, n
		}
	}
	return best
}

// kindChoosers pick among the kinds that share a resource type.
var kindChoosers = map[string]func(r *resource) string{
	"AWS::ApiGatewayV2::Api": func(r *resource) string {
		if p, _ := r.props.get("ProtocolType").text(); strings.EqualFold(p, "WEBSOCKET") {
			return "apigateway-websocket"
		}
		return "apigateway-http"
	},
}

// propPaths lists, per resource type, where a kind's property is written
// when that is not under its own name: SAM's shorthand (Tracing for
// TracingConfig.Mode), CloudFormation's nesting (DistributionConfig), or
// names that differ between a kind's resource types. An empty list means
// the property is read by code of its own (Policies, Definition).
var propPaths = map[string]map[string][]string{
	"AWS::Serverless::Function": {
		"TracingConfig.Mode": {"Tracing", "TracingConfig.Mode"},
		"Policies":           {}, "LogRetentionInDays": {},
	},
	"AWS::Lambda::Function": {
		"Policies": {}, "LogRetentionInDays": {},
		"CapacityProviderConfig.Arn":                                   {"CapacityProviderConfig.LambdaManagedInstancesCapacityProviderConfig.CapacityProviderArn"},
		"CapacityProviderConfig.PerExecutionEnvironmentMaxConcurrency": {"CapacityProviderConfig.LambdaManagedInstancesCapacityProviderConfig.PerExecutionEnvironmentMaxConcurrency"},
		"CapacityProviderConfig.ExecutionEnvironmentMemoryGiBPerVCpu":  {"CapacityProviderConfig.LambdaManagedInstancesCapacityProviderConfig.ExecutionEnvironmentMemoryGiBPerVCpu"},
	},
	"AWS::Serverless::CapacityProvider": {"CapacityProviderScalingConfig.MaxVCpuCount": {"ScalingConfig.MaxVCpuCount"}},
	"AWS::Serverless::Api": {
		"EndpointConfiguration": {"EndpointConfiguration.Type", "EndpointConfiguration"},
		"AuthorizationType":     {},
		"ApiKeyRequired":        {"Auth.ApiKeyRequired"},
		"Policy":                {},
		"ThrottlingRateLimit":   {"MethodSettings.0.ThrottlingRateLimit"},
		"ThrottlingBurstLimit":  {"MethodSettings.0.ThrottlingBurstLimit"},
	},
	"AWS::ApiGateway::RestApi": {
		"EndpointConfiguration": {"EndpointConfiguration.Types.0"},
		"AuthorizationType":     {},
	},
	"AWS::Serverless::HttpApi": {
		"AuthorizationType":    {},
		"ThrottlingRateLimit":  {"DefaultRouteSettings.ThrottlingRateLimit"},
		"ThrottlingBurstLimit": {"DefaultRouteSettings.ThrottlingBurstLimit"},
	},
	"AWS::ApiGatewayV2::Api": {"AuthorizationType": {}},
	"AWS::Serverless::StateMachine": {
		"StateMachineName":             {"Name"},
		"LoggingConfiguration.Level":   {"Logging.Level", "LoggingConfiguration.Level"},
		"TracingConfiguration.Enabled": {"Tracing.Enabled", "TracingConfiguration.Enabled"},
		"Definition":                   {},
	},
	"AWS::StepFunctions::StateMachine": {"Type": {"StateMachineType"}, "Definition": {}},
	"AWS::CloudFront::Distribution": {
		"PriceClass": {"DistributionConfig.PriceClass"},
		"DefaultCacheBehavior.ViewerProtocolPolicy": {"DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy"},
		"DefaultCacheBehavior.DefaultTTL":           {"DistributionConfig.DefaultCacheBehavior.DefaultTTL"},
		"WebACLId":                                  {"DistributionConfig.WebACLId"},
		"CloudFrontFunctions":                       {},
	},
	"AWS::SNS::Topic": {"Subscription": {}},
	"AWS::Serverless::GraphQLApi": {
		"AuthenticationType":      {"Auth.Type"},
		"LogConfig.FieldLogLevel": {"Logging.FieldLogLevel"},
	},
	"AWS::SES::ConfigurationSet": {"ConfigurationSetName": {"Name"}},
	"AWS::SES::EmailIdentity":    {"ConfigurationSetName": {"ConfigurationSetAttributes.ConfigurationSetName"}},
	"AWS::KinesisFirehose::DeliveryStream": {
		"BufferingHints.SizeInMBs":         firehoseBuffering("SizeInMBs"),
		"BufferingHints.IntervalInSeconds": firehoseBuffering("IntervalInSeconds"),
	},
	"AWS::Pipes::Pipe":             {"FilterCriteria": {"SourceParameters.FilterCriteria"}},
	"AWS::Serverless::SimpleTable": {"BillingMode": {}},
	"AWS::Cognito::UserPool":       {"IdentityPool": {}},
}

// firehoseDestinations are the destination settings of a delivery stream
// that hold buffering hints, in the order the importer looks.
var firehoseDestinations = []string{"ExtendedS3DestinationConfiguration", "S3DestinationConfiguration",
	"HttpEndpointDestinationConfiguration", "AmazonopensearchserviceDestinationConfiguration",
	"ElasticsearchDestinationConfiguration", "SplunkDestinationConfiguration", "SnowflakeDestinationConfiguration",
	"IcebergDestinationConfiguration"}

func firehoseBuffering(name string) []string {
	out := make([]string, len(firehoseDestinations))
	for i, d := range firehoseDestinations {
		out[i] = d + ".BufferingHints." + name
	}
	return out
}

// makeBlocks turns every resource of a modelled type into a block with its
// properties.
func (b *builder) makeBlocks() {
	for _, r := range b.t.resources {
		if absorbed(b.t, r) {
			continue
		}
		k := b.kinds.kindFor(r)
		if k == nil {
			continue
		}
		bk := b.addBlock(r.id, k.ID, r, r.pos)
		if bk == nil {
			continue
		}
		if r.condition != "" {
			b.note(r.id, r.pos, "created only when condition %s holds; archlab shows it as if it did", r.condition)
		}
		readProps(bk.set, r.props, k.Props, propPaths[r.typ])
		b.kindSpecific(bk, r)
	}
}

// absorbed reports resources that are part of another block: an Aurora
// cluster's instances belong to the cluster's block.
func absorbed(t *template, r *resource) bool {
	if r.typ == "AWS::RDS::DBInstance" {
		if id := t.ref(r.props.get("DBClusterIdentifier")); id != "" {
			r.read = true
			return true
		}
	}
	return false
}

// kindSpecific reads the properties that are not where their names say.
func (b *builder) kindSpecific(bk *blk, r *resource) {
	switch r.typ {
	case "AWS::Serverless::Function":
		// SAM takes Tracing: Disabled for no tracing at all: the function
		// gets no TracingConfig.
		if mode, _ := b.t.resolve(r.props.get("Tracing")).text(); mode == "Disabled" {
			delete(bk.props, "TracingConfig.Mode")
			bk.order = slices.DeleteFunc(bk.order, func(name string) bool { return name == "TracingConfig.Mode" })
		}
	case "AWS::Serverless::SimpleTable":
		// A simple table without provisioned throughput is on demand.
		if r.props.get("ProvisionedThroughput") == nil {
			bk.derive("BillingMode", "PAY_PER_REQUEST", r.pos)
		} else {
			bk.derive("BillingMode", "PROVISIONED", r.pos)
		}
	case "AWS::CloudFront::Distribution":
		var events []any
		for _, fa := range lookup(r.props, "DistributionConfig.DefaultCacheBehavior.FunctionAssociations").itemsOrNil() {
			if e, ok := fa.get("EventType").text(); ok {
				events = append(events, e)
			}
		}
		if len(events) > 0 {
			bk.setValue("CloudFrontFunctions", events, r.pos)
		}
	}
}

// itemsOrNil returns a sequence's items, or nil for anything else.
func (n *node) itemsOrNil() []*node {
	if n == nil || n.kind != seqNode {
		return nil
	}
	return n.items
}

// entries calls f for each key and value of a mapping.
func (n *node) entries() func(yield func(string, *node) bool) {
	return func(yield func(string, *node) bool) {
		if n == nil || n.kind != mapNode {
			return
		}
		for i, k := range n.keys {
			if !yield(k, n.vals[i]) {
				return
			}
		}
	}
}

// kindOfType returns the first kind a resource type becomes, or nil; SAM's
// connectors name types of CloudFormation ("AWS::SQS::Queue") or of SAM
// ("AWS::Serverless::Function").
func (ki *kindIndex) kindOfType(typ string) *design.Kind {
	if ks := ki.byType[typ]; len(ks) > 0 {
		return ks[0]
	}
	return nil
}
