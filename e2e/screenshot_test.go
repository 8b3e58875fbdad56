package e2e

import (
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/archlab/archlab/internal/browsertest"
)

// TestScreenshot renders a realistic design in the editor and, when
// ARCHLAB_SCREENSHOT names a file, saves a picture of it there (see
// scripts/screenshot.sh, which keeps README.md's picture current).
func TestScreenshot(t *testing.T) {
	a := newApp(t)
	_, key := a.create(t, screenshotDesign)
	ctx := browsertest.New(t)
	var png []byte
	browsertest.Do(t, ctx, 30*time.Second,
		chromedp.EmulateViewport(1440, 860),
		chromedp.Navigate(a.URL+"/d/"+key+"?select=Worker"),
		chromedp.WaitVisible(`[data-block-id="Worker"]`),
		chromedp.Sleep(300*time.Millisecond),
	)
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if len(png) < 10000 {
		t.Fatalf("the screenshot is suspiciously small: %d bytes", len(png))
	}
	if path := os.Getenv("ARCHLAB_SCREENSHOT"); path != "" {
		if err := os.WriteFile(path, png, 0o644); err != nil {
			t.Fatal(err)
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
