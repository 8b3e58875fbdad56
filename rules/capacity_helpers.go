package rules

import (
	"slices"

	"github.com/archlab/archlab/capacity"
)

// capacityOf is the capacity model of the design being checked, computed
// once per check and only when the design states traffic: without it
// every figure would be zero, and a design without traffic pays nothing.
func capacityOf(c *Context) *capacity.Result {
	return memo(c, "capacity", func() *capacity.Result {
		if len(c.Design.Traffic) == 0 {
			return nil
		}
		return capacity.Compute(c.Design, c.Cat, nil)
	})
}

// restsOnTraffic is what every capacity finding adds: a finding is a
// claim, and these rest on the traffic the design states and on the
// defaults, among the assumptions named, that the model used for block id.
func restsOnTraffic(c *Context, r *capacity.Result, id string, names ...string) string {
	s := " This rests on the traffic the design states"
	var defaults []string
	for _, a := range r.AssumptionsOf(id) {
		if a.Default && slices.Contains(names, a.Name) {
			defaults = append(defaults, a.Name)
		}
	}
	if len(defaults) == 0 {
		return s + ": change it under Traffic and assumptions if it is wrong."
	}
	return s + " and on the default " + joinIDs(defaults) + " of " + c.joinLabels([]string{id}) + ": change them under Traffic and assumptions if they are wrong."
}
