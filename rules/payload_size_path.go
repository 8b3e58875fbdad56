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

// hopLimit is the largest message a target accepts through a connection.
// ok is false when no limit is known (a queue outside the design) or none
// applies (a rule passes events on as they come). The words for a message
// are hopLimitText's, made only for a finding.
func hopLimit(c *Context, cn *design.Connection) (bytes float64, ok bool) {
	to := c.To(cn)
	switch to.Kind {
	case "lambda":
		if invokesAsync(c, cn) {
			return lambdaAsyncPayloadMax, true
		}
		return lambdaSyncPayloadMax, true
	case "sqs":
		if v := c.Prop(to, "MaximumMessageSize"); v.Present() {
			return v.Num(), true
		}
	case "sns":
		if c.External(to) {
			return 0, false // its MaximumMessageSize may be raised, by whoever owns it
		}
		return snsMessageSizeDefault, true
	case "eventbridge-bus":
		return eventBridgePayloadMax, true
	case "stepfunctions":
		return sfnPayloadMax, true
	}
	return 0, false
}

// invokesAsync reports whether a connection invokes its function
// asynchronously: SNS subscriptions do, as do rule targets and the other
// asynchronous integrations.
func invokesAsync(c *Context, cn *design.Connection) bool {
	m := c.Model(cn)
	return m == design.ModelAsync || m == design.ModelSubscription
}

// hopLimitText says what hopLimit found, for messages.
func hopLimitText(c *Context, cn *design.Connection, limit float64) string {
	to := c.To(cn)
	switch to.Kind {
	case "lambda":
		if invokesAsync(c, cn) {
			return "Lambda takes at most " + sizeText(limit) + " for an asynchronous invocation"
		}
		return "Lambda takes at most " + sizeText(limit) + " for a synchronous invocation"
	case "sqs":
		return c.Label(to) + " takes at most " + sizeText(limit) + " (MaximumMessageSize " + c.Prop(to, "MaximumMessageSize").Text() + ")"
	case "sns":
		return "an SNS topic takes at most " + sizeText(limit) +
			" unless its MaximumMessageSize attribute was raised (up to 1 MB, with SQS, Lambda and Firehose subscribers only)"
	case "eventbridge-bus":
		return "an event bus takes events of at most " + sizeText(limit)
	}
	return "Step Functions takes at most " + sizeText(limit) + " of input"
}

// ownLimit is the largest message a block with an estimate accepts from
// its producers.
func ownLimit(c *Context, b *design.Block) (float64, bool) {
	switch b.Kind {
	case "sqs":
		if v := c.Prop(b, "MaximumMessageSize"); v.Present() {
			return v.Num(), true
		}
	case "sns":
		return snsMessageSizeDefault, true
	case "eventbridge-bus":
		return eventBridgePayloadMax, true
	case "apigateway-rest", "apigateway-http":
		return apiPayloadMax, true
	}
	return 0, false
}

// ownLimitText says what ownLimit found, for messages.
func ownLimitText(c *Context, b *design.Block, limit float64) string {
	switch b.Kind {
	case "sqs":
		return "its MaximumMessageSize is " + c.Prop(b, "MaximumMessageSize").Text() + ", and SQS refuses larger messages"
	case "sns":
		return "SNS refuses messages over " + sizeText(limit) + " unless the topic's MaximumMessageSize attribute was raised (up to 1 MB)"
	case "eventbridge-bus":
		return "EventBridge refuses events over " + sizeText(limit)
	}
	return "API Gateway refuses request payloads over " + sizeText(limit) + ", a limit that cannot be raised"
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

// sizeWalk finds the claims of a design's blocks, once each, in slices by
// block position: a claim whose origin is nil is none.
type sizeWalk struct {
	c      *Context
	claims []sizeClaim
	state  []int8 // 1 while being worked out, 2 when done
}

// own is what a block says of its own messages: an estimate, or a queue's
// MaximumMessageSize set on purpose.
func (w *sizeWalk) own(b *design.Block) sizeClaim {
	if b.External != nil {
		return sizeClaim{}
	}
	if prop := sizeEstimateProp[b.Kind]; prop != "" {
		if est := w.c.Prop(b, prop); est.Set() && est.Num() > 0 {
			return sizeClaim{bytes: est.Num() * 1024, origin: b}
		}
	}
	if b.Kind == "sqs" {
		if m := w.c.Prop(b, "MaximumMessageSize"); m.Set() && m.Num() > 0 {
			return sizeClaim{bytes: m.Num(), origin: b, allowed: true}
		}
	}
	return sizeClaim{}
}

// claim is the largest message a block carries as far as the design says:
// the block's own claim (no larger than it lets in), or else the largest of
// what reaches it, each no larger than the hop that brought it lets
// through.
func (w *sizeWalk) claim(b *design.Block) sizeClaim {
	at, ok := w.c.position(b)
	if !ok {
		return sizeClaim{}
	}
	switch w.state[at] {
	case 1:
		return sizeClaim{} // a loop: what comes round again adds nothing
	case 2:
		return w.claims[at]
	}
	w.state[at] = 1
	out := w.own(b)
	if out.origin != nil {
		if limit, ok := ownLimit(w.c, b); ok && !out.allowed && limit < out.bytes {
			out.bytes = limit
		}
	} else if passesOn(b) {
		for _, cn := range w.c.In(b) {
			if !carries(w.c, cn) {
				continue
			}
			in := w.claim(w.c.From(cn))
			if in.origin == nil {
				continue
			}
			if limit, ok := hopLimit(w.c, cn); ok && limit < in.bytes {
				in.bytes = limit
			}
			if out.origin == nil || in.bytes > out.bytes {
				out = in
			}
		}
	}
	w.state[at], w.claims[at] = 2, out
	return out
}

func (payloadSizePath) Check(c *Context, report *Report) {
	// Estimates larger than the block itself accepts.
	for _, kind := range sizeEstimateKinds {
		prop := sizeEstimateProp[kind]
		for _, b := range c.Kind(kind) {
			est := c.Prop(b, prop)
			if !est.Set() {
				continue
			}
			limit, ok := ownLimit(c, b)
			if !ok || est.Num()*1024 <= limit {
				continue
			}
			report.Add(Finding{
				Subjects: []string{b.ID},
				Message: c.Label(b) + " expects " + sizeNoun(b) + " of up to " + sizeText(est.Num()*1024) + " (" + prop + " " + est.Text() +
					"), but " + ownLimitText(c, b, limit) + ". Keep large payloads in S3 and send a reference to them (the claim-check pattern).",
			})
		}
	}
	// Each hop that accepts less than what reaches it. Most designs say
	// nothing of sizes: the walk starts only at a hop that may need it.
	var w *sizeWalk
	for i := range c.Design.Connections {
		cn := &c.Design.Connections[i]
		from := c.From(cn)
		if from == nil || !passesOn(from) && sizeEstimateProp[from.Kind] == "" || !carries(c, cn) {
			continue
		}
		limit, ok := hopLimit(c, cn)
		if !ok {
			continue
		}
		if w == nil {
			n := len(c.Design.Blocks)
			w = &sizeWalk{c: c, claims: make([]sizeClaim, n), state: make([]int8, n)}
		}
		in := w.claim(from)
		if in.origin == nil || in.bytes <= limit {
			continue
		}
		report.Add(payloadFinding(c, cn, in, limit))
	}
}

// payloadFinding reports a hop that accepts less than what reaches it.
func payloadFinding(c *Context, cn *design.Connection, in sizeClaim, limit float64) Finding {
	from := c.From(cn)
	subjects := []string{cn.ID, cn.From, cn.To}
	msg := c.Label(from) + " → " + c.Label(c.To(cn)) + ": "
	if in.origin == from {
		msg += c.Label(from) + " carries " + sizeNoun(from) + " of up to " + sizeText(in.bytes) + " (" + in.basis(c) + ")"
	} else {
		msg += sizeNoun(in.origin) + " from " + c.Label(in.origin) + " reach this hop at up to " + sizeText(in.bytes) + " (" + in.basis(c) + ")"
		subjects = append(subjects, in.origin.ID)
	}
	msg += ", but " + hopLimitText(c, cn, limit) + ", so larger ones fail here."
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
