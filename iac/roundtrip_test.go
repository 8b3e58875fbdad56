package iac

import (
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/archlab/archlab/design"
)

// roundTripDesigns returns every design of the repository: the content
// templates, the rules' fixtures and golden designs. Documents that do not
// decode (fixtures of decoding errors, work in progress) are skipped.
func roundTripDesigns(tb testing.TB) map[string]*design.Design {
	tb.Helper()
	cat := design.Builtin()
	out := map[string]*design.Design{}
	add := func(name string, data []byte) {
		if d, err := design.Decode(data, cat); err == nil {
			out[name] = d
		}
	}
	files, _ := filepath.Glob("../content/templates/*.archlab.json")
	golden, _ := filepath.Glob("../rules/testdata/golden/*.json")
	for _, f := range append(files, golden...) {
		if strings.HasSuffix(f, ".golden.json") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		add(filepath.Base(f), data)
	}
	fixtures, _ := filepath.Glob("../rules/testdata/fixtures/*.txtar")
	for _, f := range fixtures {
		ar, err := txtar.ParseFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		for _, file := range ar.Files {
			if strings.HasSuffix(file.Name, ".json") {
				add(filepath.Base(f)+"/"+file.Name, file.Data)
			}
		}
	}
	// Physical names, which SAM and CloudFormation call differently for
	// state machines, and a topic's subscriptions that have no block.
	add("physical names", []byte(`{"format":"archlab/v1","title":"Names","blocks":[
		{"id":"Fn","kind":"lambda","props":{"FunctionName":"orders-worker","Runtime":"python3.13","Handler":"app.handler"}},
		{"id":"Table","kind":"dynamodb","props":{"TableName":"orders","BillingMode":"PAY_PER_REQUEST"}},
		{"id":"Stream","kind":"kinesis","props":{"Name":"clicks"}},
		{"id":"Flow","kind":"stepfunctions","props":{"StateMachineName":"order-flow"}},
		{"id":"Alerts","kind":"sns","props":{"Subscription":[{"Endpoint":"ops@example.com","Protocol":"email"}]}}],"connections":[]}`))
	if out["physical names"] == nil {
		tb.Fatal("the physical names design does not decode")
	}
	if len(out) < 100 {
		tb.Fatalf("found only %d designs to round-trip", len(out))
	}
	return out
}

// TestRoundTrip exports every design of the repository as SAM and imports
// it back: the blocks, their kinds, names and properties, and the
// connections with their integrations and properties must come back.
//
// Everything comes back, but not everything through CloudFormation: what a
// template cannot hold travels in Metadata.archlab. metadataAllowed below is
// the list of those properties and connections, each with the reason the
// template cannot carry it; TestExportMetadata fails on anything else.
func TestRoundTrip(t *testing.T) {
	cat := design.Builtin()
	for name, d := range roundTripDesigns(t) {
		t.Run(name, func(t *testing.T) {
			out, err := SAM(d, cat)
			if err != nil {
				t.Fatalf("export: %v", err)
			}
			imp, err := Import(out, d.Title, cat)
			if err != nil {
				t.Fatalf("import of the export: %v\n%s", err, out)
			}
			if diff := designDiff(d, imp.Design); diff != "" {
				t.Fatalf("round trip changed the design:\n%s\n--- template:\n%s", diff, out)
			}
			for _, n := range imp.Notes {
				t.Errorf("the export of %s imports with a note: %s", name, n)
			}
		})
	}
}

// designDiff describes how two designs differ in blocks, kinds, names,
// properties and connections (ids and positions aside).
func designDiff(want, got *design.Design) string {
	var diffs []string
	if want.Title != got.Title {
		diffs = append(diffs, "title "+want.Title+" → "+got.Title)
	}
	if w, g := acceptedValue(want.Accepted), acceptedValue(got.Accepted); !design.Equal(w, g) {
		diffs = append(diffs, "accepted "+jsonOf(w)+" → "+jsonOf(g))
	}
	for _, wb := range want.Blocks {
		gb := got.Block(wb.ID)
		switch {
		case gb == nil:
			diffs = append(diffs, "missing block "+wb.ID)
		case gb.Kind != wb.Kind:
			diffs = append(diffs, "block "+wb.ID+" kind "+wb.Kind+" → "+gb.Kind)
		case gb.Name != wb.Name:
			diffs = append(diffs, "block "+wb.ID+" name "+wb.Name+" → "+gb.Name)
		case (gb.External == nil) != (wb.External == nil) || (gb.External != nil && *gb.External != *wb.External):
			diffs = append(diffs, "block "+wb.ID+" external "+jsonOf(wb.External)+" → "+jsonOf(gb.External))
		case !propsEqual(wb.Props, gb.Props):
			diffs = append(diffs, "block "+wb.ID+" props "+jsonOf(wb.Props)+" → "+jsonOf(gb.Props))
		}
	}
	for _, gb := range got.Blocks {
		if want.Block(gb.ID) == nil {
			diffs = append(diffs, "extra block "+gb.ID+" ("+gb.Kind+")")
		}
	}
	key := func(c design.Connection) string { return c.From + " → " + c.To + " (" + c.Integration + ")" }
	gotConns := map[string]design.Connection{}
	for _, c := range got.Connections {
		gotConns[key(c)] = c
	}
	for _, wc := range want.Connections {
		gc, ok := gotConns[key(wc)]
		switch {
		case !ok:
			diffs = append(diffs, "missing connection "+key(wc))
		case !propsEqual(wc.Props, gc.Props):
			diffs = append(diffs, "connection "+key(wc)+" props "+jsonOf(wc.Props)+" → "+jsonOf(gc.Props))
		case wc.Inferred() != gc.Inferred():
			diffs = append(diffs, "connection "+key(wc)+" evidence "+jsonOf(wc.Evidence)+" → "+jsonOf(gc.Evidence))
		}
		delete(gotConns, key(wc))
	}
	for k := range gotConns {
		diffs = append(diffs, "extra connection "+k)
	}
	slices.Sort(diffs)
	return strings.Join(diffs, "\n")
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// metadataAllowed lists what an export may keep in Metadata.archlab
// instead of in resources, with why the template cannot say it. A pattern
// is matched (path.Match) against "block <kind>", "set <kind>.<prop>",
// "unset <kind>.<prop>", "conn <from kind>-><to kind> <integration>",
// "unwired <from kind>-><to kind> <integration>", and for connections the
// template gives too, "evidence <from kind>-><to kind> <integration>" (with
// the same properties: the entry only says how the connection is known) and
// "default-actions ..." (the same but for the Actions the design leaves
// unset). Anything else an export puts in the metadata is an exporter or
// importer gap, and fails the test.
var metadataAllowed = []struct{ pattern, why string }{
	// Blocks without a resource.
	{"block client", "a client is outside AWS: there is no resource to write"},
	{"block http-endpoint", "an outside endpoint is no resource; rule targets reach it through an API destination, SNS through its URL"},
	{"block eventbridge-bus", "the default bus (a bus without a Name) exists in every account; a template cannot create it"},
	{"block outside *", "a block outside the design is someone else's resource: the template can only name it"},
	// Design-time estimates are archlab's, not CloudFormation's.
	{"set *.Expected*", "an estimate"},
	{"set *.RequiredFeatures", "an estimate"},
	{"set lambda.AverageDurationMs", "an estimate"},
	{"set lambda.EdgeFunction", "an estimate: Lambda@Edge is a deployment of a version, not a property"},
	{"set rds.MaxConnections", "an estimate"},
	{"set ses.MaxSendRate", "an estimate (the account's quota)"},
	{"set apigateway-rest.MaxIntegrationTimeoutInMillis", "an estimate (the account's quota)"},
	// Values the template's form cannot hold.
	{"set apigateway-*.AuthorizationType", "NONE set explicitly, or a type with no authorizer of that type to name as SAM's DefaultAuthorizer"},
	{"set apigateway-rest.Policy", "an empty resource policy: SAM takes statements only"},
	{"set lambda.Policies", "a single policy document joined by the statements of SDK calls becomes a list"},
	// Placeholders the skeleton needs to deploy, which the design leaves unset.
	{"unset lambda.Handler", "placeholder"},
	{"unset lambda.Runtime", "placeholder"},
	{"unset lambda.AutoPublishAlias", "Lambda@Edge associations name a published version"},
	{"unset lambda.FunctionUrlConfig.AuthType", "a function URL origin needs a URL"},
	{"unset stepfunctions.Definition", "a state machine needs a definition; the export writes one from the task connections"},
	{"unset cloudfront.DefaultCacheBehavior.ViewerProtocolPolicy", "placeholder (required)"},
	{"unset dynamodb.ProvisionedThroughput.*", "provisioned tables need capacity"},
	{"unset scheduler.FlexibleTimeWindow.Mode", "placeholder (required)"},
	{"unset apigateway-websocket.RouteSelectionExpression", "placeholder (required)"},
	{"unset appsync.AuthenticationType", "placeholder (required)"},
	{"unset dax.NodeType", "placeholder (required)"},
	{"unset dax.ReplicationFactor", "placeholder (required)"},
	{"unset rds.Engine", "placeholder (required)"},
	{"unset firehose.DeliveryStreamType", "a stream read from Kinesis says so"},
	{"unset s3.NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled", "a connection to the default bus is this setting; the design has the one without the other"},
	// Connections a template does not hold.
	{"conn client->*", "a client is outside AWS"},
	{"conn http-endpoint->*", "an outside caller is outside AWS"},
	{"conn *->http-endpoint *", "an outside endpoint: function code, origins and task states call it by URL"},
	{"conn lambda->rds sql", "a database connection is network reachability and credentials, not a template property"},
	{"conn lambda->lambda sdk", "InvocationType is how the code calls, not a permission"},
	{"conn lambda->eventbridge-bus sdk", "two default buses in one design: a template names only one"},
	{"unwired lambda->eventbridge-bus sdk", "two default buses in one design: a template names only one"},
	{"conn dax->dynamodb cache", "DAX names its table in code, not in the template"},
	{"conn s3->athena source", "Athena reads tables of the Glue Data Catalog, which the design does not model"},
	{"conn athena->s3 query-results", "the workgroup's OutputLocation is a property; the bucket behind it is not named"},
	{"conn s3->eventbridge-bus eventbridge", "S3 sends events to the default bus only"},
	{"conn kinesis->firehose source", "a delivery stream reads one stream"},
	{"conn scheduler->* target", "a schedule has one target"},
	{"conn eventbridge-subscriber->* target", "a Custom Event Bus subscriber has one target"},
	{"unset eventbridge-custom-bus.Name", "placeholder (required)"},
	{"unset eventbridge-subscriber.Name", "placeholder (required)"},
	{"conn eventbridge-pipe->* *", "a pipe has one target and one enrichment"},
	{"conn sqs->lambda event-source-mapping", "StartingPosition, which SQS refuses, has no place in SAM's SQS event"},
	{"conn apigateway-rest->lambda invoke", "IntegrationType AWS_PROXY set explicitly: SAM's Api events are always proxies"},
	{"conn apigateway-rest->stepfunctions service-integration", "Action set explicitly to its default"},
	{"conn stepfunctions->* task", "the design's own Definition does not show this call (an aws-sdk task without a placeholder), or sets a default explicitly"},
	{"conn s3->* notification", "Events set explicitly to its default"},
	{"conn cognito->lambda trigger", "TriggerSource set explicitly to its default"},
	{"evidence lambda->* sdk", "a drawn SDK call becomes an IAM grant, which alone is only evidence of a call: the metadata keeps it declared"},
	{"evidence lambda->rds data-api", "a drawn Data API call becomes an IAM grant, which alone is only evidence of a call: the metadata keeps it declared"},
	{"default-actions lambda->* sdk", "a call drawn without Actions is granted the SAM policy template of the target's kind (or a statement of its usual actions), whose actions the template then says: the metadata keeps them unset"},
	{"poller lambda->sqs sdk", "a call of only the actions Lambda's poller takes on the queue the function consumes (sqs:DeleteMessage) reads, in a template, as the event source mapping's permission"},
}

// TestExportMetadata checks that exports keep in their metadata only what
// metadataAllowed explains.
func TestExportMetadata(t *testing.T) {
	cat := design.Builtin()
	used := map[string]int{}
	for name, d := range roundTripDesigns(t) {
		x, _, err := exportSAM(d, cat)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		given := templateConnections(t, d, cat)
		var items []string
		for _, b := range x.meta.Blocks {
			if b.External != nil {
				items = append(items, "block outside "+b.Kind)
				continue
			}
			items = append(items, "block "+b.Kind)
		}
		for _, id := range x.resources.keys {
			r := x.resources.get(id).(*outRes)
			b := x.byID[id]
			if r.meta == nil || b == nil {
				continue
			}
			if set, ok := r.meta.get("props").(map[string]any); ok {
				for k := range set {
					items = append(items, "set "+b.Kind+"."+k)
				}
			}
			if unset, ok := r.meta.get("unset").([]any); ok {
				for _, k := range unset {
					items = append(items, "unset "+b.Kind+"."+k.(string))
				}
			}
		}
		for _, c := range x.meta.Connections {
			items = append(items, metaConnItem(d, x, c, given))
		}
		for _, c := range x.meta.Unwired {
			items = append(items, "unwired "+x.byID[c.From].Kind+"->"+x.byID[c.To].Kind+" "+c.Integration)
		}
	next:
		for _, it := range items {
			for _, a := range metadataAllowed {
				if ok, _ := path.Match(a.pattern, it); ok {
					used[a.pattern]++
					continue next
				}
			}
			t.Errorf("%s: the export keeps %q in its metadata, which metadataAllowed does not explain", name, it)
		}
	}
	for _, a := range metadataAllowed {
		if used[a.pattern] == 0 {
			t.Logf("metadataAllowed %q is not needed by any design", a.pattern)
		}
	}
}

// templateConnections imports what an export writes before its metadata
// says anything of connections: the connections the template itself gives,
// by from, to and integration.
func templateConnections(tb testing.TB, d *design.Design, cat *design.Catalogue) map[[3]string]design.Connection {
	tb.Helper()
	x := newExporter(d.Clone(), cat)
	x.build()
	out, err := x.render()
	if err != nil {
		tb.Fatal(err)
	}
	imp, err := Import(out, d.Title, cat)
	if err != nil {
		tb.Fatalf("import of the export: %v\n%s", err, out)
	}
	given := map[[3]string]design.Connection{}
	for _, c := range imp.Design.Connections {
		given[[3]string{c.From, c.To, c.Integration}] = c
	}
	return given
}

// metaConnItem names a connection an export keeps in its metadata for
// metadataAllowed, saying how it differs from what the template gives.
func metaConnItem(d *design.Design, x *exporter, c metaConn, given map[[3]string]design.Connection) string {
	kinds := x.byID[c.From].Kind + "->" + x.byID[c.To].Kind + " " + c.Integration
	h, ok := given[[3]string{c.From, c.To, c.Integration}]
	withoutActions := design.Props{}
	for k, v := range h.Props {
		if k != "Actions" {
			withoutActions[k] = v
		}
	}
	actions, _ := c.Props["Actions"].([]any)
	var names []string
	for _, a := range actions {
		s, _ := a.(string)
		names = append(names, s)
	}
	switch {
	case ok && propsEqual(h.Props, c.Props):
		return "evidence " + kinds
	case ok && c.Props["Actions"] == nil && propsEqual(withoutActions, c.Props):
		return "default-actions " + kinds
	case !ok && allPrefixed(names, pollPrefixes) && slices.ContainsFunc(d.Connections, func(m design.Connection) bool {
		return m.From == c.To && m.To == c.From && m.Integration == design.IntESM
	}):
		return "poller " + kinds
	}
	return "conn " + kinds
}
