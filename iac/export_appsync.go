package iac

import (
	"strings"

	"github.com/archlab/archlab/design"
)

// appSyncCode is the placeholder code of the resolvers and functions the
// export writes: it passes the data source's result through.
const appSyncCode = "export function request(ctx) { return {}; }\nexport function response(ctx) { return ctx.result; }\n"

// resolverFields writes the resolvers of the fields a data source
// connection resolves: a unit resolver for a field one data source serves,
// a pipeline of functions for a field several serve.
func (x *exporter) resolverFields(c *design.Connection, ds *outRes) {
	fields, _ := c.Props["Fields"].([]any)
	for _, f := range fields {
		s, _ := f.(string)
		typeName, fieldName, ok := strings.Cut(s, ".")
		if !ok || typeName == "" || fieldName == "" {
			continue
		}
		r := x.fieldResolver(c.From, typeName, fieldName)
		if r == nil {
			r = x.add(c.From+typeName+fieldName+"Resolver", "AWS::AppSync::Resolver")
			r.props.set("ApiId", getAtt(c.From, "ApiId"))
			r.props.set("TypeName", typeName)
			r.props.set("FieldName", fieldName)
			r.props.set("Kind", "UNIT")
			r.props.set("DataSourceName", getAtt(ds.id, "Name"))
			appSyncRuntime(r.props)
			continue
		}
		if kind, _ := r.props.get("Kind").(string); kind == "UNIT" {
			// A second data source: the field becomes a pipeline.
			first, _ := r.props.get("DataSourceName").(intrinsic)
			arg, _ := first.arg.(string)
			r.props.del("DataSourceName")
			r.props.set("Kind", "PIPELINE")
			r.props.child("PipelineConfig").set("Functions", []any{x.appSyncFunction(c.From, strings.TrimSuffix(arg, ".Name"))})
		}
		fns, _ := r.props.child("PipelineConfig").get("Functions").([]any)
		r.props.child("PipelineConfig").set("Functions", append(fns, x.appSyncFunction(c.From, ds.id)))
	}
}

// fieldResolver returns the resolver the export wrote for an API's field.
func (x *exporter) fieldResolver(api, typeName, fieldName string) *outRes {
	for _, id := range x.resources.keys {
		r := x.resources.get(id).(*outRes)
		if r.typ != "AWS::AppSync::Resolver" || r.props.get("TypeName") != typeName || r.props.get("FieldName") != fieldName {
			continue
		}
		if a, ok := r.props.get("ApiId").(intrinsic); ok && a.arg == any(api+".ApiId") {
			return r
		}
	}
	return nil
}

// appSyncFunction adds a pipeline function calling a data source and
// returns its id for a pipeline.
func (x *exporter) appSyncFunction(api, ds string) any {
	fn := x.add(ds+"Function", "AWS::AppSync::FunctionConfiguration")
	fn.props.set("ApiId", getAtt(api, "ApiId"))
	fn.props.set("Name", fn.id)
	fn.props.set("DataSourceName", getAtt(ds, "Name"))
	appSyncRuntime(fn.props)
	return getAtt(fn.id, "FunctionId")
}

// appSyncRuntime sets the JavaScript runtime and the placeholder code.
func appSyncRuntime(p *omap) {
	p.child("Runtime").set("Name", "APPSYNC_JS")
	p.child("Runtime").set("RuntimeVersion", "1.0.0")
	p.set("Code", appSyncCode)
}
