package design

import "strings"

// Batch is a list of operations made on one version of a design.
type Batch struct {
	// ID, when set, names the batch so that sending it again after a lost
	// answer (the database or the network went away) never applies it
	// twice. Clients choose it at random; see CheckBatchID.
	ID          string
	BaseVersion int
	Ops         Ops
	// By is who made the batch, when known (an empty name when not): the
	// revision records it, for the history and a space's listing.
	By Author
}

// CheckBatchAuthor checks the name of whoever made a batch: absent, or one
// line of text of at most MaxAuthorLen characters. field names it in the
// request.
func CheckBatchAuthor(field string, a Author) error {
	if strings.TrimSpace(a.Name) == "" {
		return nil
	}
	return checkText(field, a.Name, MaxAuthorLen)
}

// author is the batch's author as a revision records it: nil when unknown.
func (b Batch) author() *Author {
	name := strings.TrimSpace(b.By.Name)
	if name == "" {
		return nil
	}
	return &Author{Name: name, Verified: b.By.Verified}
}

// MaxBatchIDLen bounds a batch id: a UUID is 36 characters.
const MaxBatchIDLen = 64

// CheckBatchID refuses a batch id that is too long or holds anything but
// letters, digits, '-' and '_'; the empty id means the batch has none.
// field names the id in the request.
func CheckBatchID(field, id string) error {
	if len(id) > MaxBatchIDLen {
		return Invalid(field, "is %d characters long; at most %d", len(id), MaxBatchIDLen)
	}
	for _, c := range id {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return Invalid(field, "may hold only letters, digits, '-' and '_' (a random id such as a UUID)")
		}
	}
	return nil
}
