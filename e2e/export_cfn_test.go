package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The Export menu offers the CloudFormation template beside the SAM one,
// and what it downloads is the design without the SAM transform.
func TestExportMenuOffersCloudFormation(t *testing.T) {
	a := newApp(t)
	id, key := a.create(t, `{"format":"archlab/v1","title":"Orders flow","blocks":[
		{"id":"Jobs","kind":"sqs","x":40,"y":40},{"id":"Worker","kind":"lambda","x":300,"y":40}],
		"connections":[{"id":"c1","from":"Jobs","to":"Worker"}]}`)
	p := open(t, a, "/d/"+key+"/")
	p.do(chromedp.Click(`[data-testid=export-menu] summary`), chromedp.WaitVisible(`[data-testid=export-menu] a[href$="/export/cloudformation"]`))
	labels := eval[[]any](p, `[...document.querySelectorAll('[data-testid=export-menu] a[download]')].map(a => a.textContent.trim())`)
	if len(labels) < 2 || labels[0] != "SAM template" || labels[1] != "CloudFormation template" {
		t.Errorf("the Export menu offers %v", labels)
	}
	link := `document.querySelector('[data-testid=export-menu] a[href$="/export/cloudformation"]')`
	got := eval[[]any](p, `fetch(`+link+`.href).then(async r => [r.status, r.headers.get("Content-Disposition"), await r.text()])`)
	body, _ := got[2].(string)
	if got[0] != float64(200) || got[1] != `attachment; filename="orders-flow.cfn.yaml"` ||
		!strings.Contains(body, "AWS::Lambda::EventSourceMapping") || strings.Contains(body, "AWS::Serverless") {
		t.Errorf("the CloudFormation download answers %v", got)
	}
	_ = id
}
