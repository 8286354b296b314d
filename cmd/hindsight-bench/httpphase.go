package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// serverProc is a `hindsight serve` child process on loopback.
type serverProc struct {
	cmd     *exec.Cmd
	base    string // http://127.0.0.1:PORT
	logPath string
	done    chan error
}

// freeLoopbackPort asks the kernel for an unused port on 127.0.0.1.
func freeLoopbackPort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	return port, l.Close()
}

// serveFlags returns the flags `hindsight serve --help` lists.
func serveFlags(bin string) map[string]bool {
	out, _ := exec.Command(bin, "serve", "--help").CombinedOutput() // --help may exit non-zero
	flags := map[string]bool{}
	for _, f := range strings.Fields(string(out)) {
		if strings.HasPrefix(f, "-") {
			f = strings.TrimLeft(f, "-")
			if i := strings.IndexAny(f, "=,["); i >= 0 {
				f = f[:i]
			}
			flags[f] = true
		}
	}
	return flags
}

// startServer starts `bin serve` on a free loopback port with the given
// corpus and index and waits until /readyz answers 200 or timeout passes.
// A cache >= 0 is passed on as --result-cache; 0 also turns the page
// cache off (--page-cache 0).
func startServer(ctx context.Context, bin, corpusDir, indexDir, logDir string, cache int, timeout time.Duration) (*serverProc, time.Duration, error) {
	port, err := freeLoopbackPort()
	if err != nil {
		return nil, 0, err
	}
	args := []string{"serve", "--addr", fmt.Sprintf("127.0.0.1:%d", port), "--corpus", corpusDir, "--index", indexDir}
	flags := serveFlags(bin)
	if flags["no-watch"] {
		args = append(args, "--no-watch")
	}
	if flags["result-cache"] && cache >= 0 {
		args = append(args, "--result-cache", strconv.Itoa(cache))
	}
	if flags["page-cache"] && cache == 0 {
		args = append(args, "--page-cache", "0")
	}
	if flags["rate-limit"] {
		args = append(args, "--rate-limit", "0") // 0 = off: the load test is one client address
	}
	logPath := filepath.Join(logDir, "serve.log")
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, 0, fmt.Errorf("server log: %w", err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = logf, logf
	start := time.Now()
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, 0, fmt.Errorf("start %s: %w", bin, err)
	}
	sp := &serverProc{cmd: cmd, base: fmt.Sprintf("http://127.0.0.1:%d", port), logPath: logPath, done: make(chan error, 1)}
	go func() { sp.done <- cmd.Wait(); logf.Close() }()
	cl := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		select {
		case err := <-sp.done:
			sp.done <- err
			return nil, 0, fmt.Errorf("hindsight serve exited before ready (%v); see %s", err, logPath)
		case <-ctx.Done():
			sp.stop()
			return nil, 0, ctx.Err()
		case <-time.After(25 * time.Millisecond):
		}
		resp, err := cl.Get(sp.base + "/readyz")
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return sp, time.Since(start), nil
			}
		}
	}
	sp.stop()
	return nil, 0, fmt.Errorf("hindsight serve not ready after %v; see %s", timeout, logPath)
}

func (sp *serverProc) pid() int { return sp.cmd.Process.Pid }

// stop sends SIGTERM, waits up to 10 s for a graceful exit, then kills.
func (sp *serverProc) stop() error {
	sp.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-sp.done:
		sp.done <- err
		return nil
	case <-time.After(10 * time.Second):
		sp.cmd.Process.Kill()
		err := <-sp.done
		sp.done <- err
		return errors.New("hindsight serve did not stop within 10s of SIGTERM; killed")
	}
}

// httpLoad runs clients concurrent loops of GET requests over paths for
// duration (and at most maxRequests in all) and returns the latencies and
// the achieved rate.
func httpLoad(ctx context.Context, base string, paths []string, clients int, duration time.Duration, maxRequests int64) (Summary, map[int]int) {
	tr := &http.Transport{MaxIdleConns: clients * 2, MaxIdleConnsPerHost: clients * 2, IdleConnTimeout: 30 * time.Second}
	defer tr.CloseIdleConnections()
	cl := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	ctx, cancel := context.WithTimeout(ctx, duration)
	defer cancel()
	var issued atomic.Int64
	var wg sync.WaitGroup
	per := make([]latencies, clients)
	codes := make([]map[int]int, clients)
	start := time.Now()
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[c] = map[int]int{}
			for i := c; ctx.Err() == nil; i += clients {
				if issued.Add(1) > maxRequests {
					return
				}
				req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+paths[i%len(paths)], nil)
				if err != nil {
					per[c].errors++
					continue
				}
				t0 := time.Now()
				resp, err := cl.Do(req)
				if err != nil {
					if ctx.Err() == nil {
						per[c].errors++
					}
					continue
				}
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				d := time.Since(t0)
				if err != nil && ctx.Err() != nil {
					return // cut off by the end of the phase: not a server error
				}
				codes[c][resp.StatusCode]++
				if err != nil || resp.StatusCode != http.StatusOK {
					per[c].errors++
					continue
				}
				per[c].add(d)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	var all latencies
	allCodes := map[int]int{}
	for c := range per {
		all.merge(&per[c])
		for k, v := range codes[c] {
			allCodes[k] += v
		}
	}
	s := all.summary(fmt.Sprintf("http search, %d clients", clients))
	s.PerSec = float64(len(all.d)) / elapsed.Seconds()
	return s, allCodes
}
