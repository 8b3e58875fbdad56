package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// healthcheckCommand asks the local server whether it is ready. Container
// images run it as their health check: they have no shell or curl.
func healthcheckCommand(ctx context.Context, stderr io.Writer, getenv func(string) string) int {
	_, port, err := net.SplitHostPort(envOr(getenv, "ARCHLAB_ADDR"))
	if err != nil {
		fmt.Fprintf(stderr, "archlab healthcheck: ARCHLAB_ADDR: %v\n", err)
		return 2
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", "http://127.0.0.1:"+port+"/readyz", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Fprintf(stderr, "archlab healthcheck: %v\n", err)
		return 1
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintf(stderr, "archlab healthcheck: /readyz answered %d\n", resp.StatusCode)
		return 1
	}
	return 0
}
