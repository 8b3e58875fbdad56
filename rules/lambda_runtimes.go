package rules

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/archlab/archlab/design"
)

// Lambda runtimes come from the life-cycle table of the design package
// (design/data/lambda-runtimes, taken from cfn-lint, which transcribes
// AWS's page of runtimes). The rules compare its days with the clock of the
// check, c.Now, so that a runtime moves on its own from supported to
// deprecated (lambda-runtime-deprecated, a warning) to blocked for new
// functions and then for updates (lambda-runtime-blocked, an error). A
// runtime the table does not know is lambda-runtime-blocked's too, and
// property-range leaves the Runtime property to them: one problem, one
// finding.

// functionRuntime returns what a function's Runtime says: the runtime of
// the table, or false with the runtime as written when the table does not
// know it. A runtime that is unset or still a template placeholder
// (${Runtime}, known only at deployment) is neither: it gives "", false.
func functionRuntime(c *Context, fn *design.Block) (design.LambdaRuntime, string, bool) {
	id := c.Prop(fn, "Runtime").Str()
	if id == "" || isPlaceholder(id) {
		return design.LambdaRuntime{}, "", false
	}
	rt, ok := design.LambdaRuntimeOf(id)
	return rt, id, ok
}

// isPlaceholder reports whether a value holds a reference the importer kept
// as written (${Param}, ${Resource.Attr}): its value is known only when the
// stack is deployed.
func isPlaceholder(s string) bool {
	i := strings.Index(s, "${")
	return i >= 0 && strings.Contains(s[i:], "}")
}

// runtimeText is what a finding says after "<function> uses": it depends on
// the runtime and its stage alone, and many functions share one, so each is
// written once.
type runtimeText struct {
	id    string
	stage design.RuntimeStage
}

var runtimeTexts = sync.OnceValue(func() map[runtimeText]string {
	texts := map[runtimeText]string{}
	for _, rt := range design.LambdaRuntimes() {
		move := ""
		if rt.Successor != "" {
			move = " Move the code to " + rt.Successor + "."
		}
		id, dep, create, update := rt.ID, rt.Deprecated.String(), rt.BlockCreate.String(), rt.BlockUpdate.String()

		msg := id + ", deprecated since " + dep + ": it gets no security patches any more. "
		switch {
		case rt.BlockCreate.Known() && rt.BlockUpdate.Known():
			msg += "Lambda will refuse to create functions with it from " + create + " and to update them from " + update + "."
		case rt.BlockCreate.Known():
			msg += "Lambda will refuse to create functions with it from " + create + "."
		case rt.BlockUpdate.Known():
			msg += "Lambda will refuse to update functions with it from " + update + "."
		default:
			msg += "AWS has not announced when Lambda stops creating and updating functions with it."
		}
		texts[runtimeText{id, design.RuntimeDeprecated}] = msg + move

		msg = id + ", and Lambda has refused to create functions with it since " + create
		if rt.BlockUpdate.Known() {
			msg += "; existing ones can still be updated until " + update + ". Deploying this design anywhere new fails."
		} else {
			msg += ". Deploying this design anywhere new fails."
		}
		texts[runtimeText{id, design.RuntimeCreateBlocked}] = msg + move

		if create != "" {
			msg = id + ", and Lambda has refused to create functions with it since " + create + " and to update them since " + update
		} else {
			msg = id + ", and Lambda has refused to update functions with it since " + update
		}
		texts[runtimeText{id, design.RuntimeUpdateBlocked}] = msg + ": the design cannot be deployed at all, not even as an update." + move
	}
	return texts
})

// runtimeFixes holds, per runtime with a successor, the patch that moves a
// function there, shared by every finding (see fix.go).
var runtimeFixes = sync.OnceValue(func() map[string]map[string]any {
	fixes := map[string]map[string]any{}
	for _, rt := range design.LambdaRuntimes() {
		if rt.Successor != "" {
			fixes[rt.ID] = map[string]any{"Runtime": rt.Successor}
		}
	}
	return fixes
})

// creatableRuntimes lists the runtimes Lambda still creates functions with
// on the day of now, longest supported first: those it supports, and those
// deprecated but not yet blocked.
func creatableRuntimes(now time.Time) (supported, deprecated []string) {
	for _, rt := range design.LambdaRuntimes() {
		switch rt.Stage(now) {
		case design.RuntimeSupported:
			supported = append(supported, rt.ID)
		case design.RuntimeDeprecated:
			deprecated = append(deprecated, rt.ID)
		}
	}
	return supported, deprecated
}

// newerThanKnown reports whether an unknown runtime looks like a later
// version of a family the table knows, written the way that family writes
// its versions ("python3.15" after python3.14, "nodejs26.x" after
// nodejs24.x): a runtime released after the table was copied, not a typo.
func newerThanKnown(id string) bool {
	family, version, ok := runtimeVersion(id)
	if !ok {
		return false
	}
	newer := false
	for _, rt := range design.LambdaRuntimes() {
		f, v, ok := runtimeVersion(rt.ID)
		if !ok || f != family || len(v) != len(version) {
			continue
		}
		if slices.Compare(version, v) <= 0 {
			return false
		}
		newer = true
	}
	return newer
}

// runtimeVersion splits a runtime id into its family and version numbers,
// keeping what follows them: "python3.14" is (python, [3 14]),
// "nodejs24.x" (nodejs.x, [24]), "java25" (java, [25]).
func runtimeVersion(id string) (string, []int, bool) {
	i := strings.IndexAny(id, "0123456789")
	if i <= 0 {
		return "", nil, false
	}
	family, rest := id[:i], id[i:]
	var version []int
	for rest != "" {
		j := 0
		for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
			j++
		}
		if j == 0 {
			break
		}
		n, _ := strconv.Atoi(rest[:j])
		version = append(version, n)
		rest = rest[j:]
		if !strings.HasPrefix(rest, ".") || len(rest) < 2 || rest[1] < '0' || rest[1] > '9' {
			break
		}
		rest = rest[1:]
	}
	return family + rest, version, len(version) > 0
}

// familyRuntime returns the runtime an unknown one most likely means: the
// same name in another letter case ("Python3.12"), else the newest runtime
// Lambda supports of the family it seems to belong to ("nodejs99.x" to
// nodejs), by the letters it starts with; or "".
func familyRuntime(id string, now time.Time) string {
	for _, rt := range design.LambdaRuntimes() {
		if strings.EqualFold(rt.ID, id) || strings.EqualFold(rt.ID, id+".x") {
			return rt.ID // another letter case, or Node.js without its ".x"
		}
	}
	family := strings.TrimRight(strings.SplitN(id, ".", 2)[0], "0123456789")
	if family == "" {
		return ""
	}
	best := ""
	var bestEnd time.Time
	for _, rt := range design.LambdaRuntimes() {
		rtFamily := strings.TrimRight(strings.SplitN(rt.ID, ".", 2)[0], "0123456789")
		if !strings.EqualFold(rtFamily, family) || rt.Stage(now) != design.RuntimeSupported {
			continue
		}
		if best == "" || rt.Deprecated.Time().After(bestEnd) {
			best, bestEnd = rt.ID, rt.Deprecated.Time()
		}
	}
	return best
}
