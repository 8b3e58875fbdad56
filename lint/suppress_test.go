package lint

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
)

// suppressedOf maps the rules of the suppressed results to their
// suppression.
func suppressedOf(rs []Result) map[string]Suppression {
	out := map[string]Suppression{}
	for _, r := range rs {
		if r.Suppressed != nil {
			out[r.Rule] = *r.Suppressed
		}
	}
	return out
}

func TestSuppressedInTheTemplate(t *testing.T) {
	l := &Linter{Rules: rules.Default(design.Builtin())}
	rs, err := l.File("testdata/suppressed.yaml")
	if err != nil {
		t.Fatal(err)
	}
	got := suppressedOf(rs)
	want := map[string]Suppression{
		// archlab's ignore on the queue, with its reason.
		"sqs-no-redrive": {Kind: SuppressedInSource, Justification: "messages are replayed from the source"},
		// archlab's ignore on the function, a bare rule id.
		"lambda-tracing": {Kind: SuppressedInSource},
		// cfn-lint's E3505 on the function: the rule's equivalent, about
		// the function's event source.
		"sqs-visibility-below-timeout": {Kind: SuppressedInSource},
		// The note about a resource archlab does not model.
		ImportNote: {Kind: SuppressedInSource, Justification: "alarms are reviewed by the platform team"},
	}
	if len(got) != len(want) {
		t.Fatalf("suppressed = %v, want %v", got, want)
	}
	for rule, s := range want {
		if got[rule] != s {
			t.Errorf("%s: suppressed %+v, want %+v", rule, got[rule], s)
		}
	}
	// The same template without its Metadata suppresses nothing.
	plain, err := l.File("testdata/template.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if s := suppressedOf(plain); len(s) != 0 {
		t.Fatalf("the template without Metadata has suppressed results: %v", s)
	}
	if Failing(rs, rules.Error) || !Failing(plain, rules.Error) {
		t.Fatal("the suppressed error still fails the run, or the plain one does not")
	}
}

func TestSuppressedInTheDesign(t *testing.T) {
	dir := t.TempDir()
	doc := strings.Replace(designDoc, `"connections"`, `"accepted":[{"rule":"cfn-lint:E3505","subjects":["OrderQueue"],"reason":"drained before deploys"}],"connections"`, 1)
	mustWrite(t, dir, map[string]string{"orders.archlab.json": doc})
	l := &Linter{Rules: rules.Default(design.Builtin())}
	rs, err := l.File(dir + "/orders.archlab.json")
	if err != nil {
		t.Fatal(err)
	}
	if got := suppressedOf(rs); len(got) != 1 || got["sqs-visibility-below-timeout"] != (Suppression{Kind: SuppressedInSource, Justification: "drained before deploys"}) {
		t.Fatalf("suppressed = %v", got)
	}
}

// Text and JSON leave suppressed findings out, and text counts them.
func TestTextAndJSONLeaveSuppressedOut(t *testing.T) {
	l := &Linter{Rules: rules.Default(design.Builtin())}
	rs, err := l.File("testdata/suppressed.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rs = append(rs, Result{File: "x.yaml", Rule: "lambda-memory-default", Severity: rules.Info, Subjects: []string{"F"},
		Suppressed: &Suppression{Kind: SuppressedExternal}})
	Sort(rs)
	var text bytes.Buffer
	if err := Text(&text, rs); err != nil {
		t.Fatal(err)
	}
	for _, rule := range []string{"sqs-no-redrive", "lambda-tracing", "sqs-visibility-below-timeout", ImportNote, "lambda-memory-default"} {
		if strings.Contains(text.String(), " "+rule+" ") {
			t.Errorf("text output shows the suppressed %s:\n%s", rule, text.String())
		}
	}
	if !strings.HasSuffix(text.String(), "0 errors, 0 warnings, 2 info\n5 findings suppressed: 4 accepted in the files, 1 by the baseline\n") {
		t.Errorf("text summary:\n%s", text.String())
	}
	var js bytes.Buffer
	if err := JSON(&js, rs); err != nil {
		t.Fatal(err)
	}
	var list []Result
	if err := json.Unmarshal(js.Bytes(), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Rule == "sqs-no-redrive" || list[1].Rule == "sqs-no-redrive" {
		t.Fatalf("JSON = %s", js.String())
	}
	var none bytes.Buffer
	if err := Text(&none, nil); err != nil || none.String() != "0 errors, 0 warnings, 0 info\n" {
		t.Fatalf("text of nothing = %q, %v", none.String(), err)
	}
}

// An entry made in archlab says who accepted the finding and until when,
// and SARIF's justification says so with the reason; once its day has
// passed, it suppresses nothing.
func TestSuppressionSaysWhoAndUntil(t *testing.T) {
	dir := t.TempDir()
	entry := `{"rule":"cfn-lint:E3505","subjects":["OrderQueue"],"reason":"drained before deploys","by":"Ann","at":"2026-12-05T09:30:00Z","until":"%s"}`
	mustWrite(t, dir, map[string]string{
		"now.archlab.json":    strings.Replace(designDoc, `"connections"`, `"accepted":[`+fmt.Sprintf(entry, "2999-12-31")+`],"connections"`, 1),
		"lapsed.archlab.json": strings.Replace(designDoc, `"connections"`, `"accepted":[`+fmt.Sprintf(entry, "2020-12-31")+`],"connections"`, 1),
	})
	l := &Linter{Rules: rules.Default(design.Builtin())}
	rs, err := l.File(dir + "/now.archlab.json")
	if err != nil {
		t.Fatal(err)
	}
	want := Suppression{Kind: SuppressedInSource, Justification: "drained before deploys (accepted by Ann, until 2999-12-31)"}
	if got := suppressedOf(rs); len(got) != 1 || got["sqs-visibility-below-timeout"] != want {
		t.Fatalf("suppressed = %v", got)
	}
	if rs, err = l.File(dir + "/lapsed.archlab.json"); err != nil {
		t.Fatal(err)
	}
	if got := suppressedOf(rs); len(got) != 0 {
		t.Fatalf("a lapsed acceptance suppresses %v", got)
	}
}
