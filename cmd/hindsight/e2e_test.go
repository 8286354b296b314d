package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// These tests build and start the real hindsight binary, as a user or a
// supervisor would, and talk to it over loopback HTTP.

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// hindsightBinary builds the command once per test run.
func hindsightBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the binary; skipped with -short")
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "hindsight-e2e")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "hindsight")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// liveServer is a running `hindsight serve`.
type liveServer struct {
	cmd  *exec.Cmd
	base string // http://127.0.0.1:PORT/
	logs *strings.Builder
	mu   *sync.Mutex
	done chan error
}

var urlRE = regexp.MustCompile(`at (http://\S+/)`)

// startServe runs `hindsight serve` with args and env on an ephemeral port
// and waits for its start-up line.
func startServe(t *testing.T, env []string, args ...string) *liveServer {
	t.Helper()
	bin := hindsightBinary(t)
	cmd := exec.Command(bin, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &liveServer{cmd: cmd, logs: &strings.Builder{}, mu: &sync.Mutex{}, done: make(chan error, 1)}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64*1024), 1024*1024)
		for sc.Scan() {
			line := sc.Text()
			s.mu.Lock()
			s.logs.WriteString(line + "\n")
			s.mu.Unlock()
			if m := urlRE.FindStringSubmatch(line); m != nil {
				select {
				case found <- m[1]:
				default:
				}
			}
		}
		s.done <- cmd.Wait()
	}()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			<-s.done
		}
		if t.Failed() {
			t.Logf("server log:\n%s", s.log())
		}
	})
	select {
	case s.base = <-found:
	case <-time.After(20 * time.Second):
		t.Fatalf("no start-up line within 20s; log:\n%s", s.log())
	}
	return s
}

func (s *liveServer) log() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logs.String()
}

// waitReady polls /readyz until it answers 200.
func (s *liveServer) waitReady(t *testing.T, within time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	for time.Since(start) < within {
		resp, err := http.Get(s.base + "readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return time.Since(start)
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("/readyz not 200 within %v", within)
	return 0
}

// search returns the sources of the hits for q from the JSON API.
func (s *liveServer) search(t *testing.T, q string) []string {
	t.Helper()
	resp, err := http.Get(s.base + "api/v1/search?q=" + url.QueryEscape(q))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("search %q: %d %s", q, resp.StatusCode, body)
	}
	var res struct {
		Total int `json:"total"`
		Hits  []struct {
			Source string `json:"source"`
			Title  string `json:"title"`
		} `json:"hits"`
	}
	if err := json.Unmarshal(body, &res); err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Title)
	}
	return out
}

// stop sends SIGTERM and checks a clean, prompt exit.
func (s *liveServer) stop(t *testing.T) {
	t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-s.done:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no exit within 10s of SIGTERM")
	}
}

func postmortem(title, cause string) string {
	return fmt.Sprintf(`---
title: %q
date: 2025-06-01
severity: SEV2
services: [checkout]
---

# %s

## Summary

Checkout was unavailable for forty minutes.

## Root cause

%s

## Action items

- [ ] Add an alert for this failure mode.
`, title, title, cause)
}

// TestServeWatchesCorpus is the end-to-end test: the real binary on
// a temporary corpus sees added, edited and deleted postmortems in search
// within two seconds each, and exits cleanly on SIGTERM.
func TestServeWatchesCorpus(t *testing.T) {
	corpusDir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(corpusDir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("first.md", postmortem("Checkout outage after the zephyrine rollout",
		"A zephyrine configuration change set the connection limit to zero."))
	s := startServe(t, []string{"XDG_CACHE_HOME=" + t.TempDir()},
		"--corpus", corpusDir, "--index", filepath.Join(t.TempDir(), "idx"))
	s.waitReady(t, 30*time.Second)
	if hits := s.search(t, "zephyrine"); len(hits) != 1 {
		t.Fatalf("initial search: %v, want the one document", hits)
	}

	// within polls a search until ok(hits) or the 2-second promise passes.
	within := func(step, q string, ok func([]string) bool) {
		t.Helper()
		deadline := time.Now().Add(2 * time.Second)
		for {
			hits := s.search(t, q)
			if ok(hits) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: search %q still %v after 2s", step, q, hits)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	has := func(title string) func([]string) bool {
		return func(h []string) bool {
			for _, x := range h {
				if x == title {
					return true
				}
			}
			return false
		}
	}

	write("second.md", postmortem("Payments stalled by a quillwort certificate",
		"The quillwort TLS certificate expired at midnight."))
	within("add", "quillwort", has("Payments stalled by a quillwort certificate"))

	write("second.md", postmortem("Payments stalled by an expired quillwort certificate",
		"The quillwort TLS certificate expired at midnight; renewal was manual."))
	within("edit", "quillwort", has("Payments stalled by an expired quillwort certificate"))

	sub := filepath.Join(corpusDir, "2025")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	write("2025/third.md", postmortem("Search down after a marrowbone deploy", "A marrowbone deploy shipped a bad build."))
	within("new sub-folder", "marrowbone", has("Search down after a marrowbone deploy"))

	if err := os.Remove(filepath.Join(corpusDir, "first.md")); err != nil {
		t.Fatal(err)
	}
	within("delete", "zephyrine", func(h []string) bool { return len(h) == 0 })

	s.stop(t)
	if strings.Contains(s.log(), "panic") {
		t.Errorf("server log mentions a panic")
	}
}

// TestServeSamplesFreshCache runs serve with no flags against a fresh
// HOME and cache folder, as a newcomer would, and finds the samples; a
// second start reuses the index.
func TestServeSamplesFreshCache(t *testing.T) {
	home := t.TempDir()
	env := []string{"HOME=" + home, "XDG_CACHE_HOME=" + filepath.Join(home, ".cache")}
	s := startServe(t, env)
	if !strings.Contains(s.log(), "built-in samples") {
		t.Errorf("start-up line does not say it serves the samples:\n%s", s.log())
	}
	s.waitReady(t, 30*time.Second)
	if hits := s.search(t, "certificate expired"); len(hits) < 3 {
		t.Fatalf("samples search: %v, want several certificate incidents", hits)
	}
	s.stop(t)
	if _, err := os.Stat(filepath.Join(home, ".cache", "hindsight", "samples", "index")); err != nil {
		t.Fatalf("index not in the user cache folder: %v", err)
	}

	again := startServe(t, env)
	took := again.waitReady(t, 10*time.Second)
	t.Logf("second start ready %v after its start-up line", took)
	if took > time.Second {
		t.Errorf("second start took %v to be ready, want well under a second", took)
	}
	again.stop(t)
}
