package e2e

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/archlab/archlab/design"
)

// change sets an inspector input's value and sends its change, as typing
// and leaving the field does.
func (p page) change(sel, value string) {
	p.t.Helper()
	p.do(chromedp.SetValue(sel, value),
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).dispatchEvent(new Event("change", {bubbles: true}))`, sel)))
}

// text is the trimmed text of the first element a selector finds.
func (p page) text(sel string) string {
	p.t.Helper()
	return eval[string](p, fmt.Sprintf(`((document.querySelector(%q) || {}).textContent || "").trim()`, sel))
}

// rulesAbout lists the rules of the findings panel whose subjects include id.
func (p page) rulesAbout(id string) []string {
	p.t.Helper()
	return eval[[]string](p, fmt.Sprintf(`Array.from(document.querySelectorAll("#findings [data-rule]")).filter(f => f.dataset.subjects.split(" ").includes(%q)).map(f => f.dataset.rule)`, id))
}

// A person adds an "Other AWS service", names its service (a wrong one is
// refused beside the field, as typed) and reference, and marks a queue of
// the design as outside it: both are drawn dashed, tagged "outside this
// design", and the queue's own settings are no longer judged.
func TestOutsideBlocksInTheDesigner(t *testing.T) {
	a := newApp(t)
	id, key := a.create(t, `{"format":"archlab/v1","title":"Nightly","blocks":[
		{"id":"Jobs","kind":"sqs","x":40,"y":80,"props":{"VisibilityTimeout":60}},
		{"id":"Worker","kind":"lambda","x":300,"y":80,"props":{"Timeout":10}}],
		"connections":[{"id":"c1","from":"Jobs","to":"Worker"}]}`)
	p := open(t, a, "/d/"+key)
	p.do(chromedp.WaitVisible(`[data-block-id="Jobs"]`))

	// The palette offers the kind; adding one asks for its service.
	if got := p.text(`.palette [data-add-kind="external"]`); got != "Other AWS service" {
		t.Fatalf("the palette's external kind reads %q", got)
	}
	p.addFromPalette("external", "External")
	p.until(`document.activeElement && document.activeElement.id == "external-service"`)
	if cls := eval[string](p, `document.querySelector('[data-block-id="External"]').getAttribute("class")`); !strings.Contains(cls, "outside") {
		t.Fatalf("the new Other AWS service is not drawn outside the design: %q", cls)
	}
	if got := p.text(`[data-block-id="External"] .outside-tag`); got != "outside this design" {
		t.Fatalf("the block's tag reads %q", got)
	}
	dash := eval[string](p, `getComputedStyle(document.querySelector('[data-block-id="External"] .block-body')).strokeDasharray`)
	if dash == "" || dash == "none" {
		t.Fatalf("the outside block's outline is not dashed (stroke-dasharray %q)", dash)
	}

	// Its name saves before its service is known.
	v := p.version()
	p.change(`#block-name`, "Nightly jobs")
	p.saved(v + 1)
	if got := a.design(t, id).Block("External"); got.Name != "Nightly jobs" || got.External == nil || *got.External != (design.External{}) {
		t.Fatalf("renaming the new Other AWS service stored %q with marker %+v", got.Name, got.External)
	}
	if n := eval[int](p, `document.querySelectorAll("#inspector .field-error").length`); n != 0 || strings.Contains(p.status(), "Not saved") {
		t.Fatalf("renaming shows %d field errors and the status %q", n, p.status())
	}

	// A service's name is not its namespace: refused beside the field.
	v = p.version()
	p.change(`#external-service`, "AWS Batch")
	p.until(`!!document.querySelector('[data-prop="external.service"] .field-error')`)
	if msg := p.text(`[data-prop="external.service"] .field-error`); !strings.Contains(msg, `"AWS Batch" is not an AWS service namespace`) {
		t.Fatalf("inline error = %q", msg)
	}
	if got := eval[string](p, `document.querySelector("#external-service").value`); got != "AWS Batch" {
		t.Fatalf("the typed service was replaced by %q", got)
	}
	p.until(`document.querySelector("#status").textContent.includes("Not saved: Service: ")`)
	if p.version() != v || a.design(t, id).Block("External").External.Service != "" {
		t.Fatal("a refused service changed the design")
	}

	p.change(`#external-service`, "batch")
	p.saved(v + 1)
	p.until(`document.querySelector('[data-block-id="External"] .block-kind').textContent == "AWS Batch"`)
	if got := p.text(`#inspector [data-testid="service-name"]`); got != "This is AWS Batch." {
		t.Errorf("the service field's help reads %q", got)
	}
	arn := "arn:aws:batch:eu-west-1:123456789012:job-queue/nightly"
	p.change(`#external-ref`, arn)
	p.saved(v + 2)
	if got := a.design(t, id).Block("External").External; *got != (design.External{Ref: arn, Service: "batch"}) {
		t.Fatalf("stored marker %+v", got)
	}
	if title := p.text(`[data-block-id="External"] > title`); !strings.Contains(title, "AWS Batch Nightly jobs, outside this design ("+arn+")") {
		t.Errorf("hovering the block shows %q", title)
	}

	// The queue of the design: its missing dead-letter queue is a finding
	// until it is marked outside the design.
	p.do(chromedp.Click(`[data-block-id="Jobs"] .block-body`), chromedp.WaitVisible(`#inspector[data-id="Jobs"] #block-outside`))
	p.settled()
	if !slices.Contains(p.rulesAbout("Jobs"), "sqs-no-redrive") {
		t.Fatalf("the queue has no sqs-no-redrive finding to lose: %v", p.rulesAbout("Jobs"))
	}
	v = p.version()
	p.do(chromedp.Click(`#block-outside`))
	p.saved(v + 1)
	p.until(`document.querySelector('[data-block-id="Jobs"]').classList.contains("outside")`)
	if got := p.rulesAbout("Jobs"); slices.Contains(got, "sqs-no-redrive") {
		t.Errorf("the outside queue is still judged on its own settings: %v", got)
	}
	p.until(`!!document.querySelector("#inspector #external-ref").offsetParent`)
	if !eval[bool](p, `document.querySelector("#block-outside").checked`) {
		t.Error("the control is not checked after saving")
	}
	if got := eval[string](p, `document.querySelector('#inspector #prop-VisibilityTimeout').placeholder`); got != "unknown (outside this design)" {
		t.Errorf("an unset setting of the outside queue reads %q, not unknown", got)
	}
	if got := p.text(`[data-testid="legend-outside"]`); !strings.HasPrefix(got, "Outside this design") {
		t.Errorf("the legend's outside entry reads %q", got)
	}
	if d := a.design(t, id); d.Block("Jobs").External == nil || d.Block("Jobs").External.Service != "sqs" {
		t.Fatalf("stored queue marker %+v", d.Block("Jobs").External)
	}

	// A long reference is shortened where the block is hovered and read
	// out, and shown whole in the inspector.
	long := "arn:aws:sqs:eu-west-1:123456789012:" + strings.Repeat("nightly-", 40)
	v = p.version()
	p.change(`#external-ref`, long)
	p.saved(v + 1)
	p.until(`document.querySelector('[data-block-id="Jobs"] > title').textContent.includes("…")`)
	for what, text := range map[string]string{
		"title":           p.text(`[data-block-id="Jobs"] > title`),
		"accessible name": eval[string](p, `document.querySelector('[data-block-id="Jobs"]').getAttribute("aria-label")`),
	} {
		if n := utf8.RuneCountInString(text); n > 200 || !strings.Contains(text, "outside this design ("+long[:100]) || !strings.Contains(text, "…)") {
			t.Errorf("the queue's %s is %d characters: %q", what, n, text)
		}
	}
	if got := eval[string](p, `document.querySelector("#inspector #external-ref").value`); got != long {
		t.Errorf("the inspector shows the reference as %q", got)
	}

	// The view link, an embed and the downloads show them the same way.
	for _, path := range []string{"/v/" + id, "/v/" + id + "?embed=1"} {
		p = open(t, a, path)
		p.do(chromedp.WaitVisible(`[data-block-id="External"]`))
		if got := eval[[]string](p, `["Jobs", "External"].map(b => document.querySelector('[data-block-id="' + b + '"] .outside-tag').textContent)`); !slices.Equal(got, []string{"outside this design", "outside this design"}) {
			t.Errorf("%s: the outside blocks' tags read %q", path, got)
		}
		if got := p.text(`[data-block-id="External"] .block-kind`); got != "AWS Batch" {
			t.Errorf("%s: the Other AWS service reads %q", path, got)
		}
	}
	svg := eval[string](p, `fetch("/v/`+id+`/export/svg").then(r => r.text())`)
	if strings.Count(svg, `class="outside-tag"`) != 2 || !strings.Contains(svg, arn) {
		t.Error("the SVG download does not draw both blocks outside the design, with the reference")
	}
	mermaid := eval[string](p, `fetch("/v/`+id+`/export/mermaid").then(r => r.text())`)
	if strings.Count(mermaid, "<small>outside this design</small>") != 2 || !strings.Contains(mermaid, "<i>AWS Batch</i>") || !strings.Contains(mermaid, "classDef outside") {
		t.Errorf("the Mermaid download does not mark the outside blocks:\n%s", mermaid)
	}
}

// A person ticks "Outside this design" on a client, which belongs to no
// AWS service: the Reference field appears and takes the focus, nothing is
// refused before it could be filled, and giving a reference saves the
// client outside the design. An HTTP endpoint (an API destination of
// EventBridge) is saved outside at once, as a queue is, with no error.
func TestOutsideClientAsksForItsReference(t *testing.T) {
	a := newApp(t)
	id, key := a.create(t, `{"format":"archlab/v1","title":"Shop","blocks":[
		{"id":"Shoppers","kind":"client","x":40,"y":80},
		{"id":"Payments","kind":"http-endpoint","x":300,"y":80}]}`)
	p := open(t, a, "/d/"+key)
	tick := func(b string) int {
		t.Helper()
		p.do(chromedp.Click(fmt.Sprintf(`[data-block-id=%q] .block-body`, b)), chromedp.WaitVisible(fmt.Sprintf(`#inspector[data-id=%q] #block-outside`, b)))
		p.settled()
		if eval[bool](p, `!!document.querySelector("#external-ref").offsetParent`) {
			t.Fatalf("%s: the Reference field shows before the box is ticked", b)
		}
		v := p.version()
		p.do(chromedp.Click(`#block-outside`))
		return v
	}
	noError := func(b string) {
		t.Helper()
		if st := p.status(); strings.Contains(st, "Not saved") || eval[int](p, `document.querySelectorAll("#inspector .field-error").length`) != 0 {
			t.Fatalf("%s: ticking the box shows an error: %q", b, st)
		}
	}

	v := tick("Shoppers")
	p.until(`document.activeElement && document.activeElement.id == "external-ref" && !!document.activeElement.offsetParent`)
	p.settled()
	noError("Shoppers")
	if got := p.text(`#external-ref-help`); !strings.HasPrefix(got, "Needed to mark it outside this design.") {
		t.Errorf("the reference's help reads %q", got)
	}
	if p.version() != v || a.design(t, id).Block("Shoppers").External != nil {
		t.Fatal("ticking the box alone saved the client outside")
	}
	ref := "!ImportValue shop-web-app"
	p.do(chromedp.SendKeys(`#external-ref`, ref), chromedp.Evaluate[chromedp.Void](`document.querySelector("#external-ref").blur()`))
	p.saved(v + 1)
	if got := a.design(t, id).Block("Shoppers").External; got == nil || *got != (design.External{Ref: ref}) {
		t.Fatalf("stored marker %+v", got)
	}
	p.until(`document.querySelector('[data-block-id="Shoppers"]').classList.contains("outside")`)
	if !eval[bool](p, `document.querySelector("#block-outside").checked && !!document.querySelector("#external-ref").offsetParent`) {
		t.Error("after saving, the box is not ticked with its reference shown")
	}

	v = tick("Payments")
	p.saved(v + 1)
	noError("Payments")
	p.until(`!!document.querySelector("#external-ref").offsetParent`)
	if got := a.design(t, id).Block("Payments").External; got == nil || *got != (design.External{Service: "events"}) {
		t.Fatalf("the endpoint's stored marker %+v", got)
	}
}

// relayTemplate is a function that reads a stream and, by its role alone,
// may write to it. Its role may also send to a queue (by a SAM policy
// template), its environment names another queue, and a SAM connector lets
// it write to a table: each of those is a connection inferred, too.
const relayTemplate = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::Kinesis::Stream
    Properties:
      ShardCount: 1
  Audit:
    Type: AWS::SQS::Queue
  Ledger:
    Type: AWS::SQS::Queue
  Archive:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: id
          AttributeType: S
      KeySchema:
        - AttributeName: id
          KeyType: HASH
  RelayArchive:
    Type: AWS::Serverless::Connector
    Properties:
      Source:
        Id: Relay
      Destination:
        Id: Archive
      Permissions:
        - Write
  Relay:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Timeout: 30
      Environment:
        Variables:
          AUDIT_QUEUE_URL: !Ref Audit
      Policies:
        - SQSSendMessagePolicy:
            QueueName: !GetAtt Ledger.QueueName
        - Statement:
            - Effect: Allow
              Action: kinesis:PutRecord
              Resource: !GetAtt Orders.Arn
      Events:
        Stream:
          Type: Kinesis
          Properties:
            Stream: !GetAtt Orders.Arn
            StartingPosition: LATEST
`

// A person imports a template whose function's role may write to the
// stream it reads: the connection is drawn inferred, and the loop through
// it is a warning marked inferred. So are the connections that only a SAM
// policy template, an environment variable or a connector suggests.
// Opening the connection says why it was inferred; declaring it makes the
// loop an error; undo takes it back. The view link shows the same.
func TestDeclaringAnImportedInferredConnection(t *testing.T) {
	a := newApp(t)
	p := open(t, a, "/import")
	p.do(chromedp.SetValue(`#import-source`, relayTemplate), chromedp.Click(`[data-testid="import-submit"]`),
		chromedp.WaitVisible(`[data-testid="open-imported"]`), chromedp.Click(`[data-testid="open-imported"]`),
		chromedp.WaitVisible(`[data-block-id="Relay"]`))
	id := eval[string](p, `document.querySelector(".editor").dataset.designId`)
	conn := `[data-from="Relay"][data-to="Orders"]`
	loop := `#findings [data-rule="lambda-undetected-loop"]`
	inferredLook := func(want bool) {
		t.Helper()
		p.until(fmt.Sprintf(`document.querySelector(%q).classList.contains("inferred") == %v`, conn, want))
		opacity := eval[string](p, fmt.Sprintf(`getComputedStyle(document.querySelector('%s .conn-line')).strokeOpacity`, conn))
		if tag := p.text(conn + " .conn-tag"); want != (tag == "inferred") || want != (opacity != "1") {
			t.Fatalf("inferred %v: the connection's tag is %q and its line's opacity %s", want, tag, opacity)
		}
	}
	inferredLook(true)
	if sev := eval[string](p, `document.querySelector('`+loop+`').dataset.severity`); sev != "warning" || p.text(loop+` [data-testid="finding-inferred"]`) != "inferred" {
		t.Fatalf("the inferred loop shows as %q, not a warning marked inferred", sev)
	}
	if msg := p.text(loop + " .finding-message"); !strings.Contains(msg, "inferred") || !strings.Contains(msg, "kinesis:PutRecord") {
		t.Fatalf("the loop's message does not say it is inferred: %q", msg)
	}
	if got := p.text(`[data-testid="legend-inferred"]`); !strings.HasPrefix(got, "Inferred") {
		t.Errorf("the legend's inferred entry reads %q", got)
	}

	// A permission granted by a SAM policy template, an environment
	// variable and a connector each suggest a call, drawn inferred; the
	// inspector says what it rests on.
	for to, want := range map[string]string{
		"Ledger":  "Inferred: the SAM policy template SQSSendMessagePolicy allows it",
		"Audit":   "Inferred: an environment variable names it (AUDIT_QUEUE_URL)",
		"Archive": "Inferred: a SAM connector grants Write",
	} {
		other := fmt.Sprintf(`[data-from="Relay"][data-to=%q]`, to)
		if got := eval[[]string](p, fmt.Sprintf(`(c => [String(c.classList.contains("inferred")), (c.querySelector(".conn-tag") || {}).textContent])(document.querySelector(%q))`, other)); !slices.Equal(got, []string{"true", "inferred"}) {
			t.Errorf("Relay → %s is not drawn inferred: %q", to, got)
		}
		p.do(chromedp.Focus(other))
		p.key(kb.Enter)
		p.until(fmt.Sprintf(`document.querySelector("#inspector").dataset.id == document.querySelector(%q).dataset.connectionId`, other))
		if got := p.text(`#inspector [data-testid="evidence"] li`); got != want {
			t.Errorf("Relay → %s: the evidence reads %q, want %q", to, got, want)
		}
	}

	// Open the connection by clicking its tag.
	x, y := p.center(conn + " .conn-tag")
	p.do(chromedp.MouseClickXY(x, y))
	// The inspector already shows a connection (the last one above): wait
	// for this one.
	p.until(fmt.Sprintf(`document.querySelector("#inspector").dataset.id == document.querySelector(%q).dataset.connectionId`, conn))
	if got := p.text(`#inspector [data-testid="evidence"] li`); got != "Inferred: the role allows kinesis:PutRecord" {
		t.Fatalf("the evidence reads %q", got)
	}
	// Declare it from the keyboard: focus then returns to the connection.
	v := p.version()
	p.do(chromedp.Focus(`#inspector [data-testid="declare"]`))
	p.key(kb.Enter)
	p.saved(v + 1)
	inferredLook(false)
	p.until(fmt.Sprintf(`document.activeElement && document.activeElement.matches(%q)`, conn))
	if got := p.text(`#inspector [data-testid="evidence"] li`); got != "Declared in the designer" {
		t.Errorf("after declaring, the evidence reads %q", got)
	}
	p.until(`document.querySelector('` + loop + `').dataset.severity == "error"`)
	if p.text(loop+` [data-testid="finding-inferred"]`) != "" {
		t.Error("the declared loop is still marked inferred")
	}

	// Undo takes the declaration back.
	p.unfocus()
	p.key("z", chromedp.ModifierCtrl)
	p.saved(v + 2)
	inferredLook(true)
	p.until(`document.querySelector('` + loop + `').dataset.severity == "warning"`)
	if c := a.design(t, id).Connection(eval[string](p, `document.querySelector('`+conn+`').dataset.connectionId`)); !c.Inferred() {
		t.Fatalf("after undo the stored connection rests on %+v", c.Evidence)
	}

	// The view link draws it the same, and says why, without the button.
	p = open(t, a, "/v/"+id)
	p.do(chromedp.WaitVisible(conn))
	inferredLook(true)
	x, y = p.center(conn + " .conn-tag")
	p.do(chromedp.MouseClickXY(x, y))
	// The inspector already shows a connection (the last one above): wait
	// for this one.
	p.until(fmt.Sprintf(`document.querySelector("#inspector").dataset.id == document.querySelector(%q).dataset.connectionId`, conn))
	if got := p.text(`#inspector [data-testid="evidence"] li`); got != "Inferred: the role allows kinesis:PutRecord" {
		t.Errorf("the view's evidence reads %q", got)
	}
	if eval[int](p, `document.querySelectorAll('[data-testid="declare"]').length`) != 0 {
		t.Error("the view link offers to declare the connection")
	}

	// So do an embed, and the SVG and Mermaid downloads.
	p = open(t, a, "/v/"+id+"?embed=1")
	p.do(chromedp.WaitVisible(conn))
	inferredLook(true)
	svg := eval[string](p, `fetch("/v/`+id+`/export/svg").then(r => r.text())`)
	if !strings.Contains(svg, `class="conn-tag"`) || !strings.Contains(svg, "inferred: its role allows kinesis:PutRecord") {
		t.Error("the SVG download does not draw the connection inferred")
	}
	mermaid := eval[string](p, `fetch("/v/`+id+`/export/mermaid").then(r => r.text())`)
	if !strings.Contains(mermaid, `|"inferred: SDK call · sdk"|`) || !strings.Contains(mermaid, "linkStyle") {
		t.Errorf("the Mermaid download does not mark the connection inferred:\n%s", mermaid)
	}
}
