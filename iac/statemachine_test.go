package iac

import (
	"encoding/json"
	"testing"
)

// DefinitionSubstitutions whose values the template gives are filled into
// the definition, as CloudFormation does on deploy, so that a Type given by
// a placeholder is the type it stands for and its task is read; those known
// only once deployed stay placeholders.
func TestDefinitionSubstitutionsFillKnownValues(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
		conns           int
	}{
		{"inline definition", `Transform: AWS::Serverless-2016-10-31
Parameters:
  Delay: {Type: Number, Default: 30}
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: {Runtime: python3.13, Handler: app.handler, CodeUri: src/}
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition:
        StartAt: Hello
        States:
          Hello: {Type: "${pass_type}", Next: "${wait_state}"}
          Pause: {Type: Wait, Seconds: "${delay}", Next: World}
          World: {Type: "${task_type}", Resource: "${FnArn}", End: true}
      DefinitionSubstitutions:
        pass_type: Pass
        task_type: Task
        wait_state: Pause
        delay: !Ref Delay
        FnArn: !GetAtt Fn.Arn
`, `{"StartAt":"Hello","States":{"Hello":{"Next":"Pause","Type":"Pass"},"Pause":{"Next":"World","Seconds":"30","Type":"Wait"},"World":{"End":true,"Resource":"${FnArn}","Type":"Task"}}}`, 1},
		{"definition string with a number outside quotes", `Resources:
  Flow:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/flow
      DefinitionString: '{"StartAt":"Pause","States":{"Pause":{"Type":"${wait}","Seconds":${seconds},"End":true}}}'
      DefinitionSubstitutions:
        wait: Wait
        seconds: 10
`, `{"StartAt":"Pause","States":{"Pause":{"End":true,"Seconds":10,"Type":"Wait"}}}`, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			imp := mustImport(t, tc.src)
			b := imp.Design.Block("Flow")
			if b == nil {
				t.Fatalf("no Flow block; notes %v", imp.Notes)
			}
			got, _ := json.Marshal(b.Props["Definition"])
			if string(got) != tc.want {
				t.Errorf("Definition = %s\nwant %s", got, tc.want)
			}
			if n := len(imp.Design.Connections); n != tc.conns {
				t.Errorf("%d connections, want %d: %+v", n, tc.conns, imp.Design.Connections)
			}
		})
	}
}
