package rules

import (
	"strings"

	"github.com/archlab/archlab/design"
)

// lambdaManagedTimeoutSync: a function on Lambda Managed Instances (it
// names a capacity provider) may have a Timeout above the usual 900 s, up
// to 5,400 s, but the longer time covers only asynchronous and
// event-source-mapping invocations. A caller that invokes it synchronously
// still gets at most 900 s, so a long run it waits for fails.
type lambdaManagedTimeoutSync struct{}

func newLambdaManagedTimeoutSync() Rule { return lambdaManagedTimeoutSync{} }

func (lambdaManagedTimeoutSync) Meta() Meta {
	return Meta{
		ID:       "lambda-managed-timeout-sync",
		Title:    "Synchronous call to a long-running Managed Instances function",
		Severity: Warning,
		Scope:    "block:lambda",
	}
}

func (lambdaManagedTimeoutSync) Check(c *Context, report *Report) {
	limit := design.FactValue("lambda.max-timeout")
	for _, fn := range c.Kind("lambda") {
		t := c.Prop(fn, "Timeout")
		if !t.Set() || t.Num() <= limit || !onManagedInstances(c, fn) {
			continue
		}
		subjects := []string{fn.ID}
		var callers []string
		for _, cn := range c.In(fn) {
			if cn.Inferred() || !invokesSynchronously(c, cn) {
				continue
			}
			subjects = append(subjects, cn.ID)
			callers = append(callers, c.Label(c.From(cn))+" ("+cn.ID+")")
		}
		if len(callers) == 0 {
			continue
		}
		verb := "invokes"
		if len(callers) > 1 {
			verb = "invoke"
		}
		report.Add(Finding{Subjects: subjects, Message: c.Label(fn) + " runs on Lambda Managed Instances with a Timeout of " +
			num(t.Num(), "s") + ", but " + joinIDs(callers) + " " + verb + " it synchronously, and a synchronous invocation runs " +
			"at most " + num(limit, "s") + ": the longer timeout of Managed Instances (up to " +
			num(design.FactValue("lambda.managed-instances-max-timeout"), "s") + ") covers only asynchronous and " +
			"event-source-mapping invocations. Keep what the caller waits for under " + num(limit, "s") +
			", and hand the long work over asynchronously (an asynchronous invoke or a queue)."})
	}
}

// invokesSynchronously reports whether a connection invokes its function
// and waits for the answer: an API or client request, a Step Functions
// task that is no callback, a function calling it with RequestResponse.
func invokesSynchronously(c *Context, cn *design.Connection) bool {
	switch c.Model(cn) {
	case design.ModelSync:
		return true
	case design.ModelDirect:
		return c.From(cn).Kind == "stepfunctions" && c.ConnProp(cn, "IntegrationPattern").Str() == "request-response"
	case design.ModelSDK:
		return c.From(cn).Kind == "lambda" && strings.EqualFold(c.ConnProp(cn, "InvocationType").Str(), "RequestResponse")
	}
	return false
}
