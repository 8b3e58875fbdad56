package capacity_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/archlab/archlab/capacity"
	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
)

// benchDesign builds n blocks as chains API → function → queue → function
// → table, every API with traffic: the whole design is loaded.
func benchDesign(tb testing.TB, n int) *design.Design {
	var blocks, conns, traffic []string
	for i := 0; len(blocks) < n; i++ {
		id := func(s string) string { return fmt.Sprintf("%s%d", s, i) }
		blocks = append(blocks,
			fmt.Sprintf(`{"id":%q,"kind":"apigateway-rest","x":%d,"y":0}`, id("Api"), i*10),
			fmt.Sprintf(`{"id":%q,"kind":"lambda","props":{"MemorySize":512,"Timeout":10}}`, id("Front")),
			fmt.Sprintf(`{"id":%q,"kind":"sqs"}`, id("Queue")),
			fmt.Sprintf(`{"id":%q,"kind":"lambda"}`, id("Worker")),
			fmt.Sprintf(`{"id":%q,"kind":"dynamodb","props":{"BillingMode":"PAY_PER_REQUEST"}}`, id("Table")))
		conns = append(conns,
			fmt.Sprintf(`{"from":%q,"to":%q,"integration":"invoke"}`, id("Api"), id("Front")),
			fmt.Sprintf(`{"from":%q,"to":%q,"integration":"sdk"}`, id("Front"), id("Queue")),
			fmt.Sprintf(`{"from":%q,"to":%q,"integration":"event-source-mapping"}`, id("Queue"), id("Worker")),
			fmt.Sprintf(`{"from":%q,"to":%q,"integration":"sdk"}`, id("Worker"), id("Table")))
		traffic = append(traffic, fmt.Sprintf(`%q:{"averagePerSecond":%d,"peakPerSecond":%d}`, id("Api"), 10+i%50, 50+i%200))
	}
	doc := `{"format":"archlab/v1","blocks":[` + strings.Join(blocks[:n], ",") + `],"connections":[` + strings.Join(conns, ",") +
		`],"traffic":{` + strings.Join(traffic, ",") + `}}`
	d, err := design.Decode([]byte(doc), design.Builtin())
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// BenchmarkCompute5000 and the rules checks run on the same 5,000-block
// design: the model must take well under one rules check. The check of
// the design with its traffic computes the model itself (once, shared by
// the capacity rules); the check without it is the checks as they were.
func BenchmarkCompute5000(b *testing.B) {
	d := benchDesign(b, 5000)
	b.ReportAllocs()
	for b.Loop() {
		if r := capacity.Compute(d, design.Builtin(), nil); r.MonthlyCost <= 0 {
			b.Fatal("no cost")
		}
	}
}

func BenchmarkRulesCheck5000(b *testing.B) {
	d := benchDesign(b, 5000)
	reg := rules.Default(design.Builtin())
	b.ReportAllocs()
	for b.Loop() {
		reg.Check(d)
	}
}

func BenchmarkRulesCheck5000NoTraffic(b *testing.B) {
	d := benchDesign(b, 5000)
	d.Traffic = nil
	reg := rules.Default(design.Builtin())
	b.ReportAllocs()
	for b.Loop() {
		reg.Check(d)
	}
}
