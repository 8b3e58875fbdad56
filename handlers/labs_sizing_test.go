package handlers_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/archlab/archlab/handlers"
)

// TestSizingLabThroughTheAPI: the flash-sale lab's start carries its
// traffic, and its capacity goals grade what a trainee changes. At 500
// requests/s of 0.62 s (0.6 s and the table's 20 ms), the function needs
// 310 concurrent executions: 310% of the 100 reserved, 77.5% of 400. The
// stage limit of 200 lets through 40% of the peak, 600 all of it. Lowering
// the stated peak or duration instead passes nothing: the goals measure at
// the start's figures, and at least its peak when the entry is replaced.
func TestSizingLabThroughTheAPI(t *testing.T) {
	s := mustServer(t, handlers.Options{MaxBody: 64 << 10})
	start := s.do(t, "GET", "/api/v1/labs/flash-sale/start.json", "", nil)
	if start.status != 200 || !strings.Contains(string(start.body), `"peakPerSecond": 500`) {
		t.Fatalf("start: %d %.300s", start.status, start.body)
	}
	edit := func(change func(doc map[string]any)) string {
		var doc map[string]any
		if err := json.Unmarshal(start.body, &doc); err != nil {
			t.Fatal(err)
		}
		change(doc)
		out, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	props := func(doc map[string]any, id string) map[string]any {
		for _, b := range doc["blocks"].([]any) {
			if b := b.(map[string]any); b["id"] == id {
				return b["props"].(map[string]any)
			}
		}
		t.Fatalf("no block %s", id)
		return nil
	}
	sized := func(doc map[string]any) {
		props(doc, "Checkout")["ReservedConcurrentExecutions"] = 400
		props(doc, "CheckoutApi")["ThrottlingRateLimit"] = 600
		props(doc, "CheckoutApi")["ThrottlingBurstLimit"] = 1000
	}
	cases := []struct {
		name string
		doc  string
		met  map[string]bool
		why  string
	}{
		{"start", string(start.body), map[string]bool{"api-lets-peak-through": false, "function-headroom": false, "nothing-throttled": false, "budget": true}, "310% of its reserved concurrency"},
		{"only the function sized", edit(func(d map[string]any) { props(d, "Checkout")["ReservedConcurrentExecutions"] = 400 }),
			map[string]bool{"api-lets-peak-through": false, "function-headroom": true, "nothing-throttled": false, "budget": true}, "250% of its stage rate limit"},
		{"sized", edit(sized), map[string]bool{"api-lets-peak-through": true, "function-headroom": true, "nothing-throttled": true, "budget": true}, ""},
		{"sized with twice the memory", edit(func(d map[string]any) { sized(d); props(d, "Checkout")["MemorySize"] = 2048 }),
			map[string]bool{"function-headroom": true, "budget": false}, "above the budget of $1,500"},
		{"traffic lowered instead", edit(func(d map[string]any) {
			d["traffic"] = map[string]any{"CheckoutApi": map[string]any{"averagePerSecond": 40, "peakPerSecond": 100}}
		}), map[string]bool{"api-lets-peak-through": false, "function-headroom": false, "nothing-throttled": false, "budget": true}, "the traffic and assumptions the lab states"},
		{"duration lowered instead", edit(func(d map[string]any) {
			d["assumptions"] = map[string]any{"Checkout": map[string]any{"durationMs": 50}}
		}), map[string]bool{"function-headroom": false}, "310% of its reserved concurrency"},
		{"entry replaced by one of lower traffic", edit(func(d map[string]any) {
			for _, b := range d["blocks"].([]any) {
				if b := b.(map[string]any); b["id"] == "CheckoutApi" {
					b["id"] = "NewApi"
				}
			}
			for _, c := range d["connections"].([]any) {
				c := c.(map[string]any)
				for _, end := range []string{"from", "to"} {
					if c[end] == "CheckoutApi" {
						c[end] = "NewApi"
					}
				}
			}
			d["traffic"] = map[string]any{"NewApi": map[string]any{"averagePerSecond": 40, "peakPerSecond": 100}}
		}), map[string]bool{"function-headroom": false, "nothing-throttled": false}, "keep the stated traffic"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := s.do(t, "POST", "/api/v1/labs/flash-sale/grade", tc.doc, nil)
			var v struct {
				Goals []struct {
					ID, Why string
					Met     bool
				} `json:"goals"`
			}
			if err := json.Unmarshal(r.body, &v); err != nil || r.status != 200 {
				t.Fatalf("%d %v: %s", r.status, err, r.body)
			}
			var whys []string
			for _, g := range v.Goals {
				if want, ok := tc.met[g.ID]; ok && g.Met != want {
					t.Errorf("goal %s met = %v, want %v (%s)", g.ID, g.Met, want, g.Why)
				}
				whys = append(whys, g.Why)
			}
			if all := strings.Join(whys, "\n"); tc.why != "" && !strings.Contains(all, tc.why) {
				t.Errorf("no goal says %q:\n%s", tc.why, all)
			}
		})
	}
}
