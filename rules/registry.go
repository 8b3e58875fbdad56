package rules

import (
	"cmp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/archlab/archlab/design"
)

// all lists every rule. It is the one place a rule is registered: read it to
// know what archlab checks.
func all() []Rule {
	return []Rule{
		// Every catalogue property within its range or values.
		newPropertyRange(),

		// ---- Lambda ----
		newLambdaAsyncNoFailureDestination(),

		// Lambda: function configuration.
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

		// Lambda: concurrency.
		newLambdaReservedConcurrencyZero(),
		newLambdaReservedConcurrencySum(),
		newLambdaProvisionedExceedsReserved(),
		newLambdaProvisionedWithoutAlias(),
		newLambdaConcurrencyDemand(),

		// Lambda: calls between functions, and loops.
		newLambdaCallsLambdaSync(),
		newLambdaRecursiveLoop(),
		newLambdaUndetectedLoop(),
		newLambdaFilteredLoop(),

		// Lambda: databases.
		newLambdaRDSNoProxy(),
		newLambdaRDSOutsideVPC(),
		newRDSConnectionsExhausted(),
		newLambdaDAXOutsideVPC(),

		// Lambda: Lambda@Edge and Cognito triggers.
		newLambdaEdgeUnsupported(),
		newLambdaEdgeLimits(),
		newEdgePreferCloudFrontFunctions(),
		newCognitoTriggerTimeout(),

		// ---- SQS and SNS ----
		newSQSVisibilityBelowTimeout(),
		newSQSVisibility6x(),
		newSQSNoRedrive(),
		newSNSFifoSubscriber(),

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

		// ---- APIs, edge and orchestration ----
		newAPIGWLambdaTimeout(),

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

		// ---- Streams, events, schedules and data ----
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

// Registry holds the rules the engine runs.
type Registry struct {
	cat   *design.Catalogue
	rules []Rule
	// metas and kbs hold each rule's Meta and page, by position, made once.
	metas []Meta
	kbs   []string
	byID  map[string]Rule
	now   func() time.Time
	// parallelFrom is the size (blocks and connections) from which the
	// rules share the processor's cores; smaller designs check faster alone.
	parallelFrom int
}

// defaultParallelFrom: below a thousand or so blocks with their connections
// one core checks as fast as two, which spend what they save on starting
// workers, merging their findings and collecting more garbage at once.
// Measured on two cores: 500 blocks took as long side by side, 1,000 blocks
// 12-15% less.
const defaultParallelFrom = 2000

// Default returns the registry of every rule.
func Default(cat *design.Catalogue) *Registry {
	return New(cat, all()...)
}

// New returns a registry of the given rules; tests use it to run one rule.
func New(cat *design.Catalogue, rs ...Rule) *Registry {
	r := &Registry{cat: cat, rules: rs, byID: make(map[string]Rule, len(rs)), now: time.Now, parallelFrom: defaultParallelFrom}
	r.metas, r.kbs = make([]Meta, len(rs)), make([]string, len(rs))
	for i, rule := range rs {
		r.metas[i] = rule.Meta()
		r.kbs[i] = r.metas[i].KB()
		id := r.metas[i].ID
		if r.byID[id] != nil {
			panic("rules: rule " + id + " registered twice")
		}
		r.byID[id] = rule
	}
	return r
}

// Rules returns every rule's metadata in registry order.
func (r *Registry) Rules() []Meta {
	return slices.Clone(r.metas)
}

// Rule returns a rule's metadata by id.
func (r *Registry) Rule(id string) (Meta, bool) {
	rule, ok := r.byID[id]
	if !ok {
		return Meta{}, false
	}
	return rule.Meta(), true
}

// WithClock makes the rules compare dates with now() instead of the time of
// day, for reproducible tests.
func (r *Registry) WithClock(now func() time.Time) *Registry {
	c := *r
	c.now = now
	return &c
}

// Catalogue returns the catalogue the rules check against.
func (r *Registry) Catalogue() *design.Catalogue { return r.cat }

// Check runs every rule on the design and returns the findings, worst first.
// It never fails: a design that decodes can always be checked.
func (r *Registry) Check(d *design.Design) []Finding {
	c := pooledContext(d, r.cat, r.now())
	defer c.release()
	workers := runtime.GOMAXPROCS(0)
	if workers < 2 || len(d.Blocks)+len(d.Connections) < r.parallelFrom {
		report := pooledReport()
		defer report.release()
		for i, rule := range r.rules {
			report.run(rule, r.metas[i], r.kbs[i], c)
		}
		var findings []Finding
		findings, report.keys = sorted(report.findings, report.keys)
		return findings
	}
	// Rules only read the context (what they share is computed once, under
	// a lock), so they may run side by side, each worker with its own
	// report. The findings are then put together in registry order, as one
	// after the other would have left them.
	type span struct{ worker, start, end int }
	spans := make([]span, len(r.rules))
	reports := make([]*Report, workers)
	var next atomic.Int32
	var wg sync.WaitGroup
	for w := range workers {
		report := pooledReport()
		defer report.release()
		reports[w] = report
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(r.rules); i = int(next.Add(1)) - 1 {
				start, end := report.run(r.rules[i], r.metas[i], r.kbs[i], c)
				spans[i] = span{w, start, end}
			}
		})
	}
	wg.Wait()
	total := 0
	for _, rep := range reports {
		total += len(rep.findings)
	}
	findings := make([]Finding, 0, total)
	for _, sp := range spans {
		findings = append(findings, reports[sp.worker].findings[sp.start:sp.end]...)
	}
	Sort(findings)
	return findings
}

// Sort orders findings worst first, then by subject and rule, so that output
// is stable.
func Sort(fs []Finding) {
	keys := sortKeys(fs, nil)
	// Put each finding in place by following the permutation's cycles,
	// without a second list; a key's position turns -1 once it is placed.
	for i := range keys {
		if keys[i].at < 0 || int(keys[i].at) == i {
			continue
		}
		held := fs[i]
		j := i
		for {
			k := int(keys[j].at)
			keys[j].at = -1
			if k == i {
				fs[j] = held
				break
			}
			fs[j] = fs[k]
			j = k
		}
	}
}

// sorted returns the findings in Sort's order in a new list of their exact
// size, leaving fs as it was. keys is room for the sort's work, reused.
func sorted(fs []Finding, keys []sortKey) ([]Finding, []sortKey) {
	keys = sortKeys(fs, keys)
	out := make([]Finding, len(fs))
	for k := range keys {
		out[k] = fs[keys[k].at]
	}
	return out, keys
}

// sortKey is what sorting compares first: findings are large to move, and
// the severity and first subject decide most pairs without looking further.
type sortKey struct {
	rank    int
	subject string
	at      int32 // the finding's position
}

// sortKeys returns the findings' keys in sorted order, in keys' storage
// when it is large enough. Ties fall to the position last, so the faster
// unstable sort gives the order a stable one would.
func sortKeys(fs []Finding, keys []sortKey) []sortKey {
	keys = resize(keys, len(fs))
	for i := range fs {
		keys[i] = sortKey{rank: fs[i].Severity.Rank(), at: int32(i)}
		if len(fs[i].Subjects) > 0 {
			keys[i].subject = fs[i].Subjects[0]
		}
	}
	slices.SortFunc(keys, func(x, y sortKey) int {
		if x.rank != y.rank {
			return cmp.Compare(x.rank, y.rank)
		}
		if c := strings.Compare(x.subject, y.subject); c != 0 {
			return c
		}
		a, b := &fs[x.at], &fs[y.at]
		if c := slices.Compare(a.Subjects, b.Subjects); c != 0 {
			return c
		}
		if c := strings.Compare(a.Rule, b.Rule); c != 0 {
			return c
		}
		if c := strings.Compare(a.Message, b.Message); c != 0 {
			return c
		}
		return cmp.Compare(x.at, y.at)
	})
	return keys
}

// Count tallies findings by severity.
func Count(fs []Finding) map[Severity]int {
	n := map[Severity]int{}
	for _, f := range fs {
		n[f.Severity]++
	}
	return n
}

// Delta compares the findings of two versions of a design: those only the
// newer one has (introduced) and those only the older one had (resolved).
// A finding is the same when its rule and subjects are: a message whose
// numbers changed is still the same problem.
func Delta(before, after []Finding) (introduced, resolved []Finding) {
	key := func(f Finding) string { return f.Rule + "\x00" + strings.Join(f.Subjects, "\x00") }
	had := make(map[string]bool, len(before))
	for _, f := range before {
		had[key(f)] = true
	}
	has := make(map[string]bool, len(after))
	for _, f := range after {
		has[key(f)] = true
		if !had[key(f)] {
			introduced = append(introduced, f)
		}
	}
	for _, f := range before {
		if !has[key(f)] {
			resolved = append(resolved, f)
		}
	}
	return introduced, resolved
}
