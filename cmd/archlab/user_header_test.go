package main

import (
	"strings"
	"testing"
)

// ARCHLAB_USER_HEADER is a header name, and means nothing without the
// proxies it is honoured from: archlab refuses to start rather than
// leave names unverified without saying so.
func TestUserHeader(t *testing.T) {
	cfg, err := parseServeConfig(nil, env(map[string]string{"ARCHLAB_USER_HEADER": "X-Forwarded-User", "ARCHLAB_TRUSTED_PROXIES": "10.0.0.0/8"}))
	if err != nil || cfg.UserHeader != "X-Forwarded-User" {
		t.Fatalf("config = %+v, %v", cfg, err)
	}
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"ARCHLAB_USER_HEADER": "X-Forwarded-User"}, "ARCHLAB_TRUSTED_PROXIES"},
		{map[string]string{"ARCHLAB_USER_HEADER": "X Forwarded: User", "ARCHLAB_TRUSTED_PROXIES": "10.0.0.0/8"}, "not a header name"},
	} {
		if _, err := parseServeConfig(nil, env(tc.env)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: err %v; want one saying %q", tc.env, err, tc.want)
		}
	}
}
