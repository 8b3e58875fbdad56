package rules

// lambdaLogLevelNeedsJSON: Lambda filters application logs by level only in
// the JSON log format; with Text it refuses an ApplicationLogLevel.
type lambdaLogLevelNeedsJSON struct{}

func newLambdaLogLevelNeedsJSON() Rule { return lambdaLogLevelNeedsJSON{} }

// lambdaLogLevelNeedsJSONFix is the fix's patch, one map shared by every finding (see fix.go).
var lambdaLogLevelNeedsJSONFix = map[string]any{"LoggingConfig.LogFormat": "JSON"}

func (lambdaLogLevelNeedsJSON) Meta() Meta {
	return Meta{
		ID:          "lambda-log-level-needs-json",
		Title:       "Application log level set with the Text log format",
		Severity:    Error,
		Scope:       "block:lambda",
		Equivalents: []string{"cfn-lint:E3696"},
	}
}

func (lambdaLogLevelNeedsJSON) Check(c *Context, report *Report) {
	for _, fn := range c.Kind("lambda") {
		level := c.Prop(fn, "LoggingConfig.ApplicationLogLevel")
		format := c.Prop(fn, "LoggingConfig.LogFormat")
		if !level.Set() || format.Str() != "Text" {
			continue
		}
		report.Add(Finding{
			Subjects: []string{fn.ID},
			Message: c.Label(fn) + " sets ApplicationLogLevel " + level.Text() + " with LogFormat " + format.Text() +
				": Lambda can filter logs by level only when they are JSON, and refuses the configuration. Switch the " +
				"log format to JSON.",
			Fix: ops(setProps(fn.ID, lambdaLogLevelNeedsJSONFix)),
		})
	}
}
