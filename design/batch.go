package design

// Batch is a list of operations made on one version of a design.
type Batch struct {
	// ID, when set, names the batch so that sending it again after a lost
	// answer (the database or the network went away) never applies it
	// twice. Clients choose it at random; see CheckBatchID.
	ID          string
	BaseVersion int
	Ops         Ops
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
