package rules

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"math"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/archlab/archlab/design"
)

// all lists every rule. It is the one place a rule is registered: read it to
// know what archlab checks. Keep rules that share a walk of the design
// (memo) next to each other: on a large design, workers take stretches of
// this list, and neighbours run on one worker.
func all() []Rule {
	return []Rule{
		// Every catalogue property within its range or values.
		newPropertyRange(),
		newPropertyLetterCase(),

		// ---- Lambda ----
		newLambdaAsyncNoFailureDestination(),

		// Lambda: function configuration.
		newLambdaTimeoutDefault(),
		newLambdaMemoryDefault(),
		newLambdaRuntimeBlocked(),
		newLambdaRuntimeDeprecated(),
		newLambdaManagedTimeoutSync(),
		newLambdaTracing(),
		newLambdaLogRetention(),
		newLambdaIAMWildcard(),
		newLambdaEnvTooLarge(),
		newLambdaEnvReserved(),
		newLambdaLogLevelNeedsJSON(),
		newLambdaURLNoAuth(),
		newLambdaTooManyLayers(),
		newLambdaImageLayers(),
		newLambdaSnapStartUnsupported(),

		// Lambda: concurrency.
		newLambdaReservedConcurrencyZero(),
		newLambdaReservedConcurrencySum(),
		newLambdaProvisionedExceedsReserved(),
		newLambdaProvisionedWithoutAlias(),
		newLambdaConcurrencyDemand(),
		// Capacity at the traffic the design states (package capacity).
		newCapacityThrottled(),
		newCapacityFifoGroup(),
		newCapacityBacklog(),
		newCapacitySyncTimeout(),

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
		newLambdaVPCDrawnNotConfigured(),

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
		newIoTSQSFifo(),

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
		newSNSStandardTopicFifoDLQ(),
		newSNSFifoTopicStandardDLQ(),
		newSNSFifoName(),
		newSNSNoSubscribers(),
		newSNSSQSAWSManagedKey(),
		newS3SQSAWSManagedKey(),
		newEventBridgeSQSAWSManagedKey(),

		// Ordering across the design.
		newFifoOrderBroken(),

		// ---- APIs, edge and orchestration ----
		newAPIGWLambdaTimeout(),

		// API Gateway: limits and wiring.
		newAPIGWTimeoutQuota(),
		newAPIGWAuthorizerMismatch(),
		newAPIGWAuthorizerUnused(),
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
		newAppSyncLambdaTimeout(),

		// CloudFront.
		newCloudFrontS3WithoutOAC(),
		newCloudFrontAllowsHTTP(),

		// Step Functions.
		newSfnDefinitionInvalid(),
		newSfnChoiceNoChoices(),
		newSfnWaitNoDuration(),
		newSfnRetryCatchUnsupported(),
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
		newPayloadSizePath(),

		// ---- Streams, events, schedules and data ----
		// Kinesis and DynamoDB streams read by Lambda and pipes.
		newStreamStartingPosition(),
		newStreamNoOnFailure(),
		newStreamPoisonRecord(),
		newStreamParallelizationOrder(),
		newStreamConcurrencyAboveReserved(),
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

		// EventBridge Custom Event Bus: subscribers, ordering and retention.
		newEventBridgeSubscriberEndpoints(),
		newEventBridgeSubscriberFilter(),
		newEventBridgeSubscriberNoDLQ(),
		newEventBridgeSubscriberRetryDefaults(),
		newEventBridgeSubscriberFifoTarget(),
		newEventBridgeSubscriberEventGroup(),
		newEventBridgeSubscriberOrderLost(),
		newEventBridgeSubscriberDLQFifo(),
		newEventBridgeRetentionReplay(),
		newEventBridgeEventsV2IAMAction(),

		// EventBridge Scheduler and Pipes.
		newSchedulerTargetCount(),
		newSchedulerTargetNoDLQ(),
		newPipeEndpoints(),
		newPipeSQSFifoBatchSize(),

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

// defaultParallelFrom: below a hundred or so blocks with their connections
// one core checks as fast as two, which spend what they save on starting a
// worker and merging. Measured on two cores: 50 blocks (150 with their
// connections) took 15-20% longer side by side, 100 blocks (300) 15-30%
// less, 500 blocks 10-25% less and 5,000 blocks 40-50% less.
const defaultParallelFrom = 200

// maxWorkers caps the workers of one check. Its rules are a hundred or so
// short walks, the merge compares every finding with each worker's next
// one, and a server checks for several people at once: measured on two
// cores, four is a guess at where more stops paying.
const maxWorkers = 4

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

// Rules returns every rule's metadata in registry order, then the checks
// the importer makes of a template itself (TemplateChecks).
func (r *Registry) Rules() []Meta {
	return append(slices.Clone(r.metas), TemplateChecks...)
}

// Rule returns a rule's metadata by id.
func (r *Registry) Rule(id string) (Meta, bool) {
	rule, ok := r.byID[id]
	if !ok {
		for _, m := range TemplateChecks {
			if m.ID == id {
				return m, true
			}
		}
		return Meta{}, false
	}
	return rule.Meta(), true
}

// TemplateChecks are what the importer finds while reading a template's
// files, not a rule while checking the design, so the registry lists them
// for their pages and severities but runs nothing for them; lint and the
// import page report them at their file and line.
var TemplateChecks = []Meta{TemplateInvalid, TemplateMalformed, TemplateReference}

// IsTemplateCheck reports whether a rule id is one of TemplateChecks,
// which no design can show.
func IsTemplateCheck(id string) bool {
	return slices.ContainsFunc(TemplateChecks, func(m Meta) bool { return m.ID == id })
}

// TemplateInvalid is what a template says that CloudFormation refuses
// before reading any resource: a resource without a Type, say.
var TemplateInvalid = Meta{
	ID:          "template-invalid",
	Title:       "Template CloudFormation refuses",
	Severity:    Error,
	Scope:       "template",
	Equivalents: []string{"cfn-lint:E3001"},
}

// TemplateMalformed is a template (or a file it references) that is not
// valid YAML or JSON, or has a key twice in one mapping.
var TemplateMalformed = Meta{
	ID:          "template-malformed",
	Title:       "Template that does not parse",
	Severity:    Error,
	Scope:       "template",
	Equivalents: []string{"cfn-lint:E0000"},
}

// TemplateReference is a local file a template references (a definition,
// an include, a nested stack) that packaging cannot use: it is not there,
// or nested stacks include each other.
var TemplateReference = Meta{
	ID:       "template-reference",
	Title:    "Referenced file missing or nested in itself",
	Severity: Error,
	Scope:    "template",
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

// Check runs every rule on the design and returns the findings the design
// does not accept (see Review), worst first. It never fails: a design that
// decodes can always be checked.
func (r *Registry) Check(d *design.Design) []Finding {
	open, _ := r.Review(d)
	return open
}

// checkAll runs every rule on the design and returns all the findings,
// worst first.
//
// Rules only read the context (what they share is computed once, under a
// lock), so on a large design they run side by side, each worker adding to
// its own report and sorting it; the sorted reports are then merged.
func (r *Registry) checkAll(d *design.Design) []Finding {
	c := pooledContext(d, r.cat, r.now())
	defer c.release()
	workers := 1
	if len(d.Blocks)+len(d.Connections) >= r.parallelFrom {
		workers = min(runtime.GOMAXPROCS(0), maxWorkers, len(r.rules))
	}
	reports := make([]*Report, workers)
	for w := range reports {
		reports[w] = pooledReport()
		defer reports[w].release()
	}
	queue := newRuleQueue(len(r.rules), workers)
	// A rule that panics on a worker would take the whole server down, so
	// workers stop at a panic and the first one is raised again here, with
	// the rule and the worker's stack, once no worker uses the context.
	var failed atomic.Pointer[rulePanic]
	work := func(w int) {
		i := -1
		defer func() {
			if v := recover(); v != nil {
				p := &rulePanic{rule: "(none: sorting)", value: v, stack: debug.Stack()}
				if i >= 0 {
					p.rule = r.metas[i].ID
				}
				failed.CompareAndSwap(nil, p)
			}
		}()
		report := reports[w]
		for next, ok := queue.take(w); ok && failed.Load() == nil; next, ok = queue.take(w) {
			i = next
			report.run(r.rules[i], r.metas[i], r.kbs[i], c)
		}
		i = -1
		report.keys = sortKeys(report.findings, report.keys)
	}
	var wg sync.WaitGroup
	for w := 1; w < workers; w++ {
		wg.Go(func() { work(w) })
	}
	work(0) // the caller works too, rather than only wait
	wg.Wait()
	if p := failed.Load(); p != nil {
		panic(p)
	}
	return merge(reports)
}

// rulePanic is a panic of a rule, raised again by Check.
type rulePanic struct {
	rule  string
	value any
	stack []byte
}

func (p *rulePanic) Error() string {
	return fmt.Sprintf("rules: rule %s panicked: %v\n%s", p.rule, p.value, p.stack)
}

// ruleQueue hands out the positions of the rules to run to workers. Each
// worker starts on its own stretch of the registry and, when that is done,
// takes from the far end of the stretch with most left. Rules that share a
// walk of the design (loops, broken guards) are listed together, so they
// mostly run one after the other on one worker instead of one waiting for
// another to finish the walk; when rules were handed out one at a time in
// turn, those waits cost a 500-block check a fifth of its time.
type ruleQueue struct {
	// stretches hold each worker's next and end positions, next<<32 | end,
	// changed only by compare-and-swap.
	stretches []atomic.Uint64
}

func newRuleQueue(rules, workers int) *ruleQueue {
	q := &ruleQueue{stretches: make([]atomic.Uint64, workers)}
	for w := range q.stretches {
		start, end := rules*w/workers, rules*(w+1)/workers
		q.stretches[w].Store(uint64(start)<<32 | uint64(end))
	}
	return q
}

// take returns the next rule position for worker w, false when none is left.
func (q *ruleQueue) take(w int) (int, bool) {
	own := &q.stretches[w]
	for {
		v := own.Load()
		next, end := v>>32, v&math.MaxUint32
		if next >= end {
			break
		}
		if own.CompareAndSwap(v, (next+1)<<32|end) {
			return int(next), true
		}
	}
	for {
		var most *atomic.Uint64
		var mostV, left uint64
		for i := range q.stretches {
			v := q.stretches[i].Load()
			if n := v&math.MaxUint32 - min(v>>32, v&math.MaxUint32); n > left {
				most, mostV, left = &q.stretches[i], v, n
			}
		}
		if most == nil {
			return 0, false
		}
		end := mostV&math.MaxUint32 - 1
		if most.CompareAndSwap(mostV, mostV>>32<<32|end) {
			return int(end), true
		}
	}
}

// merge puts the findings of reports whose keys are sorted into one list,
// worst first, then by subject and rule, so that output is stable; the list
// is of its exact size.
func merge(reports []*Report) []Finding {
	total := 0
	for _, rep := range reports {
		total += len(rep.findings)
	}
	out := make([]Finding, total)
	if len(reports) == 1 {
		rep := reports[0]
		for k, key := range rep.keys {
			out[k] = rep.findings[key.at]
		}
		return out
	}
	heads := make([]int, len(reports))
	for k := range out {
		best := -1
		for w, rep := range reports {
			if heads[w] == len(rep.keys) {
				continue
			}
			if best < 0 || compareKeys(rep.keys[heads[w]], rep.findings, reports[best].keys[heads[best]], reports[best].findings) < 0 {
				best = w
			}
		}
		rep := reports[best]
		out[k] = rep.findings[rep.keys[heads[best]].at]
		heads[best]++
	}
	return out
}

// sortKey is what sorting compares first: findings are large to move, and
// the severity and first subject decide most pairs without looking further.
type sortKey struct {
	// first holds the severity's rank in its top byte and the first
	// subject's first seven bytes below, big-endian, so that comparing it
	// compares them; only a tie compares whole subjects.
	first   uint64
	subject string
	at      int32 // the finding's position
}

// sortKeys returns the findings' keys in sorted order, in keys' storage
// when it is large enough. Ties fall to the position last, so the faster
// unstable sort gives the order a stable one would.
func sortKeys(fs []Finding, keys []sortKey) []sortKey {
	keys = resize(keys, len(fs))
	for i := range fs {
		keys[i] = sortKey{first: uint64(fs[i].Severity.Rank()) << 56, at: int32(i)}
		if len(fs[i].Subjects) > 0 {
			keys[i].subject = fs[i].Subjects[0]
			var prefix [8]byte
			copy(prefix[1:], keys[i].subject)
			keys[i].first |= binary.BigEndian.Uint64(prefix[:])
		}
	}
	slices.SortFunc(keys, func(x, y sortKey) int { return compareKeys(x, fs, y, fs) })
	return keys
}

// compareKeys compares the findings of two keys, x's in xs and y's in ys:
// by severity, subjects, rule and message, and last by position, which only
// decides between findings of one rule and so of one list.
func compareKeys(x sortKey, xs []Finding, y sortKey, ys []Finding) int {
	if x.first != y.first {
		return cmp.Compare(x.first, y.first)
	}
	if c := strings.Compare(x.subject, y.subject); c != 0 {
		return c
	}
	a, b := &xs[x.at], &ys[y.at]
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
