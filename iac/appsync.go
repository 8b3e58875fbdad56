package iac

import (
	"slices"
	"strings"

	"github.com/archlab/archlab/design"
)

// An AppSync API calls its data sources through resolvers: a unit resolver
// names one data source, a pipeline resolver a list of functions that each
// name one. The importer connects the API to each data source it declares
// or a resolver uses (one outside the template becomes a block outside the
// design) and records on the connection the fields whose resolvers call
// it. It also reads the API's authorization modes: the default, the
// additional ones, and the Lambda authorizers and user pools they name.

// appSync reads one AppSync resource.
func (b *builder) appSync(r *resource) {
	p := r.props
	switch r.typ {
	case "AWS::Serverless::GraphQLApi":
		if b.kindOf(r.id) == "appsync" {
			b.samGraphQLAPI(r)
		}
	case "AWS::AppSync::GraphQLApi":
		if bk := b.block(r.id); bk != nil && bk.kind == "appsync" {
			b.appSyncAuth(bk, p.get("AuthenticationType"), p.get("LambdaAuthorizerConfig"), p.get("UserPoolConfig"), p.posOr(r.pos))
			var extra []string
			for _, a := range p.get("AdditionalAuthenticationProviders").itemsOrNil() {
				at, _ := b.t.render(a.get("AuthenticationType"))
				extra = append(extra, at)
				b.appSyncAuth(bk, a.get("AuthenticationType"), a.get("LambdaAuthorizerConfig"), a.get("UserPoolConfig"), a.pos)
			}
			b.additionalAuth(bk, extra, p.get("AdditionalAuthenticationProviders"))
		}
	case "AWS::AppSync::DataSource":
		if !r.read {
			b.appSyncDataSource(r)
		}
	case "AWS::AppSync::FunctionConfiguration":
		api := b.t.ref(p.get("ApiId"))
		if b.kindOf(api) != "appsync" {
			return
		}
		r.read = true
		b.dataSourceNamed(api, r.id, p.get("DataSourceName"), r.pos)
	case "AWS::AppSync::Resolver":
		api := b.t.ref(p.get("ApiId"))
		if b.kindOf(api) != "appsync" {
			return
		}
		r.read = true
		typeName, _ := b.t.render(p.get("TypeName"))
		fieldName, _ := b.t.render(p.get("FieldName"))
		field := typeName + "." + fieldName
		if fns := lookup(p, "PipelineConfig.Functions"); fns != nil {
			for _, fn := range fns.itemsOrNil() {
				if f := b.t.byID[b.t.ref(fn)]; f != nil && f.typ == "AWS::AppSync::FunctionConfiguration" {
					addField(b.dataSourceNamed(api, f.id, f.props.get("DataSourceName"), f.pos), field, r.pos)
				}
			}
			return
		}
		addField(b.dataSourceNamed(api, r.id, p.get("DataSourceName"), r.pos), field, r.pos)
	case "AWS::AppSync::GraphQLSchema", "AWS::AppSync::ApiKey", "AWS::AppSync::ApiCache":
		// Parts of the API's own configuration.
		if b.kindOf(b.t.ref(p.get("ApiId"))) == "appsync" {
			r.read = true
		}
	}
}

// appSyncAuth reads one authorization mode of an AppSync API: a Lambda
// authorizer or a user pool becomes an authorizer connection.
func (b *builder) appSyncAuth(api *blk, typ, lambda, pool *node, at pos) {
	mode, _ := b.t.render(typ)
	switch mode {
	case "AWS_LAMBDA":
		if uri := lambda.get("AuthorizerUri"); uri != nil {
			b.targetAs(api.id, uri, design.IntAuthorizer, []string{"lambda"}, uri.pos, "")
		}
	case "AMAZON_COGNITO_USER_POOLS":
		id := pool.get("UserPoolId")
		if id == nil {
			return
		}
		if to := b.t.ref(id); b.kindOf(to) == "cognito" {
			b.connect(api.id, to, design.IntAuthorizer, id.pos, "")
			return
		}
		if ext := b.external(id, []string{"cognito"}, id.pos, ""); ext != nil {
			b.connect(api.id, ext.id, design.IntAuthorizer, id.pos, "")
		}
	}
}

// additionalAuth records an AppSync API's additional authorization modes.
func (b *builder) additionalAuth(api *blk, modes []string, at *node) {
	if at == nil {
		return
	}
	var list []any
	for _, m := range modes {
		if m != "" && !slices.Contains(list, any(m)) {
			list = append(list, m)
		}
	}
	if _, ok := api.props["AdditionalAuthenticationProviders"]; !ok {
		api.order = append(api.order, "AdditionalAuthenticationProviders")
	}
	if len(list) == 0 {
		delete(api.props, "AdditionalAuthenticationProviders")
		api.order = slices.DeleteFunc(api.order, func(s string) bool { return s == "AdditionalAuthenticationProviders" })
		return
	}
	api.props["AdditionalAuthenticationProviders"] = pending{v: list, set: true, at: at.pos}
}

// samGraphQLAPI reads a SAM GraphQL API: its authorization modes, its data
// sources, and the functions and pipeline resolvers that use them.
func (b *builder) samGraphQLAPI(r *resource) {
	p := r.props
	api := b.block(r.id)
	auth := p.get("Auth")
	b.appSyncAuth(api, auth.get("Type"), auth.get("LambdaAuthorizer"), auth.get("UserPool"), p.posOr(r.pos))
	var extra []string
	for _, a := range auth.get("Additional").itemsOrNil() {
		at, _ := b.t.render(a.get("Type"))
		extra = append(extra, at)
		b.appSyncAuth(api, a.get("Type"), a.get("LambdaAuthorizer"), a.get("UserPool"), a.pos)
	}
	b.additionalAuth(api, extra, auth.get("Additional"))
	// Data sources by their name in DataSources.
	sources := map[string]*conn{}
	ds := p.get("DataSources")
	for name, e := range ds.get("DynamoDb").entries() {
		table := e.get("TableArn")
		if table == nil {
			table = e.get("TableName")
		}
		sources[name] = b.targetAs(r.id, table, design.IntResolver, []string{"dynamodb"}, e.pos, "")
	}
	for name, e := range ds.get("Lambda").entries() {
		sources[name] = b.targetAs(r.id, e.get("FunctionArn"), design.IntResolver, []string{"lambda"}, e.pos, "")
	}
	// Functions, each calling one data source.
	functions := map[string]*conn{}
	for name, f := range p.get("Functions").entries() {
		if id := f.get("Id"); id != nil {
			if fc := b.t.byID[b.t.ref(id)]; fc != nil && fc.typ == "AWS::AppSync::FunctionConfiguration" {
				functions[name] = b.dataSourceNamed(r.id, fc.id, fc.props.get("DataSourceName"), fc.pos)
			}
			continue
		}
		d := f.get("DataSource")
		if s, ok := d.text(); ok {
			if c, ok := sources[s]; ok {
				functions[name] = c
				continue
			}
		}
		// A local resolver (NONE), or a data source resource of the API.
		functions[name] = b.dataSourceNamed(r.id, r.id, d, f.pos)
	}
	// Pipeline resolvers, per type and field.
	for typeName, resolvers := range p.get("Resolvers").entries() {
		for name, res := range resolvers.entries() {
			field := name
			if f, ok := res.get("FieldName").text(); ok && f != "" {
				field = f
			}
			for _, fn := range res.get("Pipeline").itemsOrNil() {
				if s, ok := fn.text(); ok {
					addField(functions[s], typeName+"."+field, res.pos)
				}
			}
		}
	}
}

// addField records that a field's resolver calls a data source.
func addField(c *conn, field string, at pos) {
	if c == nil || strings.HasSuffix(field, ".") || strings.HasPrefix(field, ".") {
		return
	}
	old, ok := c.props["Fields"]
	if !ok {
		c.order = append(c.order, "Fields")
		c.props["Fields"] = pending{v: []any{field}, set: true, at: at}
		return
	}
	list, _ := old.v.([]any)
	if !slices.Contains(list, any(field)) {
		old.v = append(slices.Clone(list), field)
		c.props["Fields"] = old
	}
}

// dataSourceServices are AppSync's data source types of services the
// catalogue does not model: the service's namespace and where the data
// source names the resource it calls ("" for a service it calls as a
// whole).
var dataSourceServices = map[string]struct{ service, path string }{
	"AMAZON_ELASTICSEARCH":      {"es", "ElasticsearchConfig.Endpoint"},
	"AMAZON_OPENSEARCH_SERVICE": {"es", "OpenSearchServiceConfig.Endpoint"},
	"AMAZON_BEDROCK_RUNTIME":    {"bedrock", ""},
}

// dataSourceKinds are the kinds each data source type names.
var dataSourceKinds = map[string]struct {
	path string
	kind string
}{
	"AWS_LAMBDA":          {"LambdaConfig.LambdaFunctionArn", "lambda"},
	"AMAZON_DYNAMODB":     {"DynamoDBConfig.TableName", "dynamodb"},
	"RELATIONAL_DATABASE": {"RelationalDatabaseConfig.RdsHttpEndpointConfig.DbClusterIdentifier", "rds"},
	"AMAZON_EVENTBRIDGE":  {"EventBridgeConfig.EventBusArn", "eventbridge-bus"},
}

// appSyncDataSource connects an AppSync API to a data source resource and
// returns the connection; a data source of type NONE connects nothing.
func (b *builder) appSyncDataSource(r *resource) *conn {
	p := r.props
	api := b.t.ref(p.get("ApiId"))
	if b.kindOf(api) != "appsync" {
		return nil
	}
	r.read = true
	typ, _ := p.get("Type").text()
	if k, ok := dataSourceKinds[typ]; ok {
		return b.targetAs(api, lookup(p, k.path), design.IntResolver, []string{k.kind}, r.pos, r.id)
	}
	switch typ {
	case "NONE":
		return nil
	case "HTTP":
		if ep := b.addBlock(r.id, "http-endpoint", r, r.pos); ep != nil {
			ep.set("Url", lookup(p, "HttpConfig.Endpoint"))
			return b.connect(api, ep.id, design.IntResolver, r.pos, "")
		}
		return nil
	}
	// OpenSearch, Bedrock: a service the catalogue lacks, outside the
	// design. An OpenSearch domain is the one its endpoint names; Bedrock
	// is named by nothing but the data source.
	svc, ok := dataSourceServices[typ]
	if !ok {
		b.note(r.id, r.pos, "the data source's type %q is not modelled by archlab; it is not shown", typ)
		return nil
	}
	var ext *blk
	if endpoint := lookup(p, svc.path); svc.path != "" && endpoint != nil {
		ext = b.external(endpoint, []string{design.KindExternal}, r.pos, "")
	} else {
		ext = b.addOutside(r.id, design.KindExternal, r, design.External{}, r.pos)
	}
	if ext == nil {
		return nil
	}
	if ext.external != nil && ext.external.Service == "" {
		ext.external.Service = svc.service
	}
	if ext.name == "" {
		ext.name = design.ServiceName(svc.service)
	}
	return b.connect(api, ext.id, design.IntResolver, r.pos, r.id)
}

// dataSourceConn returns the connection a data source resource made,
// reading the data source first when it was not yet.
func (b *builder) dataSourceConn(api string, ds *resource) *conn {
	if !ds.read {
		return b.appSyncDataSource(ds)
	}
	for _, c := range b.conns {
		if c.from == api && c.integ == design.IntResolver && (c.id == ds.id || c.to == ds.id) {
			return c
		}
	}
	// Another data source connected the same target first.
	typ, _ := ds.props.get("Type").text()
	path := dataSourceKinds[typ].path
	if path == "" {
		path = dataSourceServices[typ].path
	}
	ref := lookup(ds.props, path)
	if path == "" || ref == nil {
		return nil
	}
	return b.connByKey[[3]string{api, b.refOrName(ref), design.IntResolver}]
}

// dataSourceNamed returns the connection to the data source a name
// designates: a data source resource of the template (by !GetAtt or by its
// Name), or one outside it (a parameter, an import), which becomes a block
// outside the design. A literal name no data source of the API has is a
// typo, since names belong to their API: owner, which names it, gets a
// note.
func (b *builder) dataSourceNamed(api, owner string, name *node, at pos) *conn {
	if name == nil {
		return nil
	}
	if ds := b.t.byID[b.t.ref(name)]; ds != nil && ds.typ == "AWS::AppSync::DataSource" {
		return b.dataSourceConn(api, ds)
	}
	s, literal := name.text()
	if literal {
		if strings.EqualFold(s, "none") {
			return nil
		}
		for _, ds := range b.t.resources {
			if ds.typ != "AWS::AppSync::DataSource" || b.t.ref(ds.props.get("ApiId")) != api {
				continue
			}
			if n, _ := b.t.render(ds.props.get("Name")); n == s {
				if t, _ := ds.props.get("Type").text(); t == "NONE" {
					return nil
				}
				return b.dataSourceConn(api, ds)
			}
		}
		b.note(owner, at, "DataSourceName %q names none of %s's data sources, and a data source's name belongs to its API: a typo? The connection is not shown", s, api)
		return nil
	}
	ext := b.external(name, []string{design.KindExternal}, at, "")
	if ext == nil {
		return nil
	}
	if ext.name == "" {
		ext.name = "AppSync data source"
	}
	return b.connect(api, ext.id, design.IntResolver, at, "")
}
