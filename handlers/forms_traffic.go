package handlers

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/web/components"
)

// trafficOps reads a block form's traffic and assumptions section and
// returns the operations that save what changed: setTraffic and
// setAssumptions, each with the whole entry. An empty input leaves the
// figure unset (its default); what is not a number is refused, naming the
// field, and kept as typed.
func trafficOps(d *design.Design, id string, values url.Values, typed *components.Typed) (design.Ops, error) {
	b := d.Block(id)
	if b == nil {
		return nil, nil
	}
	read := func(name string) (*float64, bool, error) {
		raw, ok := values[name]
		if !ok {
			return nil, false, nil
		}
		typed.Values[name] = raw
		s := strings.TrimSpace(strings.ReplaceAll(components.LastValue(raw), ",", ""))
		if s == "" {
			return nil, true, nil
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			typed.Errors[name] = "must be a number"
			return nil, true, design.Invalid(name[2:], "must be a number, not %q", components.LastValue(raw))
		}
		return &f, true, nil
	}
	var ops design.Ops
	var t design.Traffic
	shown := false
	for _, f := range []struct {
		name string
		to   **float64
	}{{"averagePerSecond", &t.AveragePerSecond}, {"peakPerSecond", &t.PeakPerSecond}, {"payloadBytes", &t.PayloadBytes}} {
		v, ok, err := read(components.TrafficPrefix + f.name)
		if err != nil {
			return nil, err
		}
		shown = shown || ok
		*f.to = v
	}
	if shown && !sameTraffic(t, d.Traffic[id]) {
		ops = append(ops, design.Op{Op: design.OpSetTraffic, ID: id, Traffic: &t})
	}
	var as design.Assumptions
	shown = false
	fields := map[string]**float64{"durationMs": &as.DurationMs, "failureRate": &as.FailureRate, "passFraction": &as.PassFraction,
		"fanOut": &as.FanOut, "transitionsPerExecution": &as.TransitionsPerExecution, "batchFill": &as.BatchFill,
		"messageGroups": &as.MessageGroups, "shards": &as.Shards, "readFraction": &as.ReadFraction, "storageGB": &as.StorageGB,
		"logBytesPerInvocation": &as.LogBytesPerInvocation}
	for _, name := range design.AssumptionNames() {
		v, ok, err := read(components.AssumptionPrefix + name)
		if err != nil {
			return nil, err
		}
		shown = shown || ok
		*fields[name] = v
	}
	if shown && !sameAssumptions(as, d.AssumptionsOf(id)) {
		ops = append(ops, design.Op{Op: design.OpSetAssumptions, ID: id, Assumptions: &as})
	}
	return ops, nil
}

func sameFloat(a, b *float64) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }

func sameTraffic(a, b design.Traffic) bool {
	return sameFloat(a.AveragePerSecond, b.AveragePerSecond) && sameFloat(a.PeakPerSecond, b.PeakPerSecond) && sameFloat(a.PayloadBytes, b.PayloadBytes)
}

func sameAssumptions(a design.Assumptions, b *design.Assumptions) bool {
	if b == nil {
		return a.Empty()
	}
	for _, name := range design.AssumptionNames() {
		x, okx := a.Assumption(name)
		y, oky := b.Assumption(name)
		if okx != oky || x != y {
			return false
		}
	}
	return true
}
