package design

import (
	"regexp"
	"strings"
)

// KindExternal is the kind of a block that stands for an AWS service the
// catalogue does not model (AWS Batch, Systems Manager, Amazon MQ...). Such
// a block is always outside the design: it carries its service in External.
const KindExternal = "external"

// External marks a block that stands for something outside the design: a
// queue another stack owns and a template names by ARN, a parameter, an
// !ImportValue, a user pool of another team. Rules treat it as present and
// unknown: never missing, and its own properties are never assumed (AWS's
// defaults do not apply to a resource someone else configured).
type External struct {
	// Ref is the reference as written, in YAML's short form: an ARN,
	// "!Ref OrdersQueueArn", "!ImportValue shared-bus",
	// "!ImportValue !Sub ${Env}-bus", "!Sub arn:aws:sqs:${AWS::Region}:...".
	// A leading tag is the intrinsic function; anything else is literal.
	Ref string `json:"ref,omitempty"`
	// Default is the default value of the template parameter a "!Ref"
	// reference names, when the template gave one: what the reference
	// stands for unless whoever deploys says otherwise. An export declares
	// the parameter with it again.
	Default string `json:"default,omitempty"`
	// Service is the AWS service namespace the block belongs to, as ARNs
	// write it ("batch", "ssm", "kafka"), for the external kind when the
	// reference tells it (a Kafka cluster outside AWS belongs to none);
	// implied by the kind otherwise.
	Service string `json:"service,omitempty"`
}

// MaxExternalRefLen bounds a reference and its parameter's default, in
// characters (runes, as people count them and as the importer clips); the
// longest ARNs are 2,048 characters.
const MaxExternalRefLen = 2048

var serviceNamespace = regexp.MustCompile(`^[a-z][a-z0-9-]{0,39}$`)

// Check validates an external marker on its own, as a design's validation
// does for a block's: errors name the field (external.ref,
// external.service).
func (e *External) Check() error { return e.check(nil) }

// check validates an external marker of a block of kind k.
func (e *External) check(k *Kind) error {
	if err := checkText("external.ref", e.Ref, MaxExternalRefLen); err != nil {
		return err
	}
	if err := checkText("external.default", e.Default, MaxExternalRefLen); err != nil {
		return err
	}
	if e.Service != "" && !serviceNamespace.MatchString(e.Service) {
		return Invalid("external.service", "%q is not an AWS service namespace (lower-case letters, digits and '-', as in ARNs: \"batch\", \"ssm\")", e.Service)
	}
	return nil
}

// ServiceOf returns the AWS service namespace a block belongs to: its
// external marker's, or its kind's.
func (c *Catalogue) ServiceOf(b *Block) string {
	if b.External != nil && b.External.Service != "" {
		return b.External.Service
	}
	if k := c.byID[b.Kind]; k != nil && len(k.ARN) > 0 {
		return k.ARN[0].Service
	}
	return ""
}

// ServiceName names an AWS service for people ("AWS Batch"), from its
// namespace; an unknown namespace is returned as it is.
func ServiceName(namespace string) string {
	if n, ok := serviceNames[namespace]; ok {
		return n
	}
	return namespace
}

// serviceNames are the services people meet in serverless templates, by the
// namespace their ARNs and IAM actions use.
var serviceNames = map[string]string{
	"acm": "AWS Certificate Manager", "apigateway": "API Gateway", "appconfig": "AWS AppConfig",
	"appsync": "AWS AppSync", "athena": "Amazon Athena", "backup": "AWS Backup", "batch": "AWS Batch",
	"bedrock": "Amazon Bedrock", "cloudformation": "AWS CloudFormation", "cloudfront": "Amazon CloudFront",
	"cloudtrail": "AWS CloudTrail", "cloudwatch": "Amazon CloudWatch", "codebuild": "AWS CodeBuild",
	"codecommit": "AWS CodeCommit", "codedeploy": "AWS CodeDeploy", "codepipeline": "AWS CodePipeline",
	"cognito-identity": "Amazon Cognito identity pools", "cognito-idp": "Amazon Cognito user pools",
	"comprehend": "Amazon Comprehend", "dax": "DynamoDB Accelerator", "dynamodb": "Amazon DynamoDB",
	"ec2": "Amazon EC2", "ecr": "Amazon ECR", "ecs": "Amazon ECS", "eks": "Amazon EKS",
	"elasticache": "Amazon ElastiCache", "elasticfilesystem": "Amazon EFS", "elasticloadbalancing": "Elastic Load Balancing",
	"es": "Amazon OpenSearch Service", "aoss": "Amazon OpenSearch Serverless", "events": "Amazon EventBridge",
	"eventsv2": "EventBridge Custom Event Bus", "execute-api": "API Gateway", "firehose": "Amazon Data Firehose",
	"glue": "AWS Glue", "iam": "AWS IAM", "iot": "AWS IoT Core", "kafka": "Amazon MSK",
	"kinesis": "Amazon Kinesis Data Streams", "kinesisanalytics": "Amazon Managed Service for Apache Flink",
	"kinesisvideo": "Amazon Kinesis Video Streams", "kms": "AWS KMS", "lambda": "AWS Lambda",
	"logs": "CloudWatch Logs", "mediaconvert": "AWS Elemental MediaConvert", "mq": "Amazon MQ",
	"pipes": "EventBridge Pipes", "polly": "Amazon Polly", "rds": "Amazon RDS", "rds-data": "RDS Data API",
	"redshift": "Amazon Redshift", "rekognition": "Amazon Rekognition", "route53": "Amazon Route 53",
	"s3": "Amazon S3", "sagemaker": "Amazon SageMaker", "scheduler": "EventBridge Scheduler",
	"secretsmanager": "AWS Secrets Manager", "ses": "Amazon SES", "sns": "Amazon SNS", "sqs": "Amazon SQS",
	"ssm": "AWS Systems Manager", "states": "AWS Step Functions", "sts": "AWS STS", "textract": "Amazon Textract",
	"timestream": "Amazon Timestream", "transcribe": "Amazon Transcribe", "translate": "Amazon Translate",
	"wafv2": "AWS WAF", "xray": "AWS X-Ray",
}

// ARNForm says how the ARNs of a kind's resources look: the service
// namespace and the start of the resource part ("stream/", "function:").
// An empty Resource matches any resource of the service.
type ARNForm struct {
	Service  string `json:"service"`
	Resource string `json:"resource,omitempty"`
}

// ARN is an Amazon Resource Name split into its parts.
type ARN struct {
	Partition, Service, Region, Account, Resource string
}

// ParseARN splits "arn:partition:service:region:account:resource". It
// accepts placeholders such as ${AWS::Region} in any part, as templates
// write ARNs with Fn::Sub.
func ParseARN(s string) (ARN, bool) {
	rest, ok := strings.CutPrefix(s, "arn:")
	if !ok {
		return ARN{}, false
	}
	// Split at the first four colons outside ${...} placeholders, which
	// hold colons of their own.
	var parts []string
	depth, from := 0, 0
	for i := 0; i < len(rest) && len(parts) < 4; i++ {
		switch {
		case rest[i] == '$' && i+1 < len(rest) && rest[i+1] == '{':
			depth++
			i++
		case rest[i] == '}' && depth > 0:
			depth--
		case rest[i] == ':' && depth == 0:
			parts = append(parts, rest[from:i])
			from = i + 1
		}
	}
	if len(parts) < 4 || parts[1] == "" {
		return ARN{}, false
	}
	return ARN{Partition: parts[0], Service: parts[1], Region: parts[2], Account: parts[3], Resource: rest[from:]}, true
}

// Name is the resource's own name, as far as the ARN shows it: what follows
// the resource type ("orders" of "table/orders/stream/2026", "stream/orders"
// or "function:orders:live"), or the whole resource part when it has no type.
func (a ARN) Name(form ARNForm) string {
	r := strings.TrimPrefix(a.Resource, form.Resource)
	if i := strings.IndexAny(r, "/:"); i >= 0 && form.Resource != "" {
		r = r[:i]
	}
	return r
}

// KindOfARN finds the catalogue kind whose resources have ARNs like arn,
// and the form that matched; nil when the catalogue models no such
// resource (the service is then a.Service).
func (c *Catalogue) KindOfARN(a ARN) (*Kind, ARNForm) {
	var best *Kind
	var bestForm ARNForm
	for _, k := range c.kinds {
		for _, f := range k.ARN {
			if f.Service != a.Service || !strings.HasPrefix(a.Resource, f.Resource) {
				continue
			}
			// The longest resource prefix wins: "event-bus/" over "".
			if best == nil || len(f.Resource) > len(bestForm.Resource) {
				best, bestForm = k, f
			}
		}
	}
	return best, bestForm
}

// KindOfService returns the one kind whose resources are of a service
// namespace ("sqs" is the SQS queue), or nil when none or several are
// ("events" has buses, rules and API destinations).
func (c *Catalogue) KindOfService(service string) *Kind {
	var found *Kind
	for _, k := range c.kinds {
		for _, f := range k.ARN {
			if f.Service != service {
				continue
			}
			if found != nil && found != k {
				return nil
			}
			found = k
		}
	}
	return found
}

// ServiceOfType returns the service namespace of a CloudFormation resource
// type: "AWS::Batch::JobQueue" is "batch", "AWS::AmazonMQ::Broker" is "mq".
func ServiceOfType(typ string) string {
	parts := strings.Split(typ, "::")
	if len(parts) != 3 || parts[0] != "AWS" {
		return ""
	}
	if ns, ok := typeNamespaces[parts[1]]; ok {
		return ns
	}
	return strings.ToLower(parts[1])
}

// typeNamespaces are the CloudFormation service names whose namespace is
// not simply their lower case.
var typeNamespaces = map[string]string{
	"AmazonMQ": "mq", "MSK": "kafka", "OpenSearchService": "es", "Elasticsearch": "es",
	"OpenSearchServerless": "aoss", "DocDB": "rds", "DocDBElastic": "docdb-elastic", "EFS": "elasticfilesystem",
	"KinesisFirehose": "firehose", "KinesisAnalyticsV2": "kinesisanalytics", "ElasticLoadBalancingV2": "elasticloadbalancing",
	"StepFunctions": "states", "ApiGateway": "apigateway", "ApiGatewayV2": "apigateway", "Cognito": "cognito-idp",
	"CertificateManager": "acm", "WAFv2": "wafv2", "Serverless": "",
}
