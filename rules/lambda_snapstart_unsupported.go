package rules

import (
	"strconv"
	"strings"
)

// lambdaSnapStartUnsupported: SnapStart works only with Java 11 and later,
// Python 3.12 and later and .NET 8 and later, and not together with
// provisioned concurrency or more than 512 MB of ephemeral storage; Lambda
// refuses the rest.
type lambdaSnapStartUnsupported struct{}

func newLambdaSnapStartUnsupported() Rule { return lambdaSnapStartUnsupported{} }

// lambdaSnapStartUnsupportedFix is the fix's patch, one map shared by every finding (see fix.go).
var lambdaSnapStartUnsupportedFix = map[string]any{"SnapStart.ApplyOn": "None"}

func (lambdaSnapStartUnsupported) Meta() Meta {
	return Meta{
		ID:          "lambda-snapstart-unsupported",
		Title:       "SnapStart where Lambda does not support it",
		Severity:    Error,
		Scope:       "block:lambda",
		Equivalents: []string{"cfn-lint:E2530"},
	}
}

func (lambdaSnapStartUnsupported) Check(c *Context, report *Report) {
	for _, fn := range c.Kind("lambda") {
		if c.Prop(fn, "SnapStart.ApplyOn").Str() != "PublishedVersions" {
			continue
		}
		var why []string
		runtime := c.Prop(fn, "Runtime")
		if c.Prop(fn, "PackageType").Str() == "Image" {
			why = append(why, "a container image")
		} else if runtime.Set() && !snapStartRuntime(runtime.Str()) {
			why = append(why, "runtime "+runtime.Str()+" (it needs Java 11+, Python 3.12+ or .NET 8+)")
		}
		if prov := c.Prop(fn, "ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions"); prov.Set() {
			why = append(why, "provisioned concurrency of "+prov.Text())
		}
		if storage := c.Prop(fn, "EphemeralStorage.Size"); storage.Num() > 512 {
			why = append(why, "ephemeral storage of "+storage.Text()+" (512 MB at most)")
		}
		if len(why) == 0 {
			continue
		}
		report.Add(Finding{
			Subjects: []string{fn.ID},
			Message: c.Label(fn) + " turns SnapStart on, but SnapStart does not support " + joinOr(why) + ": Lambda " +
				"refuses to publish the version. Turn SnapStart off, or change what it conflicts with.",
			Fix: ops(setProps(fn.ID, lambdaSnapStartUnsupportedFix)),
		})
	}
}

// snapStartRuntime reports whether SnapStart supports a runtime: java11 and
// later (with their .al2023 variants), python3.12 and later, dotnet8 and
// later.
func snapStartRuntime(rt string) bool {
	version := func(prefix string) int {
		v := strings.TrimPrefix(rt, prefix)
		v, _, _ = strings.Cut(v, ".")
		n, err := strconv.Atoi(v)
		if err != nil {
			return -1
		}
		return n
	}
	switch {
	case strings.HasPrefix(rt, "java"):
		return version("java") >= 11
	case strings.HasPrefix(rt, "python3."):
		return version("python3.") >= 12
	case strings.HasPrefix(rt, "dotnet"):
		return version("dotnet") >= 8
	}
	return false
}
