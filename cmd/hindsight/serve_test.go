package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a goroutine-safe writer for the command's stderr.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServe runs `hindsight serve` in-process on a temporary corpus: one
// start-up line with the URL, /readyz flips to 200 after the first build,
// search finds the document, and cancelling (as SIGTERM does) exits 0.
func TestServe(t *testing.T) {
	corpusDir := t.TempDir()
	doc := "---\ntitle: Quasar queue drained by a stuck consumer\ndate: 2024-02-03\ncategories: [capacity]\n---\n\n# Quasar queue\n\n## Summary\n\nThe quasar-ingest consumer stalled.\n"
	if err := os.WriteFile(filepath.Join(corpusDir, "quasar.md"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	stderr := &lockedBuffer{}
	env := &cliEnv{stdout: io.Discard, stderr: stderr, getenv: func(k string) string {
		if k == "HINDSIGHT_BASE_PATH" {
			return "/kb"
		}
		return ""
	}}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, env, []string{"serve", "--corpus", corpusDir, "--index", filepath.Join(t.TempDir(), "idx"), "--addr", "127.0.0.1:0"})
	}()
	var base string
	re := regexp.MustCompile(`hindsight: serving corpus (\S+) \(index (\S+)\) at (http://\S+)`)
	for deadline := time.Now().Add(10 * time.Second); base == ""; {
		if m := re.FindStringSubmatch(stderr.String()); m != nil {
			if m[1] != corpusDir {
				t.Errorf("start-up line names corpus %s, want %s", m[1], corpusDir)
			}
			base = m[3]
		}
		if time.Now().After(deadline) {
			t.Fatalf("no start-up line; stderr:\n%s", stderr)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.HasSuffix(base, "/kb/") {
		t.Errorf("URL %s ignores HINDSIGHT_BASE_PATH", base)
	}
	for deadline := time.Now().Add(15 * time.Second); ; {
		resp, err := http.Get(base + "readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("never ready; stderr:\n%s", stderr)
		}
		time.Sleep(50 * time.Millisecond)
	}
	resp, err := http.Get(base + "api/v1/search?q=quasar")
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Total int `json:"total"`
	}
	err = json.NewDecoder(resp.Body).Decode(&res)
	resp.Body.Close()
	if err != nil || res.Total != 1 {
		t.Errorf("search after start: total %d, err %v", res.Total, err)
	}
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("exit code %d; stderr:\n%s", code, stderr)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
}

func TestServeRejectsBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "--write-token", "0123456789abcdef-long-enough"}, // the samples are read-only
		{"serve", "--corpus", t.TempDir(), "--base-path", "kb"},
		{"serve", "--corpus", t.TempDir(), "--write-token", "short"},
		{"serve", "--corpus", t.TempDir(), "--trusted-proxies", "not-an-ip"},
		{"serve", "--corpus", t.TempDir(), "--rate-limit", "fast"},
	} {
		t.Run(strings.Join(args[max(1, len(args)-2):], " "), func(t *testing.T) {
			var stderr bytes.Buffer
			env := &cliEnv{stdout: io.Discard, stderr: &stderr, getenv: func(string) string { return "" }}
			if code := run(context.Background(), env, args); code != exitUsage {
				t.Errorf("exit %d, want %d; stderr: %s", code, exitUsage, stderr.String())
			}
			if stderr.Len() == 0 {
				t.Error("no message")
			}
		})
	}
}
