package rules

// apisRules lists this area's rules while they are being written; they
// move into registry.go's list when the area is done.
func apisRules() []Rule {
	return []Rule{
		// API Gateway: limits and wiring.
		newAPIGWTimeoutQuota(),
		newAPIGWAuthorizerMismatch(),
		newAPIGWHTTPRestOnlyFeature(),
		newAPIGWPrivateWithoutPolicy(),
		newAPIGWSfnSyncStandard(),
		newAPIGWSfnSyncTooLong(),
		newAPIGWThrottleAboveAccount(),
		newAPIGWEdgeBehindCloudfront(),

		// API Gateway: security and operations.
		newAPIGWPublicNoAuth(),
		newAPIGWAccessLogs(),
		newAPIGWStructuredLogs(),
		newAPIGWTracing(),
		newAPIGWDefaultThrottling(),

		// AppSync.
		newAppSyncAPIKeyAuth(),
		newAppSyncTracing(),

		// CloudFront.
		newCloudFrontS3WithoutOAC(),
		newCloudFrontAllowsHTTP(),

		// Step Functions.
		newSfnDefinitionInvalid(),
		newSfnExpressTooLong(),
		newSfnExpressUnsupportedPattern(),
		newSfnExpressNoLogging(),
		newSfnTaskTimeout(),
		newSfnCallbackNoHeartbeat(),
		newSfnLambdaNoRetry(),
		newSfnTracing(),

		// The design as a whole.
		newTimeoutChain(),
		newUnconnectedBlock(),
	}
}
