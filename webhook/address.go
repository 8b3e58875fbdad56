package webhook

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
)

// CheckURL refuses a hook address that is not http(s), names a user, or
// (unless private addresses are allowed) is a literal loopback, private,
// link-local or otherwise internal address. Host names are checked when
// dialled, against the address they resolve to then (guard), so a name
// that resolves to an internal address later is refused as well.
func CheckURL(raw string, allowPrivate bool) error {
	u, err := url.Parse(raw)
	if err != nil || !u.IsAbs() {
		return errors.New("is not an absolute URL such as https://hooks.example.com/archlab")
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("must be http or https, not %s", u.Scheme)
	}
	if u.User != nil {
		return errors.New("must not carry a user name or password")
	}
	host := u.Hostname()
	if host == "" {
		return errors.New("has no host")
	}
	if allowPrivate {
		return nil
	}
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return errors.New("names this machine; internal addresses are refused (see ARCHLAB_WEBHOOKS_ALLOW_PRIVATE)")
	}
	if a, err := netip.ParseAddr(host); err == nil && internal(a) {
		return errors.New("is an internal address; internal addresses are refused (see ARCHLAB_WEBHOOKS_ALLOW_PRIVATE)")
	}
	return nil
}

// internal reports whether a is an address a webhook must not reach by
// default: loopback, private (RFC 1918, unique local), link-local (cloud
// metadata lives there), unspecified, multicast, or carrier-grade NAT.
func internal(a netip.Addr) bool {
	a = a.Unmap()
	return a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsInterfaceLocalMulticast() || a.IsMulticast() || a.IsUnspecified() || cgnat.Contains(a)
}

var cgnat = netip.MustParsePrefix("100.64.0.0/10")

// errInternal is what the guard answers for an internal address.
var errInternal = errors.New("webhook: refused to connect to an internal address")

// guard is the dialer's check of each address it is about to connect to,
// after name resolution: what CheckURL cannot see in a host name.
func guard(allowPrivate bool) func(ctx context.Context, network, address string, c syscall.RawConn) error {
	return func(_ context.Context, _, address string, _ syscall.RawConn) error {
		if allowPrivate {
			return nil
		}
		ap, err := netip.ParseAddrPort(address)
		if err != nil || internal(ap.Addr()) {
			return fmt.Errorf("%w: %s", errInternal, address)
		}
		return nil
	}
}

// dialer returns the dialer of deliveries.
func dialer(allowPrivate bool) *net.Dialer {
	d := &net.Dialer{}
	d.ControlContext = guard(allowPrivate)
	return d
}
