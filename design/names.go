package design

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Text bounds a string property the way AWS bounds resource names: a
// length, the characters allowed, and a suffix that may end the value
// (".fifo") without being held to those characters.
type Text struct {
	Min int `json:"min"`
	Max int `json:"max"`
	// Chars is a regular expression character class of what is allowed,
	// such as [A-Za-z0-9_-].
	Chars  string `json:"chars"`
	Suffix string `json:"suffix,omitempty"`
	// Words says which characters Chars allows, for messages and forms,
	// after "1–64 characters, ": "each a letter, digit, hyphen or underscore".
	Words string `json:"words"`

	only *regexp.Regexp // a run of Chars and nothing else
	one  *regexp.Regexp // one character of Chars
}

// name returns the bounds of a name; the catalogue's entries use it.
func name(min, max int, chars, words string) *Text {
	return &Text{Min: min, Max: max, Chars: chars, Words: words,
		only: regexp.MustCompile(`^` + chars + `*$`), one: regexp.MustCompile(`^` + chars + `$`)}
}

// withSuffix returns the bounds with a suffix that may end the value.
func (t *Text) withSuffix(s string) *Text {
	c := *t
	c.Suffix = s
	return &c
}

// substitution matches the ${...} placeholders of a CloudFormation Sub,
// which only a deployment fills in.
var substitution = regexp.MustCompile(`\$\{[^}]*\}`)

// Allows reports whether s is within the bounds. A value with ${...}
// placeholders is checked only for the characters around them: its length
// is not known before deployment.
func (t *Text) Allows(s string) bool {
	body := strings.TrimSuffix(s, t.Suffix)
	if strings.Contains(s, "${") {
		return t.only.MatchString(substitution.ReplaceAllString(body, ""))
	}
	n := utf8.RuneCountInString(s)
	return n >= t.Min && n <= t.Max && t.only.MatchString(body)
}

// Nearest returns an allowed value close to s: each character that is not
// allowed becomes a hyphen (or is dropped where hyphens are not allowed
// either), and a value too long is cut, keeping the suffix. It reports false
// when no such value exists (too short, or placeholders).
func (t *Text) Nearest(s string) (string, bool) {
	if strings.Contains(s, "${") {
		return "", false
	}
	suffix := ""
	if t.Suffix != "" && strings.HasSuffix(s, t.Suffix) {
		suffix = t.Suffix
	}
	hyphen := t.one.MatchString("-")
	var b strings.Builder
	for _, r := range strings.TrimSuffix(s, suffix) {
		switch {
		case t.one.MatchString(string(r)):
			b.WriteRune(r)
		case hyphen:
			b.WriteByte('-')
		}
	}
	body := []rune(b.String())
	if keep := t.Max - utf8.RuneCountInString(suffix); len(body) > keep {
		body = body[:max(keep, 0)]
	}
	out := string(body) + suffix
	if !t.Allows(out) {
		return "", false
	}
	return out, true
}

// String says what the bounds allow: "1–64 characters, each a letter,
// digit, hyphen or underscore".
func (t *Text) String() string {
	s := FormatNumber(float64(t.Min)) + "–" + FormatNumber(float64(t.Max)) + " characters, " + t.Words
	if t.Suffix != "" {
		s += ", and " + t.Suffix + " may end it"
	}
	return s
}

// The names AWS accepts, shared by the catalogue's entries.
var (
	// Lambda functions, SES configuration sets.
	nameShort = name(1, 64, `[A-Za-z0-9_-]`, "each a letter, digit, hyphen or underscore")
	// DynamoDB tables.
	nameTable = name(3, 255, `[A-Za-z0-9_.-]`, "each a letter, digit, hyphen, underscore or dot")
	// Kinesis streams, Athena workgroups.
	nameDotted128 = name(1, 128, `[A-Za-z0-9_.-]`, "each a letter, digit, hyphen, underscore or dot")
	// SQS queues; a FIFO queue's name ends in .fifo.
	nameQueue = name(1, 80, `[A-Za-z0-9_-]`, "each a letter, digit, hyphen or underscore").withSuffix(".fifo")
	// SNS topics; a FIFO topic's name ends in .fifo.
	nameTopic = name(1, 256, `[A-Za-z0-9_-]`, "each a letter, digit, hyphen or underscore").withSuffix(".fifo")
	// EventBridge buses; partner buses have slashes (aws.partner/...).
	nameBus = name(1, 256, `[A-Za-z0-9/._-]`, "each a letter, digit, hyphen, underscore, dot or slash")
	// Step Functions state machines: anything but spaces, brackets,
	// wildcards and punctuation that would break an ARN or a log group.
	nameStateMachine = name(1, 80, `[^\s<>{}\[\]?*"#%\\^|~`+"`"+`$&,;:/]`, "none of them a space, bracket, wildcard or one of \" # % \\ ^ | ~ ` $ & , ; : /")
)
