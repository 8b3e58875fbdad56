// Command load measures how long it takes, after one edit, until every
// editor with the design open has the new version: N editors each follow
// the design's event stream (/d/{key}/events) and, on hearing of a change,
// fetch /state as the editor's script does (HX-Request, gzip); one edit is
// applied through the JSON API, and the time from sending it to each
// editor's last byte of /state for the new version is reported (p50, p99,
// max) for each of several edits.
//
// Without -url it builds archlab and serves it on a free port with a fresh
// SQLite file; with -url it loads a server already running there.
//
//	go run ./scripts/load -editors 1000 -blocks 6
//	go run ./scripts/load -editors 1000 -blocks 500
//	go run ./scripts/load -url http://127.0.0.1:8080 -editors 200
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/internal/apptest"
)

func main() {
	editors := flag.Int("editors", 1000, "editors with the design open")
	blocks := flag.Int("blocks", 6, "blocks of the design")
	edits := flag.Int("edits", 5, "edits measured (after one that warms up)")
	url := flag.String("url", "", "a running archlab to load (default: build one and serve it on a fresh SQLite file)")
	target := flag.Duration("target", 200*time.Millisecond, "every editor current within this")
	flag.IntVar(&serverPid, "pid", 0, "with -url, the server's process id, to report the CPU it spends per edit (Linux)")
	flag.Parse()
	if err := run(*url, *editors, *blocks, *edits, *target); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

func run(url string, editors, blocks, edits int, target time.Duration) error {
	if url == "" {
		u, stop, err := serve()
		if err != nil {
			return err
		}
		defer stop()
		url = u
	}
	d, err := apptest.Realistic(design.Builtin(), blocks)
	if err != nil {
		return err
	}
	if blocks < 20 {
		// A small design: the first blocks of the realistic one.
		d.Blocks, d.Connections = d.Blocks[:blocks], nil
	}
	c, err := create(url, d)
	if err != nil {
		return err
	}
	fmt.Printf("design %s: %d blocks; %d editors\n", c.ID, len(d.Blocks), editors)

	// One connection per editor for its stream, as a browser tab has, and
	// a pool for the /state fetches.
	streams := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: -1, DisableCompression: true}}
	fetches := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: editors, DisableCompression: true, IdleConnTimeout: time.Minute}}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	l := &load{url: url, key: c.EditKey, fetches: fetches, current: make(chan current, editors*(edits+2))}
	var opened sync.WaitGroup
	for i := range editors {
		opened.Add(1)
		go l.editor(ctx, streams, i, &opened)
	}
	opened.Wait()
	if n := l.failed.Load(); n > 0 {
		return fmt.Errorf("%d editors could not open the stream", n)
	}
	// The presence counts of 1,000 arrivals settle before the edits.
	time.Sleep(2 * time.Second)

	version := c.Version
	met := true
	for e := 0; e <= edits; e++ {
		version++
		cpu := cpuOf(serverPid)
		start := time.Now()
		if err := edit(url, c, version-1); err != nil {
			return err
		}
		answered := time.Since(start)
		var took, heard []time.Duration
		deadline := time.After(30 * time.Second)
		for len(took) < editors {
			select {
			case cur := <-l.current:
				if cur.version != version {
					return fmt.Errorf("editor %d got version %d, want %d", cur.editor, cur.version, version)
				}
				took = append(took, cur.at.Sub(start))
				heard = append(heard, cur.heard.Sub(start))
			case <-deadline:
				return fmt.Errorf("edit %d: only %d of %d editors current after 30 s", e, len(took), editors)
			}
		}
		slices.Sort(took)
		slices.Sort(heard)
		spent := cpuOf(serverPid) - cpu
		label := fmt.Sprintf("edit %d", e)
		if e == 0 {
			label = "warm-up"
		} else if took[len(took)-1] > target {
			met = false
		}
		fmt.Printf("%-8s edit answered in %v; editors heard of it: p50 %v, max %v; editors current: p50 %v, p99 %v, max %v\n", label,
			ms(answered), ms(heard[len(heard)/2]), ms(heard[len(heard)-1]),
			ms(took[len(took)/2]), ms(took[len(took)*99/100]), ms(took[len(took)-1]))
		if serverPid != 0 {
			fmt.Printf("         server CPU for the edit and the fetches: %v\n", spent)
		}
		time.Sleep(500 * time.Millisecond)
	}
	if f := l.failed.Load(); f > 0 {
		return fmt.Errorf("%d /state fetches failed", f)
	}
	fmt.Printf("every editor current within %v after every edit: %v\n", target, met)
	return nil
}

// serverPid is the server's process, whose CPU time is read from /proc.
var serverPid int

// cpuOf returns the CPU time (user and system) process pid has used, or
// 0 when it cannot be read.
func cpuOf(pid int) time.Duration {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil || pid == 0 {
		return 0
	}
	// The fields after the command's name, which may hold spaces.
	f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
	var user, sys int64
	fmt.Sscan(f[11], &user)
	fmt.Sscan(f[12], &sys)
	return time.Duration(user+sys) * 10 * time.Millisecond // USER_HZ is 100 on Linux
}

func ms(d time.Duration) string { return d.Round(100 * time.Microsecond).String() }

type created struct {
	ID, EditKey string
	Version     int
}

func create(url string, d *design.Design) (created, error) {
	var c created
	doc, err := json.Marshal(d)
	if err != nil {
		return c, err
	}
	res, err := http.Post(url+"/api/v1/designs", "application/json", bytes.NewReader(doc))
	if err != nil {
		return c, err
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusCreated {
		return c, fmt.Errorf("create: %d %s", res.StatusCode, body)
	}
	return c, json.Unmarshal(body, &c)
}

// edit changes the design's title, one new version.
func edit(url string, c created, base int) error {
	body := fmt.Sprintf(`{"baseVersion":%d,"ops":[{"op":"setTitle","title":"Edit %d"}]}`, base, base+1)
	req, _ := http.NewRequest("POST", url+"/api/v1/designs/"+c.ID+"/ops", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+c.EditKey)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(res.Body)
		return fmt.Errorf("edit: %d %s", res.StatusCode, b)
	}
	_, err = io.Copy(io.Discard, res.Body)
	return err
}

type load struct {
	url, key string
	fetches  *http.Client
	current  chan current
	failed   atomic.Int64
}

// current is an editor having fetched a version's regions.
type current struct {
	editor, version int
	heard, at       time.Time // heard of the change; had its regions
}

var changeData = regexp.MustCompile(`^data: \{"version":(\d+)\}`)

// editor follows the stream as the editor's script does: a change to a
// newer version than it shows fetches /state.
func (l *load) editor(ctx context.Context, client *http.Client, i int, opened *sync.WaitGroup) {
	req, _ := http.NewRequestWithContext(ctx, "GET", l.url+"/d/"+l.key+"/events?since=1", nil)
	req.Header.Set("Accept", "text/event-stream")
	res, err := client.Do(req)
	if err != nil || res.StatusCode != http.StatusOK {
		l.failed.Add(1)
		opened.Done()
		return
	}
	defer res.Body.Close()
	opened.Done()
	shows := 1
	sc := bufio.NewScanner(res.Body)
	event := ""
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "event: "):
			event = strings.TrimPrefix(line, "event: ")
		case event == "change" && changeData.MatchString(line):
			var v int
			fmt.Sscanf(changeData.FindStringSubmatch(line)[1], "%d", &v)
			if v > shows {
				heard := time.Now()
				got, err := l.state()
				if err != nil {
					l.failed.Add(1)
					continue
				}
				shows = got
				l.current <- current{editor: i, version: got, heard: heard, at: time.Now()}
			}
		case line == "":
			event = ""
		}
	}
}

var statusVersion = regexp.MustCompile(`id="status"[^>]*data-version="(\d+)"`)

// state fetches /state as the editor's script does, reads the whole
// answer, and returns the version its status line names (the status comes
// first, so only the start of the answer is decompressed).
func (l *load) state() (int, error) {
	req, _ := http.NewRequest("GET", l.url+"/d/"+l.key+"/state?select=", nil)
	req.Header.Set("HX-Request", "true")
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := l.fetches.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return 0, err
	}
	if res.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("/state: %d", res.StatusCode)
	}
	var r io.Reader = bytes.NewReader(body)
	if res.Header.Get("Content-Encoding") == "gzip" {
		if r, err = gzip.NewReader(r); err != nil {
			return 0, err
		}
	}
	head := make([]byte, 2048)
	n, _ := io.ReadFull(r, head)
	m := statusVersion.FindSubmatch(head[:n])
	if m == nil {
		return 0, errors.New("/state: no status line")
	}
	var v int
	fmt.Sscanf(string(m[1]), "%d", &v)
	return v, nil
}

// serve builds archlab and serves it on a free port with a fresh SQLite
// file, returning its URL and how to stop it.
func serve() (string, func(), error) {
	dir, err := os.MkdirTemp("", "archlab-load")
	if err != nil {
		return "", nil, err
	}
	bin := filepath.Join(dir, "archlab")
	build := exec.Command("go", "build", "-o", bin, "./cmd/archlab")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return "", nil, fmt.Errorf("build: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(bin, "serve", "-addr", addr, "-db", filepath.Join(dir, "archlab.db"))
	cmd.Env = append(os.Environ(), "ARCHLAB_WRITES_PER_MINUTE=1000000", "ARCHLAB_LOG_LEVEL=warn")
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	serverPid = cmd.Process.Pid
	stop := func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
		os.RemoveAll(dir)
	}
	url := "http://" + addr
	for start := time.Now(); ; time.Sleep(20 * time.Millisecond) {
		if res, err := http.Get(url + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return url, stop, nil
			}
		}
		if time.Since(start) > 30*time.Second {
			stop()
			return "", nil, errors.New("archlab did not become ready in 30 s")
		}
	}
}
