package rules

import "github.com/archlab/archlab/design"

// eventBridgeSQSAWSManagedKey: EventBridge delivers to a rule's queue
// target, and to a target's dead-letter queue, as events.amazonaws.com,
// which the AWS managed key's fixed policy does not let in (see
// aws_managed_key_helpers.go). Schedules and pipes send with a role of the
// account and are not affected.
func newEventBridgeSQSAWSManagedKey() Rule {
	return awsManagedKeyRule{
		meta: Meta{
			ID:       "eventbridge-sqs-aws-managed-key",
			Title:    "Rule targeting a queue encrypted with the AWS managed key",
			Severity: Error,
			Scope:    "connection:eventbridge-rule→sqs",
		},
		sender: awsManagedKeySender{
			kind: "eventbridge-rule", service: "EventBridge", principal: "events.amazonaws.com", what: "event",
			delivers: design.IntTarget, deadLetter: "DeadLetterConfig.Arn",
		},
	}
}
