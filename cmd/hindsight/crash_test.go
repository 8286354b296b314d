package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hindsight-kb/hindsight/corpus"
)

// frontmatterID matches an id in YAML, TOML or JSON frontmatter.
var frontmatterID = regexp.MustCompile(`(?m)^(\s*"?(?:id|uuid)"?\s*[:=]\s*"?)([A-Za-z0-9._-]+)`)

// crashCorpus writes copies of the bundled samples into dir, each copy
// under its own folder with a distinct title, so that indexing takes long
// enough to be interrupted at many points.
func crashCorpus(t *testing.T, dir string, copies int) int {
	t.Helper()
	n := 0
	samples := corpus.Samples()
	err := fs.WalkDir(samples, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		raw, err := fs.ReadFile(samples, p)
		if err != nil {
			return err
		}
		for i := 0; i < copies; i++ {
			dst := filepath.Join(dir, fmt.Sprintf("copy%02d", i), filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				return err
			}
			// Distinct ids and a distinct trailing line keep the copies apart.
			b := frontmatterID.ReplaceAll(raw, []byte(fmt.Sprintf("${1}${2}-copy%02d", i)))
			b = append(b, []byte(fmt.Sprintf("\n\nCopy %d of this report.\n", i))...)
			if err := os.WriteFile(dst, b, 0o644); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// treeHash is a digest of every file's path and content under dir.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(b))
		h.Write(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// searchPage runs `hindsight search --json` for one page and returns the
// total, the ids of the hits and their scores, in order.
func searchPage(t *testing.T, bin, idx, q string, page int) (int, []string, []string) {
	t.Helper()
	out, err := exec.Command(bin, "search", "--json", "--limit", "100", "--page", strconv.Itoa(page), "--index", idx, q).Output()
	if err != nil {
		t.Fatalf("search %q on %s: %v", q, idx, err)
	}
	var res struct {
		Total int `json:"total"`
		Hits  []struct {
			ID    string  `json:"id"`
			Score float64 `json:"score"`
		} `json:"hits"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("search %q: %v\n%s", q, err, out)
	}
	ids := make([]string, len(res.Hits))
	scores := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
		scores[i] = strconv.FormatFloat(h.Score, 'g', 6, 64)
	}
	return res.Total, ids, scores
}

// searchAll pages through every hit of q and returns the total and the
// ranking as a list of tie groups: hits with equal scores, ids sorted.
// Copies of one document tie and ties come back in index order, which
// differs between a resumed and a clean build; and absolute scores may
// differ slightly where a killed run left deleted documents in a segment
// (bleve counts them in term statistics until segments merge). The
// documents and their order must not.
func searchAll(t *testing.T, bin, idx, q string) (int, string) {
	t.Helper()
	var groups []string
	var group []string
	last := ""
	total, seen := 0, 0
	for page := 1; ; page++ {
		n, ids, scores := searchPage(t, bin, idx, q, page)
		total = n
		for i, id := range ids {
			if scores[i] != last && len(group) > 0 {
				sort.Strings(group)
				groups = append(groups, strings.Join(group, " "))
				group = nil
			}
			last = scores[i]
			group = append(group, id)
		}
		seen += len(ids)
		if len(ids) == 0 || seen >= n {
			break
		}
	}
	if len(group) > 0 {
		sort.Strings(group)
		groups = append(groups, strings.Join(group, " "))
	}
	return total, strings.Join(groups, " | ")
}

// TestKillDuringIndexing kills `hindsight index` with SIGKILL at random
// points, several times over, then lets it finish: the index must open
// (or be rebuilt) every time, end up answering exactly like a clean
// build, and the corpus folder must never be modified.
// HINDSIGHT_CRASH_ROUNDS sets the number of kills (default 4).
func TestKillDuringIndexing(t *testing.T) {
	bin := hindsightBinary(t)
	rounds := 4
	if v, err := strconv.Atoi(os.Getenv("HINDSIGHT_CRASH_ROUNDS")); err == nil && v > 0 {
		rounds = v
	}
	corpusDir := t.TempDir()
	docs := crashCorpus(t, corpusDir, 20)
	before := treeHash(t, corpusDir)

	clean := filepath.Join(t.TempDir(), "clean")
	start := time.Now()
	if out, err := exec.Command(bin, "index", "--corpus", corpusDir, "--index", clean).CombinedOutput(); err != nil {
		t.Fatalf("clean build: %v\n%s", err, out)
	}
	full := time.Since(start)
	t.Logf("clean build of %d documents: %v", docs, full)

	crashy := filepath.Join(t.TempDir(), "crashy")
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	for r := 0; r < rounds; r++ {
		cmd := exec.Command(bin, "index", "--corpus", corpusDir, "--index", crashy)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Mostly in the second half of a build, when batches have reached
		// the disk, so that the next run resumes a partly built index.
		delay := full/3 + time.Duration(rng.Int64N(int64(full)*2/3+1))
		time.Sleep(delay)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		// The next start must open what was left (or rebuild it).
		if msg, err := exec.Command(bin, "search", "--json", "--index", crashy, "certificate").CombinedOutput(); err != nil &&
			!strings.Contains(string(msg), "no index at") && !strings.Contains(string(msg), "rebuild") {
			t.Fatalf("round %d (killed after %v): index unusable: %v\n%s", r, delay, err, msg)
		}
	}
	out, err := exec.Command(bin, "index", "--corpus", corpusDir, "--index", crashy).CombinedOutput()
	if err != nil {
		t.Fatalf("final build after %d kills: %v\n%s", rounds, err, out)
	}
	t.Logf("final build: %s", bytes.TrimSpace(out))

	for _, q := range []string{"", "certificate expired", "category:capacity", "dns ttl", `"connection pool"`, "deploy -rollback"} {
		wantN, want := searchAll(t, bin, clean, q)
		gotN, got := searchAll(t, bin, crashy, q)
		switch {
		case gotN != wantN:
			t.Errorf("query %q after %d kills: %d hits, clean build %d", q, rounds, gotN, wantN)
		case got != want:
			t.Errorf("query %q after %d kills: ranking differs from a clean build:\n got %.300s\nwant %.300s", q, rounds, got, want)
		}
	}
	if after := treeHash(t, corpusDir); after != before {
		t.Error("indexing modified the corpus folder")
	}
}
