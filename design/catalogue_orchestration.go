package design

var stepFunctionsKind = Kind{
	ID: "stepfunctions", Name: "Step Functions state machine", Noun: "StateMachine", Category: CategoryOrchestration, KB: "/kb/step-functions",
	Summary:        "Workflow of states with retries, branches and waits; Standard runs up to a year, Express up to 5 minutes.",
	CloudFormation: []string{"AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine"},
	ARN:            []ARNForm{{Service: "states", Resource: "stateMachine:"}},
	IAM:            []IAMService{{Prefix: "states", Write: []string{"StartExecution", "StartSyncExecution", "RedriveExecution"}, Read: []string{"SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat", "StopExecution", "DescribeExecution", "DescribeStateMachine", "GetExecutionHistory", "ListExecutions"}}},
	Props: []Prop{
		{Name: "StateMachineName", Label: "State machine name", Type: TypeString, Text: nameStateMachine, Summary: "The state machine's name in AWS; CloudFormation makes one up from the stack's name when it is unset.", Essential: true},
		{Name: "Type", Label: "Workflow type", Type: TypeEnum, Values: []string{"STANDARD", "EXPRESS"}, Default: "STANDARD", Summary: "STANDARD: exactly-once, up to 1 year, full history. EXPRESS: at-least-once, up to 5 minutes, high volume.", KB: "/kb/step-functions", Essential: true},
		{Name: "Definition", Type: TypeJSON, Summary: "The Amazon States Language definition.", KB: "/kb/step-functions", Essential: true},
		{Name: "LoggingConfiguration.Level", Label: "Logging", Type: TypeEnum, Values: []string{"OFF", "ALL", "ERROR", "FATAL"}, Default: "OFF", Summary: "Execution history to CloudWatch Logs; Express keeps history nowhere else.", KB: "/kb/observability", Essential: true},
		{Name: "TracingConfiguration.Enabled", Label: "X-Ray tracing", Type: TypeBoolean, Default: false, Summary: "Traces executions with X-Ray.", KB: "/kb/observability"},
		{Name: "ExpectedDurationSeconds", Label: "Expected duration", Type: TypeInteger, Unit: "s", Range: rng(0, 31536000), Estimate: true, Summary: "Estimate: how long one execution takes end to end, waits included.", KB: "/kb/step-functions"},
	},
}
