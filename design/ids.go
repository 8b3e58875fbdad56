package design

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"regexp"
	"strings"
)

var lowerBase32 = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// NewViewID returns a random view id: 80 bits, 16 lowercase characters. It
// is not a secret (view links are shared freely) but must not be guessable
// from another design's.
func NewViewID() string {
	b := make([]byte, 10)
	rand.Read(b)
	return lowerBase32.EncodeToString(b)
}

// NewEditKey returns a random edit key: 160 bits, 32 characters. It is shown
// once to its creator and stored only as a hash.
func NewEditKey() string {
	b := make([]byte, 20)
	rand.Read(b)
	return lowerBase32.EncodeToString(b)
}

// HashEditKey returns the hex SHA-256 of an edit key. A fast hash is right
// here: the key has 160 random bits, so there is nothing to brute-force and
// no need for a slow password hash.
func HashEditKey(key string) string {
	sum := sha256.Sum256([]byte(strings.TrimSpace(key)))
	return hex.EncodeToString(sum[:])
}

var (
	viewIDPattern  = regexp.MustCompile(`^[a-z2-7]{16}$`)
	editKeyPattern = regexp.MustCompile(`^[a-z2-7]{32}$`)
)

// ValidViewID reports whether s has the shape of a view id, so that junk is
// turned away before it reaches the database.
func ValidViewID(s string) bool { return viewIDPattern.MatchString(s) }

// ValidEditKey reports whether s has the shape of an edit key.
func ValidEditKey(s string) bool { return editKeyPattern.MatchString(s) }

// Slug turns a title into lowercase letters and digits joined by dashes,
// for anchors and file names: "Orders: API v2" → "orders-api-v2".
func Slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
