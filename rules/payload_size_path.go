package rules

import (
	"fmt"
	"math"
	"strings"

	"github.com/archlab/archlab/design"
)

// payloadSizePath: a message travels from hop to hop (an API to a queue, a
// queue through a pipe to a state machine, a bus through a rule to a
// function), and each hop has its own size limit. When the design says how
// large messages get somewhere (an estimate of the largest message, or a
// queue's MaximumMessageSize set on purpose), each later hop that accepts
// less refuses the larger ones. Sizes nobody gave are never assumed: a
// service's own maximum is not a message anyone sends.
type payloadSizePath struct{}

func newPayloadSizePath() Rule { return payloadSizePath{} }

func (payloadSizePath) Meta() Meta {
	return Meta{
		ID:       "payload-size-path",
		Title:    "Message larger than a hop on its path accepts",
		Severity: Warning,
		Scope:    "design",
	}
}

// The size limits of the hops, from the facts.
var (
	lambdaSyncPayloadMax  = design.FactValue("lambda.sync-payload-max")
	lambdaAsyncPayloadMax = design.FactValue("lambda.async-payload-max")
	snsMessageSizeDefault = design.FactValue("sns.message-size-default")
	eventBridgePayloadMax = design.FactValue("eventbridge.payload-max")
	sfnPayloadMax         = design.FactValue("stepfunctions.payload-max")
	apiPayloadMax         = design.FactValue("apigateway.payload-max")
)

// sizeEstimateProp is the estimate of the largest message of the kinds that
// have one; sizeEstimateKinds lists them in a fixed order.
var (
	sizeEstimateProp = map[string]string{
		"sqs": "ExpectedMaxMessageSizeKB", "sns": "ExpectedMaxMessageSizeKB", "eventbridge-bus": "ExpectedMaxMessageSizeKB",
		"apigateway-rest": "ExpectedMaxRequestSizeKB", "apigateway-http": "ExpectedMaxRequestSizeKB",
	}
	sizeEstimateKinds = []string{"apigateway-rest", "apigateway-http", "sqs", "sns", "eventbridge-bus"}
)

// sizeClaim is what the design says of the largest message a block
// carries, and who says it.
type sizeClaim struct {
	bytes  float64
	origin *design.Block
	// allowed marks a queue's MaximumMessageSize, what the queue lets in,
	// rather than an estimate of what is sent.
	allowed bool
}

// basis says where a claim comes from: "its MaximumMessageSize of 262,144
// bytes" or "its estimate of the largest message".
func (s sizeClaim) basis(c *Context) string {
	if s.allowed {
		return "its MaximumMessageSize of " + c.Prop(s.origin, "MaximumMessageSize").Text()
	}
	return "its estimate of the largest " + strings.TrimSuffix(sizeNoun(s.origin), "s")
}

// hopLimit is what a target accepts through a connection: the largest
// message and what that limit is, in words. ok is false when no limit is
// known (a queue outside the design) or none applies (a rule passes events
// on as they come).
func hopLimit(c *Context, cn *design.Connection) (bytes float64, what string, ok bool) {
	to := c.To(cn)
	switch to.Kind {
	case "lambda":
		if c.Model(cn) == design.ModelAsync {
			return lambdaAsyncPayloadMax, "Lambda takes at most " + sizeText(lambdaAsyncPayloadMax) + " for an asynchronous invocation", true
		}
		return lambdaSyncPayloadMax, "Lambda takes at most " + sizeText(lambdaSyncPayloadMax) + " for a synchronous invocation", true
	case "sqs":
		if v := c.Prop(to, "MaximumMessageSize"); v.Present() {
			return v.Num(), c.Label(to) + " takes at most " + sizeText(v.Num()) + " (MaximumMessageSize " + v.Text() + ")", true
		}
	case "sns":
		return snsMessageSizeDefault, "an SNS topic takes at most " + sizeText(snsMessageSizeDefault) +
			" unless its MaximumMessageSize attribute was raised (up to 1 MB, with SQS, Lambda and Firehose subscribers only)", true
	case "eventbridge-bus":
		return eventBridgePayloadMax, "an event bus takes events of at most " + sizeText(eventBridgePayloadMax), true
	case "stepfunctions":
		return sfnPayloadMax, "Step Functions takes at most " + sizeText(sfnPayloadMax) + " of input", true
	}
	return 0, "", false
}

// ownLimit is the largest message a block with an estimate accepts from
// its producers.
func ownLimit(c *Context, b *design.Block) (float64, string, bool) {
	switch b.Kind {
	case "sqs":
		if v := c.Prop(b, "MaximumMessageSize"); v.Present() {
			return v.Num(), "its MaximumMessageSize is " + v.Text() + ", and SQS refuses larger messages", true
		}
	case "sns":
		return snsMessageSizeDefault, "SNS refuses messages over " + sizeText(snsMessageSizeDefault) +
			" unless the topic's MaximumMessageSize attribute was raised (up to 1 MB)", true
	case "eventbridge-bus":
		return eventBridgePayloadMax, "EventBridge refuses events over " + sizeText(eventBridgePayloadMax), true
	case "apigateway-rest", "apigateway-http":
		return apiPayloadMax, "API Gateway refuses request payloads over " + sizeText(apiPayloadMax) + ", a limit that cannot be raised", true
	}
	return 0, "", false
}

// carries reports whether a connection passes the message its source
// carries on to its target, unchanged in size as far as the design tells.
func carries(c *Context, cn *design.Connection) bool {
	if cn.Inferred() {
		return false
	}
	from := c.From(cn)
	switch from.Kind {
	case "sqs":
		return cn.Integration == design.IntSource
	case "sns":
		return cn.Integration == design.IntSubscription
	case "eventbridge-bus":
		return cn.Integration == design.IntRule
	case "eventbridge-rule":
		// An input transformer reshapes the event; its size is anyone's guess.
		_, transformed := cn.Props["InputTransformer"]
		return cn.Integration == design.IntTarget && !transformed
	case "eventbridge-pipe":
		switch cn.Integration {
		case design.IntEnrichment:
			return true
		case design.IntTarget:
			// With an enrichment, the target gets what the enrichment returns.
			for _, o := range c.Out(from) {
				if o.Integration == design.IntEnrichment {
					return false
				}
			}
			return true
		}
	case "apigateway-rest", "apigateway-http":
		switch cn.Integration {
		case design.IntInvoke, design.IntAsyncInvoke, design.IntService:
			return true
		}
	}
	return false
}

// passesOn reports whether a block passes what it receives on: queues,
// topics, buses, rules, pipes and APIs do; a function makes its own
// messages. A block outside the design passes on nothing anyone can see.
func passesOn(b *design.Block) bool {
	if b.External != nil {
		return false
	}
	switch b.Kind {
	case "sqs", "sns", "eventbridge-bus", "eventbridge-rule", "eventbridge-pipe":
		return true
	}
	return false
}

// sizeWalk finds the claims of a design's blocks, once each.
type sizeWalk struct {
	c      *Context
	claims map[*design.Block]*sizeClaim
	state  map[*design.Block]int8 // 1 while being worked out, 2 when done
}

// own is what a block says of its own messages: an estimate, or a queue's
// MaximumMessageSize set on purpose.
func (w *sizeWalk) own(b *design.Block) *sizeClaim {
	if b.External != nil {
		return nil
	}
	if prop := sizeEstimateProp[b.Kind]; prop != "" {
		if est := w.c.Prop(b, prop); est.Set() && est.Num() > 0 {
			return &sizeClaim{bytes: est.Num() * 1024, origin: b}
		}
	}
	if b.Kind == "sqs" {
		if m := w.c.Prop(b, "MaximumMessageSize"); m.Set() && m.Num() > 0 {
			return &sizeClaim{bytes: m.Num(), origin: b, allowed: true}
		}
	}
	return nil
}

// claim is the largest message a block carries as far as the design says,
// nil when it says nothing: the block's own claim (no larger than it lets
// in), or else the largest of what reaches it, each no larger than the hop
// that brought it lets through.
func (w *sizeWalk) claim(b *design.Block) *sizeClaim {
	switch w.state[b] {
	case 1:
		return nil // a loop: what comes round again adds nothing
	case 2:
		return w.claims[b]
	}
	w.state[b] = 1
	var out *sizeClaim
	if own := w.own(b); own != nil {
		out = own
		if limit, _, ok := ownLimit(w.c, b); ok && !own.allowed && limit < own.bytes {
			out = &sizeClaim{bytes: limit, origin: own.origin}
		}
	} else if passesOn(b) {
		for _, cn := range w.c.In(b) {
			from := w.c.From(cn)
			if !carries(w.c, cn) {
				continue
			}
			in := w.claim(from)
			if in == nil {
				continue
			}
			if limit, _, ok := hopLimit(w.c, cn); ok && limit < in.bytes {
				in = &sizeClaim{bytes: limit, origin: in.origin, allowed: in.allowed}
			}
			if out == nil || in.bytes > out.bytes {
				out = in
			}
		}
	}
	w.state[b], w.claims[b] = 2, out
	return out
}

func (payloadSizePath) Check(c *Context, report *Report) {
	var w *sizeWalk
	walk := func() *sizeWalk {
		if w == nil {
			w = &sizeWalk{c: c, claims: map[*design.Block]*sizeClaim{}, state: map[*design.Block]int8{}}
		}
		return w
	}
	// Estimates larger than the block itself accepts.
	for _, kind := range sizeEstimateKinds {
		prop := sizeEstimateProp[kind]
		for _, b := range c.Kind(kind) {
			est := c.Prop(b, prop)
			limit, why, ok := ownLimit(c, b)
			if !est.Set() || !ok || est.Num()*1024 <= limit {
				continue
			}
			report.Add(Finding{
				Subjects: []string{b.ID},
				Message: c.Label(b) + " expects " + sizeNoun(b) + " of up to " + sizeText(est.Num()*1024) + " (" + prop + " " + est.Text() +
					"), but " + why + ". Keep large payloads in S3 and send a reference to them (the claim-check pattern).",
			})
		}
	}
	// Each hop that accepts less than what reaches it.
	for i := range c.Design.Connections {
		cn := &c.Design.Connections[i]
		from := c.From(cn)
		if from == nil || !passesOn(from) && sizeEstimateProp[from.Kind] == "" || !carries(c, cn) {
			continue
		}
		limit, what, ok := hopLimit(c, cn)
		if !ok {
			continue
		}
		in := walk().claim(from)
		if in == nil || in.bytes <= limit {
			continue
		}
		report.Add(payloadFinding(c, cn, in, limit, what))
	}
}

// payloadFinding reports a hop that accepts less than what reaches it.
func payloadFinding(c *Context, cn *design.Connection, in *sizeClaim, limit float64, what string) Finding {
	from := c.From(cn)
	subjects := []string{cn.ID, cn.From, cn.To}
	msg := c.Label(from) + " → " + c.Label(c.To(cn)) + ": "
	if in.origin == from {
		msg += c.Label(from) + " carries " + sizeNoun(from) + " of up to " + sizeText(in.bytes) + " (" + in.basis(c) + ")"
	} else {
		msg += sizeNoun(in.origin) + " from " + c.Label(in.origin) + " reach this hop at up to " + sizeText(in.bytes) + " (" + in.basis(c) + ")"
		subjects = append(subjects, in.origin.ID)
	}
	msg += ", but " + what + ", so larger ones fail here."
	f := Finding{Subjects: subjects}
	if in.allowed && limit >= 1024 {
		msg += " Lower " + c.Label(in.origin) + "'s MaximumMessageSize to " + design.FormatNumber(limit) + " bytes, so that " +
			"producers are refused at once instead of losing the message later, or keep large payloads in S3 and send a reference."
		f.Fix = ops(setProps(in.origin.ID, map[string]any{"MaximumMessageSize": limit}))
	} else {
		msg += " Keep large payloads in S3 and send a reference to them (the claim-check pattern), or make sure no " +
			"message grows that large."
	}
	f.Message = msg
	return f
}

// sizeNoun names what a block carries: requests, events or messages.
func sizeNoun(b *design.Block) string {
	switch b.Kind {
	case "apigateway-rest", "apigateway-http":
		return "requests"
	case "eventbridge-bus":
		return "events"
	}
	return "messages"
}

// sizeText prints a size in bytes the way AWS states its limits: "256 KB",
// "1 MB", "1.5 MB", with 1 KB = 1,024 bytes.
func sizeText(bytes float64) string {
	const kb, mb = 1024.0, 1024.0 * 1024
	round := func(f float64) string {
		if f == math.Trunc(f) {
			return design.FormatNumber(f)
		}
		return strings.TrimSuffix(fmt.Sprintf("%.1f", f), ".0")
	}
	switch {
	case bytes >= mb:
		return round(bytes/mb) + " MB"
	case bytes >= kb:
		return round(bytes/kb) + " KB"
	}
	return design.FormatNumber(bytes) + " bytes"
}
