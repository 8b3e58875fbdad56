package design

// Authorization in API Gateway belongs to each method of a REST API and to
// each route of an HTTP API, not to the API: one API may serve public
// routes, routes behind a user pool and routes signed with IAM. The API's
// own AuthorizationType is the default its routes take (SAM's
// DefaultAuthorizer); an integration's AuthorizationType says how the routes
// it serves are authorized when they do not all take that default.

// routeAuthTypes are the authorization types a route of each API kind may
// use. WebSocket APIs authorize only the $connect route, which the API's
// own AuthorizationType describes.
var routeAuthTypes = map[string][]string{
	"apigateway-rest": {"NONE", "AWS_IAM", "COGNITO_USER_POOLS", "CUSTOM"},
	"apigateway-http": {"NONE", "AWS_IAM", "JWT", "CUSTOM"},
}

// RouteAuthorizationTypes returns the authorization types a route of an API
// kind may use, nil for a kind whose routes carry none.
func RouteAuthorizationTypes(apiKind string) []string { return routeAuthTypes[apiKind] }

// routeAuthorization is the AuthorizationType of the routes an API's
// integration serves, for the API kinds whose routes carry one.
func routeAuthorization(apiKind string) []Prop {
	values := routeAuthTypes[apiKind]
	if values == nil {
		return nil
	}
	return []Prop{{Name: "AuthorizationType", Label: "Route authorization", Type: TypeList, Values: values,
		Summary: "How the routes this integration serves are authorized, when they do not all take the API's default; a route may be public while another needs a token.",
		KB:      "/kb/cognito-and-api-authorization"}}
}

// apiDefinition is where an API's OpenAPI definition lives when the
// template keeps it in a file of its own.
var apiDefinition = []Prop{
	{Name: "DefinitionUri", Label: "External definition", Type: TypeString,
		Summary: "An OpenAPI file outside the template (SAM's DefinitionUri, CloudFormation's BodyS3Location): the routes, authorizers and resource policy it holds are not part of the design.",
		KB:      "/kb/api-gateway"},
}

// appSyncResolverProps are what an AppSync data source connection says of
// the resolvers that use it.
var appSyncResolverProps = []Prop{
	{Name: "Fields", Label: "Resolved fields", Type: TypeList,
		Summary: "The fields whose resolvers call this data source, as Type.field (Query.getOrder), whether as a unit resolver or as a function of a pipeline.",
		KB:      "/kb/rest-vs-graphql"},
}
