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
	flag.StringVar(&editKind, "edit", "move", "the edit: move (a drag of one block), title or prop (a property no finding and no drawing shows)")
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
	// The block edited: a function (the prop edit names its function).
	block := d.Blocks[0].ID
	for _, b := range d.Blocks {
		if b.Kind == "lambda" {
			block = b.ID
			break
		}
	}
	c, err := create(url, d)
	if err != nil {
		return err
	}
	fmt.Printf("design %s: %d blocks; %d editors\n", c.ID, len(d.Blocks), editors)

	// One connection per editor for its stream, as a browser tab has, and
	// a pool for the /state fetches.
	streams := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: -1, DisableCompression: true}}
	fetches := fetchClient(editors)
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
		if err := edit(url, c, block, version-1); err != nil {
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
	if err := floor(*l.last.Load(), editors); err != nil {
		return err
	}
	fmt.Printf("every editor current within %v after every edit: %v\n", target, met)
	return nil
}

// editKind is the edit each round applies.
var editKind string

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

// edit applies one edit (editKind) to the version base: a new version.
func edit(url string, c created, block string, base int) error {
	var op string
	switch editKind {
	case "move":
		op = fmt.Sprintf(`{"op":"moveBlock","id":%q,"x":%d,"y":%d}`, block, 40*(base%10), 40*(base%7))
	case "title":
		op = fmt.Sprintf(`{"op":"setTitle","title":"Edit %d"}`, base+1)
	case "prop":
		op = fmt.Sprintf(`{"op":"updateBlock","id":%q,"props":{"FunctionName":"fn-%d"}}`, block, base+1)
	default:
		return fmt.Errorf("-edit %q: move, title or prop", editKind)
	}
	body := fmt.Sprintf(`{"baseVersion":%d,"ops":[%s]}`, base, op)
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
	last     atomic.Pointer[[]byte] // an answer of /state, as sent
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
				got, err := l.state(shows)
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
func (l *load) state(shows int) (int, error) {
	req, _ := http.NewRequest("GET", fmt.Sprintf("%s/d/%s/state?select=&from=%d", l.url, l.key, shows), nil)
	req.Header.Set("HX-Request", "true")
	req.Header.Set("Accept-Encoding", "gzip")
	body, v, err := fetch(l.fetches, req)
	if err == nil {
		l.last.Store(&body)
	}
	return v, err
}

// fetchClient is the client the editors fetch /state with and the floor
// fetches its bytes with: a connection per editor, kept between edits.
func fetchClient(editors int) *http.Client {
	return &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: editors, DisableCompression: true, IdleConnTimeout: time.Minute}}
}

// gunzips are the decompressors fetch reads answers with, reused: a new
// one is 40 KB of tables, 40 MB for 1,000 editors' fetches.
var gunzips sync.Pool

// fetch does req, reads the whole answer, and returns it with the version
// its status line names (the status comes first, so only the start of
// the answer is decompressed). The floor reads its answers so too: both
// pay the same client's work.
func fetch(client *http.Client, req *http.Request) ([]byte, int, error) {
	res, err := client.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, 0, err
	}
	if res.StatusCode != http.StatusOK {
		return nil, 0, fmt.Errorf("%s: %d", req.URL.Path, res.StatusCode)
	}
	var r io.Reader = bytes.NewReader(body)
	if res.Header.Get("Content-Encoding") == "gzip" {
		zr, _ := gunzips.Get().(*gzip.Reader)
		if zr == nil {
			zr, err = gzip.NewReader(r)
		} else {
			err = zr.Reset(r)
		}
		if err != nil {
			return nil, 0, err
		}
		defer gunzips.Put(zr)
		r = zr
	}
	var head [2048]byte
	n, _ := io.ReadFull(r, head[:])
	m := statusVersion.FindSubmatch(head[:n])
	if m == nil {
		return nil, 0, errors.New(req.URL.Path + ": no status line")
	}
	var v int
	fmt.Sscanf(string(m[1]), "%d", &v)
	return body, v, nil
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

// floor has as many clients as there are editors fetch the bytes of the
// last /state answer at once from a plain net/http file server, with the
// editors' client and reading each answer as they do, and says how long
// until the last has them: what sending those bytes costs on this
// machine, in the same run.
func floor(answer []byte, editors int) error {
	dir, err := os.MkdirTemp("", "archlab-floor")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, "state"), answer, 0o600); err != nil {
		return err
	}
	files := http.FileServer(http.Dir(dir))
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		files.ServeHTTP(w, r)
	})}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	go srv.Serve(ln)
	defer srv.Close()
	client := fetchClient(editors)
	url := "http://" + ln.Addr().String() + "/state"
	for round := range 3 {
		start := time.Now()
		took := make([]time.Duration, editors)
		var wg sync.WaitGroup
		var failed atomic.Int64
		for i := range editors {
			wg.Go(func() {
				req, _ := http.NewRequest("GET", url, nil)
				if _, _, err := fetch(client, req); err != nil {
					failed.Add(1)
					return
				}
				took[i] = time.Since(start)
			})
		}
		wg.Wait()
		if failed.Load() > 0 {
			return fmt.Errorf("floor: %d fetches failed", failed.Load())
		}
		slices.Sort(took)
		if round > 0 { // the first opens the connections
			fmt.Printf("floor    %d fetches of the same %d bytes from a file server at once: p50 %v, p99 %v, max %v\n",
				editors, len(answer), ms(took[editors/2]), ms(took[editors*99/100]), ms(took[editors-1]))
		}
	}
	return nil
}
