package rules

import (
	"regexp"
	"slices"
	"strings"

	"github.com/archlab/archlab/design"
)

// sfnExpressUnsupportedPattern: Express workflows support request-response
// calls only: no waiting for jobs (.sync), no callbacks (.waitForTaskToken),
// no distributed Map and no activities. Step Functions refuses such a
// definition for an Express state machine.
type sfnExpressUnsupportedPattern struct{}

func newSfnExpressUnsupportedPattern() Rule { return sfnExpressUnsupportedPattern{} }

func (sfnExpressUnsupportedPattern) Meta() Meta {
	return Meta{
		ID:       "sfn-express-unsupported-pattern",
		Title:    "Express workflow uses a pattern only Standard supports",
		Severity: Error,
		Scope:    "block:stepfunctions",
	}
}

// syncResource matches a task resource that waits for a job: ".sync" at the
// end or before a version (":2").
var syncResource = regexp.MustCompile(`\.sync(:|$)`)

func (sfnExpressUnsupportedPattern) Check(c *Context, report *Report) {
	for _, sm := range c.Kind("stepfunctions") {
		if !sfnIsExpress(c, sm) {
			continue
		}
		var uses []string
		add := func(s string) {
			if !slices.Contains(uses, s) {
				uses = append(uses, s)
			}
		}
		subjects := []string{sm.ID}
		for _, cn := range c.Out(sm) {
			if cn.Integration != design.IntTask {
				continue
			}
			switch p := c.ConnProp(cn, "IntegrationPattern"); p.Str() {
			case "sync", "wait-for-task-token":
				add("a " + p.Str() + " task on " + c.Label(c.To(cn)))
				subjects = append(subjects, cn.ID)
			}
		}
		if def, ok := sfnDefinition(sm); ok && def != nil {
			sfnWalkStates(def, func(name string, st map[string]any) {
				res, _ := st["Resource"].(string)
				switch {
				case syncResource.MatchString(res):
					add("state " + sfnQuote(name) + " (.sync)")
				case strings.Contains(res, ".waitForTaskToken"):
					add("state " + sfnQuote(name) + " (.waitForTaskToken)")
				case strings.Contains(res, ":activity:"):
					add("state " + sfnQuote(name) + " (an activity)")
				}
				if st["Type"] == "Map" {
					proc, _ := st["ItemProcessor"].(map[string]any)
					conf, _ := proc["ProcessorConfig"].(map[string]any)
					if conf["Mode"] == "DISTRIBUTED" {
						add("state " + sfnQuote(name) + " (a distributed Map)")
					}
				}
			})
		}
		if len(uses) == 0 {
			continue
		}
		fix, advice := sfnToStandardFix(c, sm)
		report.Add(Finding{
			Subjects: subjects,
			Message: c.Label(sm) + " is an Express workflow but uses " + joinIDs(uses) + ": Express workflows only " +
				"call services request-response, without waiting for jobs or callbacks, distributed Maps or " +
				"activities, and Step Functions refuses the definition." + advice,
			Fix: fix,
		})
	}
}
