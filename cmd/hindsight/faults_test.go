package main

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// Fault tests of the real binary: an index folder on a read-only mount
// or a full disk, an index held by another process, and the write token
// kept out of the logs. The mount tests need root (they mount a tmpfs)
// and skip otherwise.

// mountTmpfs mounts a tmpfs of size at a new folder, or skips the test.
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a tmpfs; skipped")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", "-l", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", dir, err, out)
		}
	})
	return dir
}

// writeCorpus writes n small postmortems under dir, named from prefix.
func writeCorpus(t *testing.T, dir, prefix string, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		doc := postmortem(fmt.Sprintf("%s outage number %d", prefix, i),
			fmt.Sprintf("The %s cache for tenant %d ran out of memory after a deploy.", prefix, i))
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%04d.md", prefix, i)), []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// get fetches base+path and returns the status and body.
func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestIndexFullDisk runs `hindsight index` into a tmpfs of a few hundred
// KB: the first small build fits, the big one fails with a clear "no
// space left" message naming the index folder, the index stays usable
// by search, and serve over it stays up answering from it.
func TestIndexFullDisk(t *testing.T) {
	bin := hindsightBinary(t)
	mnt := mountTmpfs(t, "400k")
	idx := filepath.Join(mnt, "idx")
	corpusDir := t.TempDir()
	writeCorpus(t, corpusDir, "kestrel", 3)
	if out, err := exec.Command(bin, "index", "--corpus", corpusDir, "--index", idx).CombinedOutput(); err != nil {
		t.Fatalf("first build (small): %v\n%s", err, out)
	}
	writeCorpus(t, corpusDir, "plover", 1500)
	start := time.Now()
	out, err := exec.Command(bin, "index", "--corpus", corpusDir, "--index", idx).CombinedOutput()
	t.Logf("index on a full disk (%v): %s", time.Since(start), out)
	if err == nil {
		t.Fatal("index succeeded on a full disk")
	}
	if !strings.Contains(string(out), "no space left") || !strings.Contains(string(out), idx) {
		t.Errorf("message does not say 'no space left' and name %s:\n%s", idx, out)
	}
	if strings.Contains(string(out), "panic") {
		t.Errorf("panic:\n%s", out)
	}
	n, _, _ := searchPage(t, bin, idx, "kestrel", 1)
	if n != 3 {
		t.Errorf("search after the failed build: %d kestrel incidents, want the 3 from before", n)
	}

	s := startServe(t, []string{"XDG_CACHE_HOME=" + t.TempDir()}, "--corpus", corpusDir, "--index", idx, "--no-watch")
	s.waitReady(t, 20*time.Second)
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(s.log(), "index build failed") && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	if !strings.Contains(s.log(), "no space left") {
		t.Errorf("serve did not log the full disk:\n%s", s.log())
	}
	if hits := s.search(t, "kestrel"); len(hits) != 3 {
		t.Errorf("serve on a full disk: %d kestrel hits, want 3", len(hits))
	}
	for _, p := range []string{"healthz", "readyz"} {
		if code, body := get(t, s.base+p); code != 200 {
			t.Errorf("%s on a full disk: %d %s", p, code, body)
		}
	}
	s.stop(t)
}

// TestServeReadOnlyIndex serves an index on a read-only mount: one clear
// warning, ready at once, searches answered, no crash loop; `hindsight
// index` into it fails with a clear message.
func TestServeReadOnlyIndex(t *testing.T) {
	bin := hindsightBinary(t)
	mnt := mountTmpfs(t, "8m")
	idx := filepath.Join(mnt, "idx")
	corpusDir := t.TempDir()
	writeCorpus(t, corpusDir, "kestrel", 5)
	if out, err := exec.Command(bin, "index", "--corpus", corpusDir, "--index", idx).CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	if out, err := exec.Command("mount", "-o", "remount,ro", mnt).CombinedOutput(); err != nil {
		t.Fatalf("remount ro: %v %s", err, out)
	}
	writeCorpus(t, corpusDir, "plover", 2)
	out, err := exec.Command(bin, "index", "--corpus", corpusDir, "--index", idx).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "read-only") || !strings.Contains(string(out), idx) {
		t.Errorf("index into a read-only folder: %v\n%s", err, out)
	}
	if n, _, _ := searchPage(t, bin, idx, "kestrel", 1); n != 5 {
		t.Errorf("search on a read-only index: %d, want 5", n)
	}

	s := startServe(t, []string{"XDG_CACHE_HOME=" + t.TempDir()}, "--corpus", corpusDir, "--index", idx)
	s.waitReady(t, 10*time.Second)
	if hits := s.search(t, "kestrel"); len(hits) != 5 {
		t.Errorf("serve read-only: %d hits, want 5", len(hits))
	}
	time.Sleep(time.Second) // a crash loop or a retrying sync would show by now
	n := 0
	for _, line := range strings.Split(s.log(), "\n") {
		if strings.Contains(line, "read-only") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d log lines about the read-only index, want exactly one:\n%s", n, s.log())
	}
	if strings.Contains(s.log(), "level=ERROR") {
		t.Errorf("errors logged:\n%s", s.log())
	}
	s.stop(t)
}

// TestCLIWhileServing runs the CLI against the index a running serve
// holds: the read commands answer through the server with the output and
// exit codes they have on the index itself, and `hindsight index` asks
// the server to re-sync instead of failing on the lock.
func TestCLIWhileServing(t *testing.T) {
	bin := hindsightBinary(t)
	corpusDir := t.TempDir()
	writeCorpus(t, corpusDir, "kestrel", 3)
	idx := filepath.Join(t.TempDir(), "idx")
	env := append(os.Environ(), "XDG_CACHE_HOME="+t.TempDir(), "XDG_CONFIG_HOME="+t.TempDir())
	cli := func(args ...string) (string, int) {
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		code := 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return string(out), code
	}
	reads := [][]string{
		{"search", "--index", idx, "kestrel"},
		{"search", "--json", "--index", idx, "kestrel"},
		{"search", "--index", idx, "kestrel after:2030"},
		{"search", "--index", idx, "category:nonsense-that-is-no-category((("},
		{"show", "--index", idx, "kestrel-0001"},
		{"show", "--index", idx, "kestrel-000"},     // ambiguous: did you mean
		{"show", "--index", idx, "kestrel-0001.md"}, // the file name
		{"similar", "--index", idx, "kestrel-0002"},
		{"trends", "--index", idx, "--interval", "year"},
		{"trends", "--index", idx, "--interval", "fortnight"},
	}
	// What each command says on the index itself.
	if out, code := cli("index", "--corpus", corpusDir, "--index", idx); code != 0 {
		t.Fatalf("index: %d %s", code, out)
	}
	type answer struct {
		out  string
		code int
	}
	direct := map[string]answer{}
	for _, args := range reads {
		out, code := cli(args...)
		direct[strings.Join(args, " ")] = answer{out, code}
	}

	s := startServe(t, []string{"XDG_CACHE_HOME=" + t.TempDir()}, "--corpus", corpusDir, "--index", idx, "--no-watch")
	s.waitReady(t, 20*time.Second)
	for _, args := range reads {
		name := strings.Join(args, " ")
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			out, code := cli(args...)
			want := direct[name]
			if code != want.code {
				t.Errorf("exit %d through the server, %d on the index; output:\n%s", code, want.code, out)
			}
			if code == 0 && normaliseOutput(out) != normaliseOutput(want.out) {
				t.Errorf("output through the server differs from the index's:\n--- server\n%s\n--- index\n%s", out, want.out)
			}
			if code != 0 && !strings.Contains(out, "kestrel") && !strings.Contains(out, "fortnight") && !strings.Contains(out, "(((") {
				t.Errorf("error does not say what was wrong: %s", out)
			}
			if took := time.Since(start); took > 3*time.Second {
				t.Errorf("took %v", took)
			}
		})
	}
	if out, _ := cli("show", "--index", idx, "kestrel-000"); !strings.Contains(out, "kestrel-0000") || !strings.Contains(out, "kestrel-0002") {
		t.Errorf("an ambiguous id does not list the matches: %s", out)
	}

	// A new file, and `hindsight index` while the server holds the index.
	writeCorpus(t, corpusDir, "plover", 1)
	out, code := cli("index", "--corpus", corpusDir, "--index", idx)
	if code != 0 || !strings.Contains(out, "added 1 / updated 0 / removed 0 / unchanged 3 / failed 0") || !strings.Contains(out, "re-sync") {
		t.Errorf("index while serving: %d %s", code, out)
	}
	if out, code := cli("search", "--index", idx, "plover"); code != 0 || !strings.Contains(out, "plover-0000") {
		t.Errorf("search after a re-sync through the server: %d %s", code, out)
	}
	// Another corpus cannot be synced into the index the server serves.
	if out, code := cli("index", "--corpus", t.TempDir(), "--index", idx); code != exitUsage || !strings.Contains(out, "serves this index") {
		t.Errorf("index of another corpus while serving: %d %s", code, out)
	}
	s.stop(t)
	if _, err := os.Stat(serverFile(idx)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the server record outlives the server: %v", err)
	}
}

// normaliseOutput drops what differs between two runs of a command: the
// time a search took.
func normaliseOutput(s string) string {
	return tookRE.ReplaceAllString(s, `"took_ns":0`)
}

var tookRE = regexp.MustCompile(`"took_ns":\d+`)

// TestWriteTokenNeverLogged runs serve with a write token and makes
// requests with no token, a wrong one, one that differs by a character,
// the token in the URL, and the right one: the token's text never
// appears in the logs (text or JSON).
func TestWriteTokenNeverLogged(t *testing.T) {
	const token = "s3cret-Token-7f4e2a9c1b"
	for _, logFlag := range []string{"--log-json=false", "--log-json"} {
		t.Run(logFlag, func(t *testing.T) {
			corpusDir := t.TempDir()
			writeCorpus(t, corpusDir, "kestrel", 2)
			s := startServe(t, []string{"XDG_CACHE_HOME=" + t.TempDir(), "HINDSIGHT_WRITE_TOKEN=" + token},
				"--corpus", corpusDir, "--index", filepath.Join(t.TempDir(), "idx"), logFlag)
			s.waitReady(t, 20*time.Second)
			doc := postmortem("Wren queue stalled", "The wren queue consumer deadlocked.")
			post := func(auth, query string) int {
				req, _ := http.NewRequest(http.MethodPost, s.base+"api/v1/incidents"+query, strings.NewReader(doc))
				req.Header.Set("Content-Type", "text/markdown")
				if auth != "" {
					req.Header.Set("Authorization", auth)
				}
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				return resp.StatusCode
			}
			for _, tc := range []struct {
				auth, query string
				want        int
			}{
				{"", "", 401},
				{"Bearer wrong-token-0000000000", "", 401},
				{"Bearer " + token[:len(token)-1] + "X", "", 401},
				{"Basic " + token, "", 401},
				{"", "?token=" + token, 401},
				{"Bearer " + token, "", 201},
			} {
				if got := post(tc.auth, tc.query); got != tc.want {
					t.Errorf("POST auth %q query %q = %d, want %d", tc.auth, tc.query, got, tc.want)
				}
			}
			get(t, s.base+"search?q="+token)
			get(t, s.base+token)
			s.stop(t)
			logs := s.log()
			// The token may appear where the client put it in a URL path
			// or query (never a place for it); it must not come from the
			// header or the configuration.
			for _, line := range strings.Split(logs, "\n") {
				if strings.Contains(line, token[:len(token)-1]) && !strings.Contains(line, "path=/"+token) && !strings.Contains(line, `"path":"/`+token) {
					t.Errorf("token in a log line: %s", line)
				}
			}
			if !strings.Contains(logs, "status=401") && !strings.Contains(logs, `"status":401`) {
				t.Errorf("requests not logged:\n%s", logs)
			}
		})
	}
}

// TestServeRebuildsDamagedIndex truncates the segments of an index and
// starts serve on it: one warning saying why the index was discarded,
// then a rebuild from the corpus, after which every document is found.
func TestServeRebuildsDamagedIndex(t *testing.T) {
	bin := hindsightBinary(t)
	corpusDir := t.TempDir()
	writeCorpus(t, corpusDir, "kestrel", 6)
	idx := filepath.Join(t.TempDir(), "idx")
	if out, err := exec.Command(bin, "index", "--corpus", corpusDir, "--index", idx).CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	segs, _ := filepath.Glob(filepath.Join(idx, "store", "*.zap"))
	if len(segs) == 0 {
		t.Fatal("no segments")
	}
	for _, s := range segs {
		fi, _ := os.Stat(s)
		if err := os.Truncate(s, fi.Size()/2); err != nil {
			t.Fatal(err)
		}
	}
	s := startServe(t, []string{"XDG_CACHE_HOME=" + t.TempDir()}, "--corpus", corpusDir, "--index", idx, "--no-watch")
	s.waitReady(t, 20*time.Second)
	if hits := s.search(t, "kestrel"); len(hits) != 6 {
		t.Errorf("after the rebuild: %d hits, want 6", len(hits))
	}
	if !strings.Contains(s.log(), "index discarded") || !strings.Contains(s.log(), "damaged segment") {
		t.Errorf("no warning naming the damage:\n%s", s.log())
	}
	s.stop(t)
	if strings.Contains(s.log(), "panic") {
		t.Errorf("panic:\n%s", s.log())
	}
}
