package rules

import "strings"

// The AWS managed key for SQS (alias/aws/sqs) has a key policy nobody can
// change, and it lets in only principals of the queue's own account that
// use SQS. A service that sends to a queue as itself (SNS, S3 event
// notifications, EventBridge rule targets) needs a key policy statement for
// its service principal, which only a customer managed key can have, so
// every message it sends to such a queue fails. Services that send with a
// role of the account (pipes, schedules, IoT rules, Lambda destinations,
// state machines, API integrations) are not affected. One check serves a
// rule per sending service.

// awsManagedKeySender describes one service that sends to queues as itself.
type awsManagedKeySender struct {
	kind      string // the sending block's kind
	service   string // its name in messages: "SNS"
	principal string // the service principal a key policy must name
	// delivers is the integration of the connections that send messages.
	delivers string
	// deadLetter is the connection property that names a dead-letter
	// queue the service writes to, "" for none.
	deadLetter string
	what       string // what it sends, for messages: "message", "event"
}

// awsManagedKeyFix is the fix's patch, one map shared by every finding (see
// fix.go): SQS-managed encryption instead of the AWS managed key.
var awsManagedKeyFix = map[string]any{"KmsMasterKeyId": nil, "SqsManagedSseEnabled": true}

// isAWSManagedSQSKey reports whether a KMS key reference names the AWS
// managed key for SQS by its alias, alone or in an alias ARN.
func isAWSManagedSQSKey(key string) bool {
	return key == "alias/aws/sqs" || strings.HasSuffix(key, ":alias/aws/sqs")
}

// check reports each queue of the design encrypted with the AWS managed key
// that the sender delivers to, or uses as a dead-letter queue.
func (s awsManagedKeySender) check(c *Context, report *Report) {
	for _, q := range c.Kind("sqs") {
		key := c.Prop(q, "KmsMasterKeyId").Str()
		if !isAWSManagedSQSKey(key) {
			continue
		}
		subjects := []string{q.ID}
		var senders, dlqOf []string
		for _, cn := range c.In(q) {
			if cn.Integration == s.delivers && c.From(cn).Kind == s.kind && !cn.Inferred() {
				subjects = append(subjects, cn.ID)
				senders = append(senders, c.Label(c.From(cn)))
			}
		}
		if s.deadLetter != "" {
			for _, ref := range c.RefsTo(q.ID) {
				cn := c.Design.Connection(ref.Owner)
				if ref.Prop != s.deadLetter || cn == nil || c.From(cn) == nil || c.From(cn).Kind != s.kind {
					continue
				}
				subjects = append(subjects, cn.ID)
				dlqOf = append(dlqOf, c.Label(c.From(cn))+" → "+c.Label(c.To(cn)))
			}
		}
		if len(senders) == 0 && len(dlqOf) == 0 {
			continue
		}
		msg := c.Label(q) + " is encrypted with the AWS managed key " + key + ", whose key policy cannot be changed to let " +
			s.service + " (" + s.principal + ") use it"
		switch {
		case len(senders) > 0 && len(dlqOf) > 0:
			msg += ": every " + s.what + " " + joinIDs(senders) + " sends to it fails, and as the dead-letter queue of " +
				joinIDs(dlqOf) + " it cannot keep what they fail to deliver either."
		case len(senders) > 0:
			msg += ", so every " + s.what + " " + joinIDs(senders) + " sends to it fails and is lost."
		default:
			msg += ", so as the dead-letter queue of " + joinIDs(dlqOf) + " it keeps nothing: what " + s.service +
				" fails to deliver is lost."
		}
		msg += " Use SQS-managed encryption (SSE-SQS), or a customer managed key whose policy allows " + s.principal +
			" kms:GenerateDataKey and kms:Decrypt."
		report.Add(Finding{Subjects: subjects, Message: msg, Fix: ops(setProps(q.ID, awsManagedKeyFix))})
	}
}

// awsManagedKeyRule is the rule of one sender.
type awsManagedKeyRule struct {
	meta   Meta
	sender awsManagedKeySender
}

func (r awsManagedKeyRule) Meta() Meta                       { return r.meta }
func (r awsManagedKeyRule) Check(c *Context, report *Report) { r.sender.check(c, report) }

var _ Rule = awsManagedKeyRule{}
