package rules

import (
	"bytes"
	"encoding/json"
	"strings"
	"sync"

	"github.com/archlab/archlab/design"
)

// lambdaDefaultQuota is the default concurrent executions of an account in a
// Region (a fact of design/data/facts/lambda.json); rules that rest on it
// say so.
var lambdaDefaultQuota = design.FactValue("lambda.default-concurrency-quota")

// edgeConnections returns the CloudFront connections that run a function as
// Lambda@Edge.
func edgeConnections(c *Context, fn *design.Block) []*design.Connection {
	var out []*design.Connection
	for _, cn := range c.In(fn) {
		if cn.Integration == design.IntEdge {
			out = append(out, cn)
		}
	}
	return out
}

// isEdgeFunction reports whether a function runs as Lambda@Edge: marked so,
// or attached to a CloudFront event.
func isEdgeFunction(c *Context, fn *design.Block) bool {
	return c.Prop(fn, "EdgeFunction").Bool() || len(edgeConnections(c, fn)) > 0
}

// isViewerEvent reports whether a Lambda@Edge connection runs at a viewer
// event, where the tighter limits apply.
func isViewerEvent(c *Context, cn *design.Connection) bool {
	return strings.HasPrefix(c.ConnProp(cn, "EventType").Str(), "viewer-")
}

// lambdaEnvVars returns a function's environment variables when they are
// an object.
func lambdaEnvVars(c *Context, fn *design.Block) (map[string]any, bool) {
	vars, ok := c.Prop(fn, "Environment.Variables").V.(map[string]any)
	return vars, ok
}

// envSize is the size Lambda measures environment variables by: the
// variables as compact JSON, {"KEY":"value",...}, in bytes. Values are
// strings; anything else (a number, an intrinsic function whose value is
// not known yet) is counted as its JSON text.
func envSize(vars map[string]any) int {
	strs := make(map[string]string, len(vars))
	for k, v := range vars {
		if s, ok := v.(string); ok {
			strs[k] = s
			continue
		}
		b, _ := json.Marshal(v)
		strs[k] = string(b)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(strs)
	return len(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

// wildcardActions collects the "*" and "service:*" actions that IAM
// statements allow, wherever they sit in a Policies value: a list of
// policies, a policy document with a Statement, a PolicyDocument wrapper or
// a bare statement. Managed policy names and SAM policy templates (strings
// and objects without statements) grant nothing to look at here.
func wildcardActions(v any, out []string) []string {
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			out = wildcardActions(e, out)
		}
	case map[string]any:
		if st, ok := x["Statement"]; ok {
			return wildcardActions(st, out)
		}
		if doc, ok := x["PolicyDocument"]; ok {
			return wildcardActions(doc, out)
		}
		if effect, _ := x["Effect"].(string); effect == "Deny" {
			return out
		}
		switch a := x["Action"].(type) {
		case string:
			out = appendWildcard(out, a)
		case []any:
			for _, e := range a {
				if s, ok := e.(string); ok {
					out = appendWildcard(out, s)
				}
			}
		}
	}
	return out
}

func appendWildcard(out []string, action string) []string {
	if !isWildcardAction(action) {
		return out
	}
	for _, a := range out {
		if a == action {
			return out
		}
	}
	return append(out, action)
}

// isWildcardAction reports whether an action is "*" or "service:*".
func isWildcardAction(a string) bool {
	if a == "*" {
		return true
	}
	svc, rest, ok := strings.Cut(a, ":")
	return ok && svc != "" && rest == "*"
}

// lambdaLoop is a strongly connected component of the design's graph that
// holds a Lambda function: events can go round it for ever.
type lambdaLoop struct {
	// cycle is one closed walk through a function (and through a block
	// Lambda's loop detection does not follow, when there is one); it
	// starts at the function and does not repeat it at the end. A block
	// may appear twice in it.
	cycle []*design.Block
	// blocks are the component's blocks: the cycle's first, then the rest
	// in design order.
	blocks []*design.Block
	// uncovered are the blocks Lambda's recursion detection does not
	// follow, in design order.
	uncovered []*design.Block
}

// recursionCovered reports whether Lambda's recursive loop detection
// follows events through a kind: functions, queues, topics and buckets.
func recursionCovered(kind string) bool {
	switch kind {
	case "lambda", "sqs", "sns", "s3":
		return true
	}
	return false
}

// loopEdge reports whether a connection can carry an event round a loop:
// every hop of a loop must send or change something at the next block.
// A call from code does when its IAM actions include a write (a consumer
// that deletes its own messages, a function that reads a table, a callback
// that reports a task's result send nothing on); an inferred call that
// names no action is no evidence of a write. Two SDK calls are left out
// because they rarely feed back: a function that posts to WebSocket
// connections reaches clients, not routes, and trigger functions commonly
// call their own user pool (adding a user to a group) without firing
// another trigger.
func loopEdge(c *Context, cn *design.Connection) bool {
	to := c.To(cn)
	if to == nil {
		return false
	}
	if cn.Integration == design.IntSDK && (to.Kind == "apigateway-websocket" || to.Kind == "cognito") {
		return false
	}
	if !writes(c, cn) {
		return false
	}
	// A function that calls back a workflow waiting for a task token (the
	// callback pattern) resumes the execution that sent it the work: it
	// starts nothing new. Drawn without its actions, a call to a workflow
	// with a callback task is taken for that callback.
	if codeCall(cn) && to.Kind == "stepfunctions" && len(c.ConnProp(cn, "Actions").Items()) == 0 && waitsForCallback(c, to) {
		return false
	}
	return true
}

// waitsForCallback reports whether a state machine has a task that waits
// for a task token.
func waitsForCallback(c *Context, sm *design.Block) bool {
	for _, cn := range c.Out(sm) {
		if cn.Integration == design.IntTask && c.ConnProp(cn, "IntegrationPattern").Str() == "wait-for-task-token" {
			return true
		}
	}
	return false
}

// loopInferred returns the hops of a loop's cycle that are only inferred
// calls from code, in cycle order.
func loopInferred(c *Context, cycle []*design.Block) []*design.Connection {
	var out []*design.Connection
	for i, b := range cycle {
		next := cycle[(i+1)%len(cycle)]
		var hop *design.Connection
		for _, cn := range c.Out(b) {
			if cn.To != next.ID || !loopEdge(c, cn) {
				continue
			}
			if !cn.Inferred() {
				hop = nil
				break // a declared hop carries the loop
			}
			if hop == nil {
				hop = cn
			}
		}
		if hop != nil {
			out = append(out, hop)
		}
	}
	return out
}

// loopInferredText says which hops of a loop are only inferred, for
// messages, or "" when none is.
func loopInferredText(c *Context, hops []*design.Connection) string {
	if len(hops) == 0 {
		return ""
	}
	var parts []string
	for _, cn := range hops {
		what := c.Label(c.From(cn)) + " may write to " + c.Label(c.To(cn))
		if ws := writeActions(c, cn); len(ws) > 0 {
			what += " (" + strings.Join(ws, ", ") + ")"
		}
		parts = append(parts, what)
	}
	return " This loop is inferred, not declared: " + strings.Join(parts, "; ") + ", as " + inferredWhy(c, hops...) +
		"; check that the code really does."
}

// lambdaLoops finds the loops through Lambda functions with Tarjan's
// strongly connected components, iteratively, in O(blocks + connections).
func lambdaLoops(c *Context) []lambdaLoop {
	blocks := c.Design.Blocks
	n := len(blocks)
	if n == 0 || len(c.Design.Connections) == 0 {
		return nil
	}
	// The walk's arrays come from a pool, all int32 ones cut from one
	// slab: a large design is walked at every edit.
	scratch := loopScratches.Get().(*loopScratch)
	defer loopScratches.Put(scratch)
	m := len(c.Design.Connections)
	ints := resize(scratch.ints, 14*n+2+m)
	scratch.ints = ints
	cut := func(size int) []int32 {
		s := ints[:size:size]
		ints = ints[size:]
		return s
	}
	flags := resize(scratch.flags, 3*n+m)
	scratch.flags = flags
	onStack, selfLoop, hasFn, keep := flags[:n:n], flags[n:2*n:2*n], flags[2*n:3*n:3*n], flags[3*n:]

	// The edges that can carry a loop, by block position, found once and
	// kept in one array: count each block's edges, then place them.
	start := cut(n + 1)
	for i, e := range c.endAt {
		if e[0] >= 0 && loopEdge(c, &c.Design.Connections[i]) {
			keep[i] = true
			start[e[0]+1]++
		}
	}
	for i := 1; i <= n; i++ {
		start[i] += start[i-1]
	}
	targets := cut(int(start[n]))
	fill := cut(n)
	copy(fill, start[:n])
	for i, e := range c.endAt {
		if keep[i] {
			targets[fill[e[0]]] = e[1]
			fill[e[0]]++
		}
	}
	adj := func(v int32) []int32 { return targets[start[v]:start[v+1]] }
	index, low, comp := cut(n), cut(n), cut(n)
	for i := range index {
		index[i] = -1
	}
	stack := cut(n)[:0]
	call := scratch.call[:0]
	var counter, ncomp int32
	visit := func(v int32) {
		index[v], low[v] = counter, counter
		counter++
		stack = append(stack, v)
		onStack[v] = true
		call = append(call, loopFrame{v: v})
	}
	for s := int32(0); s < int32(n); s++ {
		if index[s] >= 0 {
			continue
		}
		visit(s)
		for len(call) > 0 {
			top := len(call) - 1
			v := call[top].v
			if outs := adj(v); call[top].next < len(outs) {
				w := outs[call[top].next]
				call[top].next++
				if w == v {
					selfLoop[v] = true
				}
				if index[w] < 0 {
					visit(w)
				} else if onStack[w] && index[w] < low[v] {
					low[v] = index[w]
				}
				continue
			}
			call = call[:top]
			if top > 0 {
				if p := call[top-1].v; low[v] < low[p] {
					low[p] = low[v]
				}
			}
			if low[v] == index[v] {
				for {
					w := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					onStack[w] = false
					comp[w] = ncomp
					if w == v {
						break
					}
				}
				ncomp++
			}
		}
	}

	scratch.call = call
	// Components that are cycles: more than one block, or a block that
	// feeds itself; and that hold a function.
	size := cut(int(ncomp)) // ncomp ≤ n
	for i := range blocks {
		size[comp[i]]++
		if blocks[i].Kind == "lambda" {
			hasFn[comp[i]] = true
		}
	}
	// The loops' components in the order of their first block (place[k]
	// is k's place in order, counting from 1), and their blocks, in design
	// order, side by side in one array.
	place := cut(int(ncomp))
	var order []int32
	for i := range blocks {
		k := comp[i]
		if hasFn[k] && (size[k] > 1 || selfLoop[i]) && place[k] == 0 {
			order = append(order, k)
			place[k] = int32(len(order))
		}
	}
	if len(order) == 0 {
		return nil
	}
	from := cut(len(order) + 1)
	for j, k := range order {
		from[j+1] = from[j] + size[k]
	}
	flat, fill := cut(int(from[len(order)])), cut(len(order))
	copy(fill, from[:len(order)])
	for i := range blocks {
		if j := place[comp[i]] - 1; j >= 0 {
			flat[fill[j]] = int32(i)
			fill[j]++
		}
	}

	// Breadth-first searches inside a component find a cycle to show.
	prev, stamp, queue := cut(n), cut(n), cut(n)
	var gen int32
	bfs := func(start int32, k int32, stop func(int32) bool) []int32 {
		gen++
		stamp[start] = gen
		queue = append(queue[:0], start)
		for head := 0; head < len(queue); head++ {
			u := queue[head]
			for _, w := range adj(u) {
				if comp[w] != k {
					continue
				}
				if stop(w) {
					path := []int32{w}
					for x := u; ; x = prev[x] {
						path = append(path, x)
						if x == start {
							break
						}
					}
					for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
						path[i], path[j] = path[j], path[i]
					}
					return path
				}
				if stamp[w] != gen {
					stamp[w] = gen
					prev[w] = u
					queue = append(queue, w)
				}
			}
		}
		return nil
	}

	var loops []lambdaLoop
	for j, k := range order {
		ms := flat[from[j]:from[j+1]]
		var fn int32 = -1
		var lp lambdaLoop
		for _, m := range ms {
			b := &blocks[m]
			if fn < 0 && b.Kind == "lambda" {
				fn = m
			}
			if !recursionCovered(b.Kind) {
				lp.uncovered = append(lp.uncovered, b)
			}
		}
		var cycle []int32
		if len(lp.uncovered) > 0 {
			there := bfs(fn, k, func(w int32) bool { return !recursionCovered(blocks[w].Kind) })
			back := bfs(there[len(there)-1], k, func(w int32) bool { return w == fn })
			cycle = append(there, back[1:len(back)-1]...)
		} else {
			path := bfs(fn, k, func(w int32) bool { return w == fn })
			cycle = path[:len(path)-1]
		}
		// The cycle's blocks first, each once, then the component's others;
		// a fresh stamp marks those already listed.
		gen++
		for _, v := range cycle {
			lp.cycle = append(lp.cycle, &blocks[v])
			if stamp[v] != gen {
				stamp[v] = gen
				lp.blocks = append(lp.blocks, &blocks[v])
			}
		}
		for _, m := range ms {
			if stamp[m] != gen {
				lp.blocks = append(lp.blocks, &blocks[m])
			}
		}
		loops = append(loops, lp)
	}
	return loops
}

// loopScratch is the room lambdaLoops works in, kept between checks.
type loopScratch struct {
	ints  []int32
	flags []bool
	call  []loopFrame
}

// loopFrame is one block being visited by the walk, and how many of its
// edges it has followed.
type loopFrame struct {
	v    int32
	next int
}

var loopScratches = sync.Pool{New: func() any { return &loopScratch{} }}

// loopText prints a loop's cycle: "A → B → A".
func loopText(c *Context, cycle []*design.Block) string {
	var b strings.Builder
	for _, x := range cycle {
		b.WriteString(c.Label(x))
		b.WriteString(" → ")
	}
	b.WriteString(c.Label(cycle[0]))
	return b.String()
}

// joinOr lists things a sentence denies: "A, B or C".
func joinOr(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// blockIDs returns the ids of blocks, for subjects.
func blockIDs(bs []*design.Block) []string {
	ids := make([]string, len(bs))
	for i, b := range bs {
		ids[i] = b.ID
	}
	return ids
}

// blockLabels returns the labels of blocks, for messages.
func blockLabels(c *Context, bs []*design.Block) []string {
	ls := make([]string, len(bs))
	for i, b := range bs {
		ls[i] = c.Label(b)
	}
	return ls
}

// loopFilters names the event filters on a loop's cycle: an EventBridge
// rule's pattern, a pipe's or mapping's filter criteria, a subscription's
// filter policy. A loop with one may never turn, if what the function
// sends does not match; archlab cannot tell from the drawing.
func loopFilters(c *Context, cycle []*design.Block) []string {
	var out []string
	for i, b := range cycle {
		if (b.Kind == "eventbridge-rule" || b.Kind == "eventbridge-pipe") && c.External(b) {
			out = append(out, "whatever filter "+c.Label(b)+" (outside this design) has")
		}
		switch b.Kind {
		case "eventbridge-rule":
			if c.Prop(b, "EventPattern").Set() {
				out = append(out, "the EventPattern of "+c.Label(b))
			}
		case "eventbridge-pipe":
			if c.Prop(b, "FilterCriteria").Set() {
				out = append(out, "the FilterCriteria of "+c.Label(b))
			}
		}
		next := cycle[(i+1)%len(cycle)]
		for _, cn := range c.Out(b) {
			if cn.To != next.ID {
				continue
			}
			for _, p := range []string{"FilterCriteria", "FilterPolicy"} {
				switch v := c.ConnProp(cn, p); {
				case v.Set():
					out = append(out, "the "+p+" of "+c.Label(b)+" → "+c.Label(next))
				case v.Unknown:
					out = append(out, "whatever "+p+" "+c.Label(b)+" → "+c.Label(next)+" (not declared) has")
				}
			}
		}
	}
	return out
}
