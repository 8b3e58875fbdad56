package handlers

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/archlab/archlab/design"
)

// stampAcceptances completes the acceptances a batch makes now. An
// acceptFinding entry without a time (at) is a person accepting a finding
// in archlab: it must say why (reason) and who (by), gets the server's
// time, and keeps the fingerprint of the finding it accepts, so that the
// finding comes back if its numbers change. Entries with a time are ones
// recorded before, which undo, redo and restore send back as they were.
// current reads the design the batch is for, when a fingerprint needs it.
func (h *Handler) stampAcceptances(r *http.Request, ops design.Ops, current func() (*design.Design, error)) error {
	var d *design.Design
	today := design.Today()
	for i := range ops {
		a := ops[i].Accepted
		if ops[i].Op != design.OpAcceptFinding || a == nil || a.At != "" {
			continue
		}
		field := func(name string) string { return fmt.Sprintf("ops[%d].accepted.%s", i, name) }
		if err := a.Check(); err != nil {
			return withinField(fmt.Sprintf("ops[%d].accepted", i), err)
		}
		if strings.TrimSpace(a.Reason) == "" {
			return design.Invalid(field("reason"), "is required: say why the team accepts this finding")
		}
		by, err := h.personName(r, field("by"), a.By)
		if err != nil {
			return err
		}
		if a.Until != "" && a.Until < today {
			return design.Invalid(field("until"), "%s has passed: give a day from today (%s) on, or none", a.Until, today)
		}
		if a.Fingerprint == "" {
			if d == nil {
				if d, err = current(); err != nil {
					return err
				}
			}
			a.Fingerprint = h.fingerprintOf(d, *a, today)
		}
		a.By, a.At = by, time.Now().UTC().Format(time.RFC3339)
	}
	return nil
}

// fingerprintOf is the fingerprint of the finding of d that entry accepts,
// when it accepts exactly one (or several alike); otherwise none, and the
// entry accepts by rule and subjects alone.
func (h *Handler) fingerprintOf(d *design.Design, entry design.Accepted, today string) string {
	entry.Fingerprint, entry.Until = "", ""
	accepts := design.AcceptedIn([]design.Accepted{entry}, d, today)
	fp := ""
	for _, f := range h.everyFinding(d) {
		if accepts(f.Rule, f.Equivalents, f.Subjects, f.Message) == nil {
			continue
		}
		got := design.Fingerprint(f.Message)
		if fp != "" && got != fp {
			return ""
		}
		fp = got
	}
	return fp
}

// withinField puts a domain error's field under path.
func withinField(path string, err error) error {
	if de, ok := err.(*design.Error); ok && de.Field != "" {
		c := *de
		c.Field = path + "." + de.Field
		return &c
	}
	return err
}
