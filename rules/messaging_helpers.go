package rules

import (
	"strings"

	"github.com/archlab/archlab/design"
)

// Helpers shared by the messaging rules (SQS and SNS).

// fifoSuffix is the suffix AWS requires of FIFO queue and topic names.
const fifoSuffix = ".fifo"

// withFifoSuffix adds or removes the .fifo suffix of a queue or topic name.
func withFifoSuffix(name string, fifo bool) string {
	if fifo {
		if strings.HasSuffix(name, fifoSuffix) {
			return name
		}
		return name + fifoSuffix
	}
	return strings.TrimSuffix(name, fifoSuffix)
}

// sqsFifoOnly are the queue properties SQS accepts on FIFO queues only.
var sqsFifoOnly = []string{"ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit"}

// queueTypePatch is the property patch that makes a queue FIFO or standard:
// FifoQueue, the name's suffix, and, for a standard queue, no FIFO-only
// properties. A standard queue leaves FifoQueue unset, as SQS prefers.
func queueTypePatch(q *design.Block, fifo bool) map[string]any {
	patch := map[string]any{"FifoQueue": nil}
	if fifo {
		patch["FifoQueue"] = true
	}
	if name, ok := q.Props.String("QueueName"); ok {
		patch["QueueName"] = withFifoSuffix(name, fifo)
	}
	if !fifo {
		for _, p := range sqsFifoOnly {
			if _, set := q.Props[p]; set {
				patch[p] = nil
			}
		}
	}
	return patch
}

// topicTypePatch is queueTypePatch for a topic.
func topicTypePatch(t *design.Block, fifo bool) map[string]any {
	patch := map[string]any{"FifoTopic": nil}
	if fifo {
		patch["FifoTopic"] = true
	}
	if name, ok := t.Props.String("TopicName"); ok {
		patch["TopicName"] = withFifoSuffix(name, fifo)
	}
	if _, set := t.Props["ContentBasedDeduplication"]; set && !fifo {
		patch["ContentBasedDeduplication"] = nil
	}
	return patch
}

// queueTypeOps returns the fix that makes a queue FIFO or standard, together
// with the dead-letter queues it redrives to, so that the redrive policies
// stay valid. It reports false when the change would break another
// connection (a FIFO queue's dead-letter queue made standard, an S3
// notification to a queue made FIFO) or a FIFO mapping's limits, because the
// fix would then only move the problem.
func queueTypeOps(c *Context, q *design.Block, fifo bool) (design.Ops, bool) {
	patches := map[string]map[string]any{q.ID: queueTypePatch(q, fifo)}
	order := []string{q.ID}
	for _, cn := range c.Out(q) {
		if cn.Integration != design.IntDeadLetter {
			continue
		}
		if dlq := c.To(cn); c.IsFifo(dlq) != fifo && patches[dlq.ID] == nil {
			patches[dlq.ID] = queueTypePatch(dlq, fifo)
			order = append(order, dlq.ID)
		}
	}
	if fifo {
		for _, cn := range c.Out(q) {
			if cn.Integration == design.IntESM && (c.ConnProp(cn, "BatchSize").Num() > 10 || c.ConnProp(cn, "MaximumBatchingWindowInSeconds").Num() > 0) {
				return nil, false
			}
		}
		for _, cn := range c.In(q) {
			if k := c.From(cn).Kind; k == "eventbridge-rule" || k == "scheduler" {
				return nil, false // a FIFO target needs a message group id too
			}
		}
	}
	if patchBreaksGuards(c, patches) {
		return nil, false
	}
	var fix design.Ops
	for _, id := range order {
		fix = append(fix, setProps(id, patches[id]))
	}
	return fix, true
}

// topicTypeOps returns the fix that makes a topic FIFO or standard, or false
// when that would break one of its other connections (a Lambda subscriber of
// a topic made FIFO).
func topicTypeOps(c *Context, t *design.Block, fifo bool) (design.Ops, bool) {
	patch := topicTypePatch(t, fifo)
	if patchBreaksGuards(c, map[string]map[string]any{t.ID: patch}) {
		return nil, false
	}
	return ops(setProps(t.ID, patch)), true
}

// patchBreaksGuards reports whether any connection touching the patched
// blocks would break a catalogue guard once the patches are applied.
func patchBreaksGuards(c *Context, patches map[string]map[string]any) bool {
	patched := make(map[string]*design.Block, len(patches))
	for id, patch := range patches {
		b := *c.Block(id)
		b.Props = b.Props.Clone()
		if b.Props == nil {
			b.Props = design.Props{}
		}
		for k, v := range patch {
			if v == nil {
				delete(b.Props, k)
			} else {
				b.Props[k] = v
			}
		}
		patched[id] = &b
	}
	end := func(id string) *design.Block {
		if b := patched[id]; b != nil {
			return b
		}
		return c.Block(id)
	}
	for id := range patches {
		for _, list := range [][]*design.Connection{c.In(c.Block(id)), c.Out(c.Block(id))} {
			for _, cn := range list {
				if c.Cat.BrokenGuard(end(cn.From), end(cn.To), cn) != nil {
					return true
				}
			}
		}
	}
	return false
}

// receivesFailures reports whether a block is the on-failure destination or
// dead-letter queue of a connection drawn to it.
func receivesFailures(c *Context, b *design.Block) bool {
	for _, cn := range c.In(b) {
		if c.Model(cn) == design.ModelFailure {
			return true
		}
	}
	return false
}

// refTargets returns the ids that connection properties refer to: the
// dead-letter queues of subscriptions, rule targets and pipes.
func refTargets(c *Context) map[string]bool {
	refs := map[string]bool{}
	for i := range c.Design.Connections {
		cn := &c.Design.Connections[i]
		in := c.Integration(cn)
		if in == nil {
			continue
		}
		for i := range in.Props {
			p := &in.Props[i]
			if p.Type != design.TypeRef {
				continue
			}
			if id, ok := cn.Props[p.Name].(string); ok {
				refs[id] = true
			}
		}
	}
	return refs
}

// sqsMappings returns the Lambda event source mappings of SQS queues.
func sqsMappings(c *Context) []*design.Connection {
	return c.Links("sqs", "lambda", design.IntESM)
}

// isSNSSubscription reports whether a connection is an SNS subscription.
func isSNSSubscription(c *Context, cn *design.Connection) bool {
	return cn.Integration == design.IntSubscription && c.From(cn).Kind == "sns"
}

// receivesFromQueue reports whether an SDK connection from a function to a
// queue grants receiving messages: the function then consumes the queue.
func receivesFromQueue(c *Context, cn *design.Connection) bool {
	if cn.Integration != design.IntSDK {
		return false
	}
	for a := range c.ConnProp(cn, "Actions").Strings() {
		if a == "*" || strings.EqualFold(a, "sqs:*") || strings.EqualFold(a, "sqs:ReceiveMessage") {
			return true
		}
	}
	return false
}
