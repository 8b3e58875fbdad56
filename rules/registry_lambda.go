package rules

// lambdaRules lists this area's rules while they are being written; they
// move into registry.go's list when the area is done.
func lambdaRules() []Rule {
	return []Rule{
		// Function configuration.
		newLambdaTimeoutDefault(),
		newLambdaMemoryDefault(),
		newLambdaRuntimeBlocked(),
		newLambdaRuntimeDeprecated(),
		newLambdaTracing(),
		newLambdaLogRetention(),
		newLambdaIAMWildcard(),
		newLambdaEnvTooLarge(),
		newLambdaEnvReserved(),
		newLambdaLogLevelNeedsJSON(),
		newLambdaURLNoAuth(),
		newLambdaTooManyLayers(),
		newLambdaSnapStartUnsupported(),

		// Concurrency.
		newLambdaReservedConcurrencyZero(),
		newLambdaReservedConcurrencySum(),
		newLambdaProvisionedExceedsReserved(),
		newLambdaProvisionedWithoutAlias(),
		newLambdaConcurrencyDemand(),

		// Calls between functions, and loops.
		newLambdaCallsLambdaSync(),
		newLambdaRecursiveLoop(),
		newLambdaUndetectedLoop(),

		// Databases.
		newLambdaRDSNoProxy(),
		newLambdaRDSOutsideVPC(),
		newRDSConnectionsExhausted(),
		newLambdaDAXOutsideVPC(),

		// Lambda@Edge and Cognito triggers.
		newLambdaEdgeUnsupported(),
		newLambdaEdgeLimits(),
		newEdgePreferCloudFrontFunctions(),
		newCognitoTriggerTimeout(),
	}
}
