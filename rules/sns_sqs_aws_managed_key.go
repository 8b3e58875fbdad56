package rules

import "github.com/archlab/archlab/design"

// snsSQSAWSManagedKey: SNS delivers to a queue, and to a subscription's
// dead-letter queue, as sns.amazonaws.com, which the AWS managed key's
// fixed policy does not let in (see aws_managed_key_helpers.go).
func newSNSSQSAWSManagedKey() Rule {
	return awsManagedKeyRule{
		meta: Meta{
			ID:       "sns-sqs-aws-managed-key",
			Title:    "Topic subscribing a queue encrypted with the AWS managed key",
			Severity: Error,
			Scope:    "connection:sns→sqs",
		},
		sender: awsManagedKeySender{
			kind: "sns", service: "SNS", principal: "sns.amazonaws.com", what: "message",
			delivers: design.IntSubscription, deadLetter: "RedrivePolicy.deadLetterTargetArn",
		},
	}
}
