package content

import (
	"fmt"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/archlab/archlab/content/prices"
	"github.com/archlab/archlab/design"
)

// factsTables generates the parts of the facts page (kb/facts.md) from the
// data the rules read: ":::facts limits" lists every fact of
// design/data/facts by service, ":::facts lambda-runtimes" the runtime
// life-cycle table, ":::facts ranges" the catalogue's numeric ranges. The
// page can never disagree with the checks, because both read the same data.
func factsTables(cat *design.Catalogue, part string) ([]*Node, error) {
	switch part {
	case "limits":
		return limitTables(), nil
	case "lambda-runtimes":
		return runtimeTable(), nil
	case "ranges":
		return rangeTables(cat), nil
	case "prices":
		return priceTables(), nil
	}
	return nil, fmt.Errorf(":::facts names unknown part %q (limits, lambda-runtimes, ranges, prices)", part)
}

// serviceNames are the names of the services facts are grouped by, from
// the first part of a fact's id; an id not listed shows as it is.
var serviceNames = map[string]string{
	"lambda": "AWS Lambda", "sqs": "Amazon SQS", "sns": "Amazon SNS", "eventbridge": "Amazon EventBridge",
	"stepfunctions": "AWS Step Functions", "apigateway": "Amazon API Gateway", "appsync": "AWS AppSync",
	"kinesis": "Amazon Kinesis Data Streams", "firehose": "Amazon Data Firehose", "dynamodb": "Amazon DynamoDB",
	"s3": "Amazon S3", "cloudfront": "Amazon CloudFront", "iot": "AWS IoT Core", "xray": "AWS X-Ray",
	"cognito": "Amazon Cognito", "rds": "Amazon RDS", "ses": "Amazon SES",
}

func limitTables() []*Node {
	var out []*Node
	var t *Node
	service := ""
	for _, f := range design.Facts() { // sorted by id, so by service
		s, _, _ := strings.Cut(f.ID, ".")
		if s != service || t == nil {
			service = s
			name := serviceNames[s]
			if name == "" {
				name = s
			}
			t = table([]string{"Fact", "Value", "What it means", "Source", "Checked"})
			out = append(out, &Node{Kind: KindHeading, Level: 3, ID: s, Children: textNodes(name)}, t)
		}
		t.Children = append(t.Children, row(false, []*Node{{Kind: KindCode, Text: f.ID}}, textNodes(f.Text()),
			textNodes(f.Summary), []*Node{sourceLink(f.Source)}, textNodes(f.CheckedText())))
	}
	return out
}

// sourceLink links to a source by its host and the last part of its path.
func sourceLink(href string) *Node {
	label := href
	if u, err := url.Parse(href); err == nil && u.Host != "" {
		label = u.Host
		if base := path.Base(u.Path); base != "" && base != "/" && base != "." {
			label += " › " + base
		}
	}
	return &Node{Kind: KindLink, Href: href, Children: textNodes(label)}
}

func runtimeTable() []*Node {
	src := design.LambdaRuntimeSource()
	intro := &Node{Kind: KindParagraph, Children: []*Node{
		{Kind: KindText, Text: "Generated from "},
		{Kind: KindLink, Href: src.URL(), Children: []*Node{{Kind: KindCode, Text: src.Repository + " " + path.Base(src.Path)}}},
		{Kind: KindText, Text: " at commit " + src.Commit[:12] + " (" + src.Date + ", " + src.Licence + "), which transcribes "},
		{Kind: KindLink, Href: src.Transcribes, Children: textNodes("AWS's page of Lambda runtimes")},
		{Kind: KindText, Text: "; copied into archlab on " + src.Copied + ". Listed from the longest supported. A day on or before " +
			"the day of a check has taken effect: the rules compare these days with the clock, so a runtime moves from " +
			"supported to deprecated to blocked without a new release of archlab."},
	}}
	t := table([]string{"Runtime", "Deprecated (no more patches)", "New functions refused from", "Updates refused from", "Move to"})
	day := func(d design.Day) []*Node {
		if !d.Known() {
			return textNodes("not announced")
		}
		return textNodes(d.String())
	}
	for _, rt := range design.LambdaRuntimes() {
		to := []*Node{{Kind: KindText, Text: "—"}}
		if rt.Successor != "" {
			to = []*Node{{Kind: KindCode, Text: rt.Successor}}
		}
		t.Children = append(t.Children, row(false, []*Node{{Kind: KindCode, Text: rt.ID}}, day(rt.Deprecated), day(rt.BlockCreate), day(rt.BlockUpdate), to))
	}
	return []*Node{intro, t}
}

// rangeTables lists every numeric range of the catalogue: the properties
// of the block kinds, then those of connections, each once.
func rangeTables(cat *design.Catalogue) []*Node {
	kinds := table([]string{"Block", "Property", "Range", "Unit"})
	for _, k := range cat.Kinds() {
		for i := range k.Props {
			p := &k.Props[i]
			if r := numericRange(p); r != "" && !p.Estimate {
				kinds.Children = append(kinds.Children, row(false, textNodes(k.Name), []*Node{{Kind: KindCode, Text: p.Name}}, textNodes(r), textNodes(p.Unit)))
				if k.ID == "lambda" && p.Name == "Timeout" {
					f := design.FactOf("lambda.managed-instances-max-timeout")
					kinds.Children = append(kinds.Children, row(false, textNodes(k.Name+" on Managed Instances"), []*Node{{Kind: KindCode, Text: p.Name}},
						textNodes(design.FormatNumber(p.Range.Min)+"–"+design.FormatNumber(f.Value)+" (asynchronous and event-source-mapping invocations only)"), textNodes(f.Unit)))
				}
			}
		}
	}
	conns := table([]string{"Connection", "Property", "Range", "Unit"})
	seen := map[string]bool{}
	for _, l := range cat.Links() {
		for _, in := range l.Integrations {
			for i := range in.Props {
				p := &in.Props[i]
				r := numericRange(p)
				key := in.Name + "\x00" + p.Name + "\x00" + r
				if r == "" || p.Estimate || seen[key] {
					continue
				}
				seen[key] = true
				conns.Children = append(conns.Children, row(false, textNodes(in.Name), []*Node{{Kind: KindCode, Text: p.Name}}, textNodes(r), textNodes(p.Unit)))
			}
		}
	}
	return []*Node{
		{Kind: KindParagraph, Children: textNodes("Numbers a block may hold; property-range reports a value outside them as an error.")},
		kinds,
		{Kind: KindParagraph, Children: textNodes("Numbers a connection may hold, by integration (listed once where several pairs of blocks share it).")},
		conns,
	}
}

// numericRange prints a number's allowed values without the unit, or "".
func numericRange(p *design.Prop) string {
	if p.Type != design.TypeInteger && p.Type != design.TypeNumber {
		return ""
	}
	switch {
	case p.Range != nil:
		s := design.FormatNumber(p.Range.Min) + "–" + design.FormatNumber(p.Range.Max)
		for _, a := range p.Also {
			s += " or " + design.FormatNumber(a)
		}
		return s
	case len(p.Numbers) > 0:
		nums := make([]string, len(p.Numbers))
		for i, n := range p.Numbers {
			nums[i] = design.FormatNumber(n)
		}
		return strings.Join(nums, ", ")
	}
	return ""
}

// priceTables lists each Region's price table, as the capacity model
// reads it: what each price is for, the amount, the free tier AWS gives
// (never subtracted) and the page it was read on.
func priceTables() []*Node {
	var out []*Node
	for _, region := range prices.Regions() {
		t, _ := prices.For(region)
		out = append(out, &Node{Kind: KindHeading, Level: 3, ID: "prices-" + region, Children: textNodes(t.RegionName + " (" + region + "), " + t.Date)},
			&Node{Kind: KindParagraph, Children: textNodes(t.Note)})
		tbl := table([]string{"Price", "What", "USD", "Per", "Free tier", "Source"})
		for _, p := range t.Prices {
			tbl.Children = append(tbl.Children, row(false, []*Node{{Kind: KindCode, Text: p.ID}}, textNodes(p.What),
				textNodes(strconv.FormatFloat(p.USD, 'f', -1, 64)), textNodes(p.Unit), textNodes(p.FreeTier), []*Node{sourceLink(p.Source)}))
		}
		out = append(out, tbl)
	}
	return out
}
