package design

import (
	"cmp"
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// LambdaRuntime is one Lambda runtime's life cycle, read from
// data/lambda-runtimes/lifecycle.json. After Deprecated it gets no more
// security patches; from BlockCreate Lambda refuses to create functions
// with it, and from BlockUpdate to update them. Rules compare the days
// with the clock of each check, so a runtime moves through its stages as
// the days pass, without a new release of archlab.
type LambdaRuntime struct {
	ID                                   string
	Deprecated, BlockCreate, BlockUpdate Day
	// Successor is the runtime to move to; "" for the newest of a family.
	Successor string
}

// Day is a calendar day of a life cycle, at midnight UTC. The zero Day is
// one AWS has not announced.
type Day struct{ t time.Time }

// Known reports whether the day is announced.
func (d Day) Known() bool { return !d.t.IsZero() }

// Passed reports whether the day is announced and has come: on that day
// the change has taken effect.
func (d Day) Passed(now time.Time) bool { return d.Known() && !now.Before(d.t) }

// String prints the day as 2006-01-02, or "" when it is not announced.
func (d Day) String() string {
	if !d.Known() {
		return ""
	}
	return d.t.Format(time.DateOnly)
}

// Time returns the day's midnight UTC.
func (d Day) Time() time.Time { return d.t }

// RuntimeStage is where a runtime is in its life cycle on a given day.
type RuntimeStage int

// The stages of a runtime, in the order they come.
const (
	// RuntimeSupported: patched, and Lambda creates and updates functions.
	RuntimeSupported RuntimeStage = iota
	// RuntimeDeprecated: no more patches, but still created and updated.
	RuntimeDeprecated
	// RuntimeCreateBlocked: Lambda refuses new functions; existing ones
	// can still be updated.
	RuntimeCreateBlocked
	// RuntimeUpdateBlocked: Lambda refuses to create or update functions
	// with it: nothing with it can be deployed.
	RuntimeUpdateBlocked
)

// String names the stage.
func (s RuntimeStage) String() string {
	switch s {
	case RuntimeDeprecated:
		return "deprecated"
	case RuntimeCreateBlocked:
		return "create blocked"
	case RuntimeUpdateBlocked:
		return "update blocked"
	}
	return "supported"
}

// Stage returns where the runtime is on the day of now. The latest of the
// days that has come decides, whatever order AWS gave them in.
func (rt LambdaRuntime) Stage(now time.Time) RuntimeStage {
	switch {
	case rt.BlockUpdate.Passed(now):
		return RuntimeUpdateBlocked
	case rt.BlockCreate.Passed(now):
		return RuntimeCreateBlocked
	case rt.Deprecated.Passed(now):
		return RuntimeDeprecated
	}
	return RuntimeSupported
}

// end is the last day anything can be deployed with the runtime, or the
// latest day known of it: runtimes sort by it, longest supported first.
func (rt LambdaRuntime) end() Day {
	for _, d := range []Day{rt.BlockUpdate, rt.BlockCreate, rt.Deprecated} {
		if d.Known() {
			return d
		}
	}
	return Day{}
}

// DataSource says where a table of archlab's data comes from.
type DataSource struct {
	Summary    string `json:"summary"`
	Repository string `json:"repository"`
	Path       string `json:"path"`
	Commit     string `json:"commit"`
	// Date is the day of the commit.
	Date    string `json:"date"`
	Licence string `json:"licence"`
	// Transcribes is the AWS page the source copies.
	Transcribes string `json:"transcribes"`
	// Copied is the day archlab took its copy.
	Copied string `json:"copied"`
}

// URL is the source file at its commit on GitHub.
func (s DataSource) URL() string {
	return "https://github.com/" + s.Repository + "/blob/" + s.Commit + "/" + s.Path
}

var (
	//go:embed data/lambda-runtimes/lifecycle.json
	runtimeLifecycle []byte
	//go:embed data/lambda-runtimes/source.json
	runtimeSource []byte
)

type runtimeTable struct {
	list   []LambdaRuntime // longest supported first
	byID   map[string]int
	ids    []string
	source DataSource
}

var loadRuntimes = sync.OnceValue(func() *runtimeTable {
	var raw map[string]struct {
		Deprecated  *string `json:"deprecated"`
		BlockCreate *string `json:"create-block"`
		BlockUpdate *string `json:"update-block"`
		Successor   *string `json:"successor"`
	}
	if err := json.Unmarshal(runtimeLifecycle, &raw); err != nil {
		panic(fmt.Sprintf("design: lambda-runtimes/lifecycle.json does not parse: %v", err))
	}
	t := &runtimeTable{byID: make(map[string]int, len(raw))}
	if err := json.Unmarshal(runtimeSource, &t.source); err != nil {
		panic(fmt.Sprintf("design: lambda-runtimes/source.json does not parse: %v", err))
	}
	day := func(id string, s *string) Day {
		if s == nil {
			return Day{}
		}
		d, err := time.Parse(time.DateOnly, *s)
		if err != nil {
			panic(fmt.Sprintf("design: lambda runtime %s: bad day %q", id, *s))
		}
		return Day{d}
	}
	for id, r := range raw {
		rt := LambdaRuntime{ID: id, Deprecated: day(id, r.Deprecated), BlockCreate: day(id, r.BlockCreate), BlockUpdate: day(id, r.BlockUpdate)}
		if r.Successor != nil {
			if _, ok := raw[*r.Successor]; !ok {
				panic(fmt.Sprintf("design: lambda runtime %s: successor %q is not in the table", id, *r.Successor))
			}
			rt.Successor = *r.Successor
		}
		t.list = append(t.list, rt)
	}
	// Longest supported first, so that at any day the runtimes still
	// deployable come before the blocked ones; newest version first among
	// runtimes that end on the same day.
	slices.SortFunc(t.list, func(a, b LambdaRuntime) int {
		return cmp.Or(b.end().t.Compare(a.end().t), b.Deprecated.t.Compare(a.Deprecated.t), compareVersions(b.ID, a.ID))
	})
	for i, rt := range t.list {
		t.byID[rt.ID] = i
		t.ids = append(t.ids, rt.ID)
	}
	return t
})

// LambdaRuntimes returns every runtime of the life-cycle table, longest
// supported first.
func LambdaRuntimes() []LambdaRuntime { return slices.Clone(loadRuntimes().list) }

// LambdaRuntimeOf returns a runtime's life cycle, or false for a runtime
// the table does not know.
func LambdaRuntimeOf(id string) (LambdaRuntime, bool) {
	t := loadRuntimes()
	i, ok := t.byID[id]
	if !ok {
		return LambdaRuntime{}, false
	}
	return t.list[i], true
}

// LambdaRuntimeIDs returns the identifiers of every runtime in the table,
// longest supported first: the values the catalogue's Runtime offers.
func LambdaRuntimeIDs() []string { return slices.Clone(loadRuntimes().ids) }

// LambdaRuntimeSource says where the life-cycle table comes from.
func LambdaRuntimeSource() DataSource { return loadRuntimes().source }

// compareVersions compares identifiers by their letters and, where both
// have digits, by the numbers they spell: python3.9 < python3.14.
func compareVersions(a, b string) int {
	for a != "" && b != "" {
		ca, ra := leadingRun(a)
		cb, rb := leadingRun(b)
		na, errA := strconv.Atoi(ca)
		nb, errB := strconv.Atoi(cb)
		var c int
		if errA == nil && errB == nil {
			c = cmp.Compare(na, nb)
		} else {
			c = strings.Compare(ca, cb)
		}
		if c != 0 {
			return c
		}
		a, b = ra, rb
	}
	return cmp.Compare(len(a), len(b))
}

// leadingRun splits s after its first run of digits or of other characters.
func leadingRun(s string) (run, rest string) {
	digit := func(c byte) bool { return c >= '0' && c <= '9' }
	i := 1
	for i < len(s) && digit(s[i]) == digit(s[0]) {
		i++
	}
	return s[:i], s[i:]
}
