package design

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strings"
	"time"
)

// LabStore keeps what training adds to designs: which lab a design was
// started from and the trainee's progress in it, and the cohorts an
// instructor runs. Both backends implement it and pass the conformance
// suite in store/storetest (cohorts.go).
type LabStore interface {
	// StartLab records that a design was started from a lab, by a member
	// of a cohort or (MemberID empty) by someone on their own. Returns
	// ECONFLICT when the member has already started that lab, and
	// ENOTFOUND for an unknown design or member.
	StartLab(ctx context.Context, s LabStart) error

	// LabOf returns the lab a design was started from.
	// Returns ENOTFOUND for a design not started from a lab.
	LabOf(ctx context.Context, designID string) (*LabProgress, error)

	// UseHint counts one more hint used in a lab design, up to limit, and
	// returns the progress after. Returns ENOTFOUND as LabOf does.
	UseHint(ctx context.Context, designID string, limit int) (*LabProgress, error)

	// CompleteLab records when a lab design first met all its goals; a
	// later call leaves the first time. Returns ENOTFOUND as LabOf does.
	CompleteLab(ctx context.Context, designID string, at time.Time) error

	// CreateCohort stores a cohort with new join and instructor keys,
	// which are returned this once and stored only as hashes.
	CreateCohort(ctx context.Context, title string, labs []string) (*CohortCreated, error)

	// Cohort returns the cohort with the given id.
	// Returns ENOTFOUND if there is none.
	Cohort(ctx context.Context, id string) (*Cohort, error)

	// CohortByJoinKey and CohortByInstructorKey return the cohort a key
	// opens. They return EFORBIDDEN for a key that opens none.
	CohortByJoinKey(ctx context.Context, key string) (*Cohort, error)
	CohortByInstructorKey(ctx context.Context, key string) (*Cohort, error)

	// JoinCohort adds a trainee to a cohort under a display name and
	// returns their personal key, shown once and stored as a hash.
	// Returns ENOTFOUND for an unknown cohort.
	JoinCohort(ctx context.Context, cohortID, name string) (*MemberJoined, error)

	// MemberByKey returns the member a personal key opens, and the labs
	// they started. Returns EFORBIDDEN for a key that opens none.
	MemberByKey(ctx context.Context, key string) (*Member, []LabProgress, error)

	// CohortProgress returns a cohort's members in the order they joined,
	// and every lab design they started.
	CohortProgress(ctx context.Context, cohortID string) ([]Member, []LabProgress, error)
}

// LabStart is what StartLab records.
type LabStart struct {
	DesignID string
	Lab      string
	MemberID string
	// SealedKey is the design's edit key sealed with the member's key
	// (SealKey), so that their personal link can reopen the design while
	// the database alone cannot.
	SealedKey string
	StartedAt time.Time
}

// LabProgress is a lab design's record: who started it, when, and the
// hints used. Goals met are not stored: they are checked on the design as
// it is now.
type LabProgress struct {
	DesignID    string
	Lab         string
	MemberID    string
	SealedKey   string
	Hints       int
	StartedAt   time.Time
	CompletedAt *time.Time
}

// Cohort is a group of trainees working on a set of labs.
type Cohort struct {
	ID        string
	Title     string
	Labs      []string
	CreatedAt time.Time
	// SealedJoinKey is the join key sealed with the instructor's key
	// (SealKey).
	SealedJoinKey string
}

// CohortCreated carries the cohort and its two keys, shown once.
type CohortCreated struct {
	Cohort        *Cohort
	JoinKey       string
	InstructorKey string
}

// Member is a trainee of a cohort.
type Member struct {
	ID       string
	CohortID string
	Name     string
	JoinedAt time.Time
}

// MemberJoined carries a new member and their personal key, shown once.
type MemberJoined struct {
	Member *Member
	Key    string
}

// Bounds of what cohorts hold.
const (
	MaxCohortTitle = 120
	MaxMemberName  = 60
	MaxCohortLabs  = 30
)

// CheckCohort validates a cohort's title and labs before it is stored;
// known says which lab slugs exist.
func CheckCohort(title string, labs []string, known func(string) bool) error {
	title = strings.TrimSpace(title)
	switch {
	case title == "":
		return Invalid("title", "is required")
	case len([]rune(title)) > MaxCohortTitle:
		return Invalid("title", "is longer than %d characters", MaxCohortTitle)
	case len(labs) == 0:
		return Invalid("labs", "lists no lab")
	case len(labs) > MaxCohortLabs:
		return Invalid("labs", "lists %d labs; at most %d", len(labs), MaxCohortLabs)
	}
	seen := map[string]bool{}
	for i, l := range labs {
		if !known(l) {
			return Invalid(fieldIndex("labs", i), "%q is not a lab", l)
		}
		if seen[l] {
			return Invalid(fieldIndex("labs", i), "%q is listed twice", l)
		}
		seen[l] = true
	}
	return nil
}

// CheckMemberName validates a trainee's display name.
func CheckMemberName(name string) error {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return Invalid("name", "is required")
	case len([]rune(name)) > MaxMemberName:
		return Invalid("name", "is longer than %d characters", MaxMemberName)
	}
	return nil
}

// sealKey derives the AES key that seals a member's edit keys.
func sealKey(memberKey string) cipher.AEAD {
	k := sha256.Sum256([]byte("archlab lab edit key\x00" + memberKey))
	block, _ := aes.NewCipher(k[:]) // a 32-byte key is always accepted
	aead, _ := cipher.NewGCM(block)
	return aead
}

// SealKey seals a design's edit key with a member's personal key.
func SealKey(memberKey, editKey string) string {
	aead := sealKey(memberKey)
	nonce := make([]byte, aead.NonceSize())
	rand.Read(nonce)
	return base64.RawURLEncoding.EncodeToString(aead.Seal(nonce, nonce, []byte(editKey), nil))
}

// OpenKey opens what SealKey sealed with the same member key.
func OpenKey(memberKey, sealed string) (string, error) {
	aead := sealKey(memberKey)
	b, err := base64.RawURLEncoding.DecodeString(sealed)
	if err != nil || len(b) < aead.NonceSize() {
		return "", errors.New("design: sealed key is malformed")
	}
	plain, err := aead.Open(nil, b[:aead.NonceSize()], b[aead.NonceSize():], nil)
	if err != nil {
		return "", errors.New("design: sealed key does not open with this member key")
	}
	return string(plain), nil
}
