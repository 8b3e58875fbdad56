package rules

// messagingRules lists this area's rules while they are being written; they
// move into registry.go's list when the area is done.
func messagingRules() []Rule {
	return []Rule{
		// Catalogue guards broken by a later change.
		newSQSDLQFifoMismatch(),
		newSNSStandardToFifoQueue(),
		newLambdaDestinationFifo(),
		newS3NotificationFifo(),

		// SQS redrive.
		newSQSMaxReceiveMissing(),
		newSQSMaxReceiveLow(),
		newSQSDLQRetention(),

		// SQS → Lambda event source mappings.
		newSQSConsumerReservedConcurrencyLow(),
		newSQSMaxConcurrencyAboveReserved(),
		newSQSFifoBatchSize(),
		newSQSBatchingWindow(),
		newSQSStartingPosition(),
		newSQSPartialBatchResponse(),

		// SQS queues.
		newSQSFifoName(),
		newSQSFifoOnlyProperties(),
		newSQSFifoThroughput(),
		newSQSUnconsumed(),

		// SNS.
		newSNSFifoToStandardQueue(),
		newSNSSubscriptionNoDLQ(),
		newSNSFifoName(),
		newSNSNoSubscribers(),
		newSNSSQSAWSManagedKey(),

		// Ordering across the design.
		newFifoOrderBroken(),
	}
}
