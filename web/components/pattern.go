package components

import (
	"fmt"
	"strings"

	"github.com/archlab/archlab/design"
)

// HTMLPattern writes a name's bounds as an input's pattern attribute, which
// browsers compile as a whole-value regular expression with the v flag:
// the characters allowed, the length, the suffix that may end it, and any
// value holding a ${...} placeholder (which only a deployment fills in),
// as design.Text.Allows accepts them.
func HTMLPattern(t *design.Text) string {
	class := vClass(t.Chars)
	alts := []string{fmt.Sprintf("%s{%d,%d}", class, t.Min, t.Max)}
	if t.Suffix != "" && t.Max > len(t.Suffix) {
		alts = append(alts, fmt.Sprintf("%s{%d,%d}%s", class, max(0, t.Min-len(t.Suffix)), t.Max-len(t.Suffix), vEscape(t.Suffix)))
	}
	alts = append(alts, `.*\$\{.*`)
	return strings.Join(alts, "|")
}

// vSpecial are the characters a character class must escape under the v
// flag: the syntax characters and the reserved punctuators.
const vSpecial = `()[]{}/-\|&!#%,:;<=>@` + "`" + `~^$.*+?`

// vClass rewrites a Go character class ("[A-Za-z0-9_-]") for the v flag:
// ranges and escapes stay, every other special character is escaped.
func vClass(class string) string {
	body := strings.TrimSuffix(strings.TrimPrefix(class, "["), "]")
	var b strings.Builder
	b.WriteByte('[')
	r := []rune(body)
	for i := 0; i < len(r); i++ {
		c := r[i]
		switch {
		case i == 0 && c == '^':
			b.WriteRune(c)
		case c == '\\' && i+1 < len(r):
			b.WriteRune(c)
			b.WriteRune(r[i+1])
			i++
		case c == '-' && i > 0 && i+1 < len(r) && isAlnum(r[i-1]) && isAlnum(r[i+1]):
			b.WriteRune(c) // a range such as A-Z
		case strings.ContainsRune(vSpecial, c):
			b.WriteByte('\\')
			b.WriteRune(c)
		default:
			b.WriteRune(c)
		}
	}
	b.WriteByte(']')
	return b.String()
}

// vEscape escapes a literal outside a class.
func vEscape(s string) string {
	var b strings.Builder
	for _, c := range s {
		if strings.ContainsRune(`^$\.*+?()[]{}|/`, c) {
			b.WriteByte('\\')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func isAlnum(c rune) bool {
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}
