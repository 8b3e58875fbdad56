package e2e

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/archlab/archlab/internal/browsertest"
)

// TestScreenshot renders the screens a reviewer looks at and, when
// ARCHLAB_SCREENSHOTS names a directory, saves a picture of each there
// (see scripts/screenshot.sh, which keeps docs/ and README.md current):
// the editor, a template at Fit, an old version's page, a rule's page,
// and the home page at a phone's 390 px with two designs opened before.
func TestScreenshot(t *testing.T) {
	a := newApp(t)
	id, key := a.create(t, screenshotDesign)
	tmpl, err := os.ReadFile(filepath.Join("..", "content", "templates", "eventbridge-order-flow.archlab.json"))
	if err != nil {
		t.Fatal(err)
	}
	_, tmplKey := a.create(t, string(tmpl))
	ctx := browsertest.New(t)
	shots := []struct {
		file          string
		width, height int64
		path, visible string
		steps         []chromedp.Action[chromedp.Void]
	}{
		{"editor.png", 1440, 860, "/d/" + key + "?select=Worker", `[data-block-id="Worker"]`, nil},
		{"template-fit.png", 1440, 860, "/d/" + tmplKey, `[data-testid="canvas"] .block`, []chromedp.Action[chromedp.Void]{chromedp.Click(`[data-action="fit"]`)}},
		{"version.png", 1440, 860, "", `[data-testid="canvas"] .block`, nil},
		{"rule.png", 1280, 900, "/kb/rules/sqs-visibility-6x", `.example-diagram .block`, []chromedp.Action[chromedp.Void]{
			chromedp.Evaluate[chromedp.Void](`document.getElementById("example").scrollIntoView()`)}},
		{"home-390.png", 390, 1500, "/", `[data-recent] .recent-item img`, nil},
	}
	// An edit, so that the design has an old version to show.
	req, _ := http.NewRequest("POST", a.URL+"/api/v1/designs/"+id+"/ops", strings.NewReader(
		`{"baseVersion":1,"ops":[{"op":"updateBlock","id":"Worker","props":{"Timeout":20}}]}`))
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("edit: %s", resp.Status)
	}
	shots[2].path = "/v/" + id + "/versions/1"
	for _, s := range shots {
		steps := []chromedp.Action[chromedp.Void]{
			chromedp.EmulateViewport(s.width, s.height),
			chromedp.Navigate(a.URL + s.path),
			chromedp.WaitVisible(s.visible),
		}
		steps = append(steps, s.steps...)
		steps = append(steps, chromedp.Sleep(400*time.Millisecond))
		browsertest.Do(t, ctx, 30*time.Second, steps...)
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if len(png) < 10000 {
			t.Fatalf("the screenshot %s is suspiciously small: %d bytes", s.file, len(png))
		}
		if dir := os.Getenv("ARCHLAB_SCREENSHOTS"); dir != "" {
			if err := os.WriteFile(filepath.Join(dir, s.file), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

const screenshotDesign = `{"format":"archlab/v1","title":"Orders: API buffered by a queue","blocks":[
 {"id":"Shoppers","kind":"client","x":40,"y":200},
 {"id":"OrdersApi","kind":"apigateway-rest","name":"Orders API","x":256,"y":200,"props":{"EndpointConfiguration":"REGIONAL","TracingEnabled":true,"ThrottlingRateLimit":200,"ThrottlingBurstLimit":100}},
 {"id":"Users","kind":"cognito","x":256,"y":360},
 {"id":"CreateOrder","kind":"lambda","x":472,"y":200,"props":{"Runtime":"nodejs22.x","Timeout":10,"MemorySize":512}},
 {"id":"OrderQueue","kind":"sqs","x":688,"y":200,"props":{"VisibilityTimeout":60}},
 {"id":"Worker","kind":"lambda","x":904,"y":200,"props":{"Runtime":"nodejs22.x","Timeout":30,"MemorySize":1024}},
 {"id":"Orders","kind":"dynamodb","x":1120,"y":120,"props":{"BillingMode":"PAY_PER_REQUEST"}},
 {"id":"OrderEvents","kind":"sns","x":1120,"y":288},
 {"id":"OrderDLQ","kind":"sqs","x":688,"y":360,"props":{"MessageRetentionPeriod":1209600}}],
 "connections":[
 {"id":"c1","from":"Shoppers","to":"OrdersApi"},
 {"id":"c2","from":"OrdersApi","to":"CreateOrder","integration":"invoke","props":{"TimeoutInMillis":10000}},
 {"id":"c3","from":"OrdersApi","to":"Users","integration":"authorizer"},
 {"id":"c4","from":"CreateOrder","to":"OrderQueue","integration":"sdk"},
 {"id":"c5","from":"OrderQueue","to":"Worker","props":{"BatchSize":10}},
 {"id":"c6","from":"Worker","to":"Orders","integration":"sdk"},
 {"id":"c7","from":"Worker","to":"OrderEvents","integration":"sdk"},
 {"id":"c8","from":"OrderQueue","to":"OrderDLQ","props":{"maxReceiveCount":5}}]}`
