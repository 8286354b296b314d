package index

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
)

// readCounter counts the bytes read from the files of an fs.FS.
type readCounter struct {
	fs.FS
	n atomic.Int64
}

func (c *readCounter) Open(name string) (fs.File, error) {
	f, err := c.FS.Open(name)
	if err != nil {
		return nil, err
	}
	return &countedFile{File: f, n: &c.n}, nil
}

func (c *readCounter) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(c.FS, name) }
func (c *readCounter) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(c.FS, name) }

type countedFile struct {
	fs.File
	n *atomic.Int64
}

func (f *countedFile) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	f.n.Add(int64(n))
	return n, err
}

// TestSyncHostileCorpus syncs a folder of good documents mixed with
// hostile ones — a 50 MB file, empty, binary, NUL, invalid UTF-8, broken
// frontmatter, an alias bomb, hostile HTML, a symlink leaving the corpus
// and a directory loop — and checks the counts: each good or salvageable
// document is added, each bad entry is one Failure naming its path, and
// the 50 MB file is refused by its size without being read.
func TestSyncHostileCorpus(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	good := map[string]string{
		"good/a.md":         string(pmFile("Resolver overload", "dns", "The resolver ran out of sockets.").Data),
		"good/b.txt":        "Title: Disk full\n\nRoot cause: the log volume filled up.\n",
		"bad/latin1.md":     "# Caf\xe9 outage\n\nThe caf\xe9 \xff was down.\n",
		"bad/bom-crlf.md":   "\ufeff---\r\ntitle: Windows\r\n---\r\n# Windows\r\n\r\nbody\rmore\r\n",
		"bad/unclosed.md":   "---\ntitle: Unclosed\n\n# Heading\n\nBody.\n",
		"bad/malformed.md":  "---\ntitle: [unclosed\n---\n# Malformed\n\nBody.\n",
		"bad/wrongtypes.md": "---\ndate: yes\ncategories: 7\n---\n# Wrong types\n\nBody.\n",
		"bad/aliasbomb.md":  "---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n---\n# Bomb\n\nafter the bomb\n",
		"bad/hostile.html":  "<html><head><title>Hostile</title><script>alert(1)</script></head><body onload=\"x()\"><h1>Hostile</h1><iframe src=\"https://evil.example\"></iframe><p>Queue <a href=\"javascript:alert(2)\">stalled</a>.</p></body></html>",
		"bad/deeplist.md":   "# Deep\n\n" + strings.Repeat("- ", 10000) + "x\n",
	}
	for name, data := range good {
		write(name, data)
	}
	failing := map[string]string{
		"bad/empty.md":  "",
		"bad/binary.md": "\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11 abc",
		"bad/nul.md":    "# Title\n\nok\x00",
	}
	for name, data := range failing {
		write(name, data)
	}
	huge, err := os.Create(filepath.Join(dir, "bad", "huge.md"))
	if err != nil {
		t.Fatal(err)
	}
	huge.Truncate(50 << 20)
	huge.Close()
	outside := filepath.Join(t.TempDir(), "secret.md")
	os.WriteFile(outside, []byte("# Secret\n\nnot in the corpus\n"), 0o644)
	if err := os.Symlink(outside, filepath.Join(dir, "bad", "escape.md")); err != nil {
		t.Skipf("symlinks unsupported: %v", err)
	}
	os.Symlink("..", filepath.Join(dir, "good", "loop"))

	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	ix, err := OpenMemory(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	rc := &readCounter{FS: root.FS()}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	st, err := ix.Sync(context.Background(), rc, ".", nil)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatalf("Sync stopped: %v", err)
	}
	t.Logf("%+v; read %d bytes, allocated %d MiB", st, rc.n.Load(), (after.TotalAlloc-before.TotalAlloc)>>20)
	if st.Added != len(good) {
		t.Errorf("added %d, want the %d good or salvageable documents", st.Added, len(good))
	}
	wantFail := map[string]string{"bad/empty.md": "empty", "bad/binary.md": "binary", "bad/nul.md": "NUL", "bad/huge.md": "too large",
		"bad/escape.md": "symlink", "good/loop": "loop"}
	got := map[string]string{}
	for _, f := range st.Failures {
		got[f.Path] = f.Err
	}
	for p, want := range wantFail {
		if !strings.Contains(got[p], want) {
			t.Errorf("failure for %s = %q, want %q", p, got[p], want)
		}
	}
	if len(st.Failures) != len(wantFail) {
		t.Errorf("%d failures, want %d: %v", len(st.Failures), len(wantFail), got)
	}
	if rc.n.Load() > 1<<20 {
		t.Errorf("Sync read %d bytes: the 50 MB file was read", rc.n.Load())
	}
	if a := after.TotalAlloc - before.TotalAlloc; a > 256<<20 {
		t.Errorf("Sync allocated %d MiB", a>>20)
	}
	res, err := ix.Search(context.Background(), Request{Query: "stalled"})
	if err != nil || res.Total != 1 {
		t.Fatalf("search: %v %v", res, err)
	}
	rec, _ := ix.Get(context.Background(), res.Hits[0].ID)
	if strings.Contains(rec.Body, "alert") || strings.Contains(rec.Body, "javascript") {
		t.Errorf("active content indexed: %q", rec.Body)
	}
}
