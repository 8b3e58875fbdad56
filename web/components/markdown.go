package components

import "strings"

func isExternal(href string) bool {
	return strings.HasPrefix(href, "http://") || strings.HasPrefix(href, "https://")
}

func alignClass(a string) string {
	if a == "" {
		return ""
	}
	return "align-" + a
}
