package rules

// eventsRules lists this area's rules while they are being written; they
// move into registry.go's list when the area is done.
func eventsRules() []Rule {
	return []Rule{}
}
