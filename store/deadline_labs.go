package store

import (
	"context"
	"time"

	"github.com/archlab/archlab/design"
)

// The lab store's calls, each under the deadline. Reads may run twice;
// writes that count (a hint) or create (a cohort, a member) may not.

func (d *deadline) StartLab(ctx context.Context, s design.LabStart) error {
	_, err := call(d, ctx, "to start a lab", false, func(ctx context.Context) (struct{}, error) { return struct{}{}, d.st.StartLab(ctx, s) })
	return err
}

func (d *deadline) LabOf(ctx context.Context, designID string) (*design.LabProgress, error) {
	return call(d, ctx, "to read a lab's progress", true, func(ctx context.Context) (*design.LabProgress, error) { return d.st.LabOf(ctx, designID) })
}

func (d *deadline) UseHint(ctx context.Context, designID string, limit int) (*design.LabProgress, error) {
	return call(d, ctx, "to count a hint", false, func(ctx context.Context) (*design.LabProgress, error) { return d.st.UseHint(ctx, designID, limit) })
}

func (d *deadline) CompleteLab(ctx context.Context, designID string, at time.Time) error {
	_, err := call(d, ctx, "to record a completed lab", true, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, d.st.CompleteLab(ctx, designID, at)
	})
	return err
}

func (d *deadline) CreateCohort(ctx context.Context, title string, labs []string) (*design.CohortCreated, error) {
	return call(d, ctx, "to create a cohort", false, func(ctx context.Context) (*design.CohortCreated, error) { return d.st.CreateCohort(ctx, title, labs) })
}

func (d *deadline) Cohort(ctx context.Context, id string) (*design.Cohort, error) {
	return call(d, ctx, "to read a cohort", true, func(ctx context.Context) (*design.Cohort, error) { return d.st.Cohort(ctx, id) })
}

func (d *deadline) CohortByJoinKey(ctx context.Context, key string) (*design.Cohort, error) {
	return call(d, ctx, "to read a cohort", true, func(ctx context.Context) (*design.Cohort, error) { return d.st.CohortByJoinKey(ctx, key) })
}

func (d *deadline) CohortByInstructorKey(ctx context.Context, key string) (*design.Cohort, error) {
	return call(d, ctx, "to read a cohort", true, func(ctx context.Context) (*design.Cohort, error) { return d.st.CohortByInstructorKey(ctx, key) })
}

func (d *deadline) JoinCohort(ctx context.Context, cohortID, name string) (*design.MemberJoined, error) {
	return call(d, ctx, "to join a cohort", false, func(ctx context.Context) (*design.MemberJoined, error) { return d.st.JoinCohort(ctx, cohortID, name) })
}

type memberLabs struct {
	m    *design.Member
	labs []design.LabProgress
}

func (d *deadline) MemberByKey(ctx context.Context, key string) (*design.Member, []design.LabProgress, error) {
	v, err := call(d, ctx, "to read a trainee's labs", true, func(ctx context.Context) (memberLabs, error) {
		m, labs, err := d.st.MemberByKey(ctx, key)
		return memberLabs{m, labs}, err
	})
	return v.m, v.labs, err
}

type cohortProgress struct {
	members []design.Member
	labs    []design.LabProgress
}

func (d *deadline) CohortProgress(ctx context.Context, cohortID string) ([]design.Member, []design.LabProgress, error) {
	v, err := call(d, ctx, "to read a cohort's progress", true, func(ctx context.Context) (cohortProgress, error) {
		members, labs, err := d.st.CohortProgress(ctx, cohortID)
		return cohortProgress{members, labs}, err
	})
	return v.members, v.labs, err
}
