package design

import (
	"iter"
	"strings"
)

// Access is what an IAM action does to a resource of the catalogue. Rules
// need to tell a function that sends to a queue from one that consumes it,
// and a database connection from a call that takes a snapshot.
type Access int

// The kinds of access, from least to most.
const (
	// AccessControl manages the resource (the control plane): creates,
	// configures, describes, tags. It moves no data.
	AccessControl Access = iota
	// AccessRead reads data, or finishes work the caller was given: GetItem,
	// ReceiveMessage, the DeleteMessage that finishes a received message,
	// the SendTaskSuccess that reports a task's result. It starts nothing
	// new downstream.
	AccessRead
	// AccessWrite sends or changes data, which can cause events
	// downstream: SendMessage, PutItem, PutObject, Invoke.
	AccessWrite
)

// String names the access for messages.
func (a Access) String() string {
	switch a {
	case AccessRead:
		return "read"
	case AccessWrite:
		return "write"
	}
	return "control"
}

// IAMService lists the data-plane actions of one IAM prefix on a kind's
// resources; every other action of the prefix is the control plane. Names
// are as the Service Authorization Reference writes them.
type IAMService struct {
	Prefix string   `json:"prefix"`
	Write  []string `json:"write,omitempty"`
	Read   []string `json:"read,omitempty"`
}

// ActionAccess says what an IAM action ("sqs:SendMessage", "dynamodb:*",
// "s3:Get*", "*") does to a resource of a kind. A wildcard counts as the
// most it may grant. Actions of a prefix the kind does not list are the
// control plane.
func (c *Catalogue) ActionAccess(kind, action string) Access {
	k := c.byID[kind]
	if k == nil {
		return AccessControl
	}
	if action == "*" {
		if len(k.IAM) == 0 {
			return AccessControl
		}
		return AccessWrite
	}
	prefix, name, ok := strings.Cut(action, ":")
	if !ok {
		return AccessControl
	}
	most := AccessControl
	for i := range k.IAM {
		s := &k.IAM[i]
		if !strings.EqualFold(s.Prefix, prefix) && prefix != "*" {
			continue
		}
		for _, w := range s.Write {
			if globMatch(name, w) {
				return AccessWrite
			}
		}
		for _, r := range s.Read {
			if globMatch(name, r) {
				most = AccessRead
			}
		}
	}
	return most
}

// MostAccess is the most any of the actions grants on a kind's resource.
func (c *Catalogue) MostAccess(kind string, actions iter.Seq[string]) Access {
	most := AccessControl
	for a := range actions {
		if acc := c.ActionAccess(kind, a); acc > most {
			most = acc
			if most == AccessWrite {
				break
			}
		}
	}
	return most
}

// WriteActions returns the actions that write to a kind's resource, in
// their order.
func (c *Catalogue) WriteActions(kind string, actions iter.Seq[string]) []string {
	var out []string
	for a := range actions {
		if c.ActionAccess(kind, a) == AccessWrite {
			out = append(out, a)
		}
	}
	return out
}

// globMatch matches s against a pattern of literal bytes, '*' (any run) and
// '?' (any one byte). It ignores letter case as IAM does for action names
// (which are ASCII), folding bytes so that matching allocates nothing.
func globMatch(pattern, s string) bool {
	star, retry := -1, 0
	p, i := 0, 0
	for i < len(s) {
		switch {
		case p < len(pattern) && (pattern[p] == '?' || lowerASCII(pattern[p]) == lowerASCII(s[i])):
			p++
			i++
		case p < len(pattern) && pattern[p] == '*':
			star, retry = p, i
			p++
		case star >= 0:
			p = star + 1
			retry++
			i = retry
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

// lowerASCII folds an ASCII upper-case letter to lower case.
func lowerASCII(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}
