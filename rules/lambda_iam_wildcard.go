package rules

import (
	"slices"
	"strings"

	"github.com/archlab/archlab/design"
)

// lambdaIAMWildcard: an execution role allowed "*" or "service:*" lets a bug
// or a leaked credential do anything the service offers, deletes included.
// It looks at the function's Policies and at the IAM actions of its SDK
// connections.
type lambdaIAMWildcard struct{}

func newLambdaIAMWildcard() Rule { return lambdaIAMWildcard{} }

func (lambdaIAMWildcard) Meta() Meta {
	return Meta{
		ID:          "lambda-iam-wildcard",
		Title:       "Function role granted wildcard actions",
		Severity:    Warning,
		Scope:       "block:lambda",
		Equivalents: []string{"serverless-rules:WS1003", "cdk-nag:Serverless-LambdaStarPermissions"},
	}
}

func (lambdaIAMWildcard) Check(c *Context, report *Report) {
	for _, fn := range c.Kind("lambda") {
		actions := wildcardActions(c.Prop(fn, "Policies").V, nil)
		var conns []string // the SDK connections granting wildcards
		for _, cn := range c.Out(fn) {
			if cn.Integration != design.IntSDK {
				continue
			}
			found := false
			for a := range c.ConnProp(cn, "Actions").Strings() {
				if isWildcardAction(a) {
					actions = appendWildcard(actions, a)
					found = true
				}
			}
			if found {
				conns = append(conns, cn.ID)
			}
		}
		if len(actions) == 0 {
			continue
		}
		subjects := append([]string{fn.ID}, conns...)
		word, scope := "a wildcard action", "anything the "+strings.SplitN(actions[0], ":", 2)[0]+" service offers"
		if len(actions) > 1 {
			word, scope = "wildcard actions", "anything those services offer"
		}
		if slices.ContainsFunc(actions, func(a string) bool { return a == "*" || strings.HasPrefix(a, "*:") }) {
			scope = "anything in the account"
		}
		report.Add(Finding{
			Subjects: subjects,
			Message: c.Label(fn) + "'s role is allowed " + joinIDs(quoted(actions)) + ", " + word + ": a bug or a stolen " +
				"credential can then do " + scope + ", deleting data included. Grant only the actions the code " +
				"calls, on the resources it uses.",
		})
	}
}

// quoted puts each action in quotes, so that "*" reads as an action.
func quoted(actions []string) []string {
	out := make([]string, len(actions))
	for i, a := range actions {
		out[i] = `"` + a + `"`
	}
	return out
}
