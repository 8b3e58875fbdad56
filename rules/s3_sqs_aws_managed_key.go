package rules

import "github.com/archlab/archlab/design"

// s3SQSAWSManagedKey: S3 sends event notifications as s3.amazonaws.com,
// which the AWS managed key's fixed policy does not let in (see
// aws_managed_key_helpers.go).
func newS3SQSAWSManagedKey() Rule {
	return awsManagedKeyRule{
		meta: Meta{
			ID:       "s3-sqs-aws-managed-key",
			Title:    "Bucket notifying a queue encrypted with the AWS managed key",
			Severity: Error,
			Scope:    "connection:s3→sqs",
		},
		sender: awsManagedKeySender{
			kind: "s3", service: "S3", principal: "s3.amazonaws.com", what: "event notification",
			delivers: design.IntNotification,
		},
	}
}
