package handlers_test

import (
	"strings"
	"testing"

	"github.com/archlab/archlab/handlers"
)

const trafficDoc = `{"format":"archlab/v1","title":"Orders","blocks":[
	{"id":"Api","kind":"apigateway-rest"},
	{"id":"Worker","kind":"lambda","props":{"Timeout":10,"MemorySize":512}}],
	"connections":[{"id":"c1","from":"Api","to":"Worker","integration":"invoke"}],
	"traffic":{"Api":{"averagePerSecond":100,"peakPerSecond":500,"payloadBytes":2048}},
	"assumptions":{"Worker":{"durationMs":200}}}`

func blockOf(t *testing.T, m map[string]any, id string) map[string]any {
	t.Helper()
	for _, b := range m["blocks"].([]any) {
		if b := b.(map[string]any); b["id"] == id {
			return b
		}
	}
	t.Fatalf("no block %s in %v", id, m)
	return nil
}

func TestCapacityOfAStoredDesign(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, trafficDoc)
	r := s.do(t, "GET", "/api/v1/designs/"+c.ID+"/capacity", "", nil)
	if r.status != 200 {
		t.Fatalf("capacity: %d %s", r.status, r.body)
	}
	m := r.json(t)
	w := blockOf(t, m, "Worker")
	// 100 requests/s × 0.2 s = 20 concurrent on average; 500 × 0.2 = 100 at peak.
	conc := w["concurrency"].(map[string]any)
	if conc["average"] != 20.0 || conc["peak"] != 100.0 {
		t.Errorf("concurrency = %v", conc)
	}
	if w["limit"] == nil || w["utilisation"] != 0.1 || w["monthlyCost"].(float64) <= 0 {
		t.Errorf("worker = %v", w)
	}
	p := m["prices"].(map[string]any)
	if p["region"] != "us-east-1" || p["date"] == "" || !strings.HasPrefix(p["source"].(string), "https://") {
		t.Errorf("prices = %v", p)
	}
	if m["monthlyCost"].(float64) <= 0 || len(m["assumptions"].([]any)) == 0 {
		t.Errorf("total %v, assumptions %v", m["monthlyCost"], m["assumptions"])
	}
	if r := s.do(t, "GET", "/api/v1/designs/nope/capacity", "", nil); r.status != 404 {
		t.Errorf("unknown design answered %d", r.status)
	}
}

func TestCapacityOfADocumentStoresNothing(t *testing.T) {
	s := mustServer(t, handlers.Options{MaxBody: 4096})
	r := s.do(t, "POST", "/api/v1/capacity", trafficDoc, nil)
	if r.status != 200 {
		t.Fatalf("capacity: %d %s", r.status, r.body)
	}
	if blockOf(t, r.json(t), "Api")["perSecond"].(map[string]any)["peak"] != 500.0 {
		t.Errorf("api = %s", r.body)
	}
	for _, tc := range []struct {
		name, path, body string
		status           int
		field            string
	}{
		{"malformed", "/api/v1/capacity", `{`, 400, ""},
		{"bad traffic", "/api/v1/capacity", strings.Replace(trafficDoc, `"peakPerSecond":500`, `"peakPerSecond":50`, 1), 422, "traffic.Api.peakPerSecond"},
		{"unknown region", "/api/v1/capacity?region=mars-1", trafficDoc, 422, "region"},
		{"too large", "/api/v1/capacity", `{"format":"archlab/v1","title":"` + strings.Repeat("x", 5000) + `"}`, 413, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := s.do(t, "POST", tc.path, tc.body, nil)
			if r.status != tc.status {
				t.Fatalf("answered %d %s", r.status, r.body)
			}
			if tc.field != "" && r.errorOf(t)["field"] != tc.field {
				t.Fatalf("error = %v", r.errorOf(t))
			}
		})
	}
}
