package lint

import "strings"

// withConstructPaths names the construct path beside each logical id of a
// result's subjects, where its message first names it, for templates the AWS CDK
// synthesized: "OrdersQueue4A3B2C1D (MyStack/Orders/Queue)". Subjects stay
// logical ids, which baselines and suppressions match on.
func withConstructPaths(rs []Result, paths map[string]string) {
	if len(paths) == 0 {
		return
	}
	for i := range rs {
		for _, s := range rs[i].Subjects {
			p, ok := paths[s]
			if !ok {
				continue
			}
			if at := wordIndex(rs[i].Message, s); at >= 0 {
				end := at + len(s)
				rs[i].Message = rs[i].Message[:end] + " (" + p + ")" + rs[i].Message[end:]
			}
		}
	}
}

// wordIndex finds id in msg where it is a word of its own, not part of a
// longer id; -1 when it is not there.
func wordIndex(msg, id string) int {
	for from := 0; from < len(msg); {
		i := strings.Index(msg[from:], id)
		if i < 0 {
			return -1
		}
		at := from + i
		end := at + len(id)
		if (at == 0 || !idChar(msg[at-1])) && (end == len(msg) || !idChar(msg[end])) {
			return at
		}
		from = at + 1
	}
	return -1
}

func idChar(c byte) bool {
	return c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
}
