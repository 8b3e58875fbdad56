package rules

// eventsRules lists this area's rules while they are being written; they
// move into registry.go's list when the area is done.
func eventsRules() []Rule {
	return []Rule{
		// Kinesis and DynamoDB streams read by Lambda and pipes.
		newStreamStartingPosition(),
		newStreamNoOnFailure(),
		newStreamPoisonRecord(),
		newStreamParallelizationOrder(),
		newDynamoDBStreamDisabled(),
		newDynamoDBStreamReaders(),
		newKinesisShardCapacity(),

		// EventBridge rules and their targets.
		newEventBridgeRuleNoTrigger(),
		newScheduleExpressionInvalid(),
		newEventBridgeScheduleCustomBus(),
		newEventBridgeRuleTooManyTargets(),
		newEventBridgeTargetNoDLQ(),
		newEventBridgeDLQFifo(),
		newEventBridgeFifoTarget(),
		newEventBridgeBusTargetNoRole(),

		// EventBridge Scheduler and Pipes.
		newSchedulerTargetCount(),
		newSchedulerTargetNoDLQ(),
		newPipeEndpoints(),

		// S3, DynamoDB and Firehose.
		newS3EventBridgeDelivery(),
		newDynamoDBBillingThroughput(),
		newFirehoseSourceMismatch(),
		newFirehoseBufferingHints(),
	}
}
