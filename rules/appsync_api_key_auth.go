package rules

import (
	"github.com/archlab/archlab/design"
)

// appsyncAPIKeyAuth: an API key says which app is calling, not which user;
// anyone who reads it out of the app can call the API, and it expires. An
// API that also accepts a mode that identifies callers (IAM, a user pool,
// OIDC, a Lambda authorizer) may keep the key for the few fields its
// schema opens to guests, so only an API whose one mode is the key is
// reported.
type appsyncAPIKeyAuth struct{}

func newAppSyncAPIKeyAuth() Rule { return appsyncAPIKeyAuth{} }

func (appsyncAPIKeyAuth) Meta() Meta {
	return Meta{
		ID:       "appsync-api-key-auth",
		Title:    "AppSync API authenticated by API key only",
		Severity: Warning,
		Scope:    "block:appsync",
	}
}

func (appsyncAPIKeyAuth) Check(c *Context, report *Report) {
	for _, api := range c.Kind("appsync") {
		auth := c.Prop(api, "AuthenticationType")
		if auth.Str() != "API_KEY" {
			continue // unset: CloudFormation requires it, and nobody chose the key
		}
		for mode := range c.Prop(api, "AdditionalAuthenticationProviders").Strings() {
			if mode != "API_KEY" {
				auth.V = nil
			}
		}
		if auth.V == nil {
			continue
		}
		var callers []string
		for _, cn := range c.In(api) {
			if cn.Integration == design.IntRequest {
				callers = append(callers, cn.From)
			}
		}
		if len(callers) == 0 {
			continue
		}
		report.Add(Finding{
			Subjects: []string{api.ID},
			Message: c.Label(api) + " is called by " + c.joinLabels(callers) + " with AuthenticationType " + auth.Text() +
				" and no other authorization mode: the key ships inside the app, so anyone who extracts it can call " +
				"the API, it says nothing about the user, and it expires (after 7 days by default, 365 days at most). " +
				"Use Cognito user pools, OIDC or IAM for users, as the default or as an additional mode.",
		})
	}
}
