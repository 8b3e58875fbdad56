package iac

import (
	"bytes"
	"regexp"
)

// templateMarks: a template has a top-level Resources section (at the
// start of a line in YAML; as a key in JSON), and names AWS resource types
// or the SAM transform.
var (
	yamlResources = regexp.MustCompile(`(?m)^["']?Resources["']?\s*:`)
	jsonResources = regexp.MustCompile(`"Resources"\s*:`)
	awsTypes      = regexp.MustCompile(`AWS::[A-Za-z0-9]+::|AWS::Serverless-20`)
)

// LooksLikeTemplate reports whether a YAML or JSON file, or its start, is
// a CloudFormation or SAM template: one with a top-level Resources section
// that names AWS types. It reads text, not YAML, so that a template that
// does not parse is still told from the other files of a repository (a
// workflow, a compose file, an OpenAPI document, a state machine).
func LooksLikeTemplate(head []byte) bool {
	trimmed := bytes.TrimLeft(head, " \t\r\n\ufeff")
	resources := yamlResources
	if len(trimmed) > 0 && trimmed[0] == '{' {
		resources = jsonResources
	}
	return resources.Match(head) && awsTypes.Match(head)
}
