package rules

import (
	"strings"
)

// snsSQSAWSManagedKey: SNS must use the queue's KMS key to deliver, and the
// AWS managed key's policy (alias/aws/sqs) cannot grant it, so every
// delivery to such a queue fails.
type snsSQSAWSManagedKey struct{}

func newSNSSQSAWSManagedKey() Rule { return snsSQSAWSManagedKey{} }

// snsSQSAWSManagedKeyFix is the fix's patch, one map shared by every finding (see fix.go).
var snsSQSAWSManagedKeyFix = map[string]any{"KmsMasterKeyId": nil, "SqsManagedSseEnabled": true}

func (snsSQSAWSManagedKey) Meta() Meta {
	return Meta{
		ID:       "sns-sqs-aws-managed-key",
		Title:    "Topic subscribing a queue encrypted with the AWS managed key",
		Severity: Warning,
		Scope:    "connection:sns→sqs",
	}
}

func (snsSQSAWSManagedKey) Check(c *Context, report *Report) {
	for _, q := range c.Kind("sqs") {
		key := c.Prop(q, "KmsMasterKeyId").Str()
		if !strings.HasSuffix(key, "alias/aws/sqs") {
			continue
		}
		subjects := []string{q.ID}
		var topics []string
		for _, cn := range c.In(q) {
			if isSNSSubscription(c, cn) {
				subjects = append(subjects, cn.ID)
				topics = append(topics, c.Label(c.From(cn)))
			}
		}
		if len(topics) == 0 {
			continue
		}
		report.Add(Finding{
			Subjects: subjects,
			Message: c.Label(q) + " is encrypted with the AWS managed key " + key + ", whose key policy cannot let SNS " +
				"use it, so every delivery from " + joinIDs(topics) + " fails and the messages are lost. Use SQS-managed " +
				"encryption (SSE-SQS), or a customer managed key whose policy grants sns.amazonaws.com.",
			Fix: ops(setProps(q.ID, snsSQSAWSManagedKeyFix)),
		})
	}
}
