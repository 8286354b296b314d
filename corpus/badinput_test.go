package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// The cases of TestParseBadInput, TestParseBounded and TestWalk cover
// most hostile documents one by one. The tests here add what they leave
// out: bounds on the time and memory each hostile input may cost, a
// document far over the size limit that must not be read in full, HTML
// and Markdown full of active content, and all of it side by side in one
// folder walked like a corpus, where no file may stop the others.

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// letters is an endless reader of 'a' bytes: a document as large as we like
// without holding it in memory.
type letters struct{}

func (letters) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	return len(p), nil
}

// measure runs f and returns how long it took and how many bytes it
// allocated (all goroutines; the tests here run alone in their package's
// process only with -run, so the bounds are generous).
func measure(f func()) (time.Duration, uint64) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	f()
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	return took, after.TotalAlloc - before.TotalAlloc
}

// TestParseHugeDocumentNotReadInFull feeds a 50 MB document through Parse
// (a stream) and ParseFile (a file whose size is known): both reject it
// with ErrTooLarge; Parse reads at most MaxBytes+1 bytes of it and
// ParseFile none at all.
func TestParseHugeDocumentNotReadInFull(t *testing.T) {
	const fifty = 50 << 20
	p, err := NewParser(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	cr := &countingReader{r: io.LimitReader(letters{}, fifty)}
	took, alloc := measure(func() { _, err = p.Parse("huge.md", cr) })
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "huge.md") {
		t.Fatalf("Parse of 50 MB: err = %v, want ErrTooLarge naming the file", err)
	}
	if cr.n > DefaultMaxBytes+1 {
		t.Errorf("Parse read %d bytes of a 50 MB stream; the limit is %d", cr.n, DefaultMaxBytes)
	}
	// io.ReadAll grows its buffer by doubling: about 3x the limit at most.
	if alloc > 4*uint64(DefaultMaxBytes) {
		t.Errorf("Parse of 50 MB allocated %d MiB, want under %d MiB", alloc>>20, 4*DefaultMaxBytes>>20)
	}
	t.Logf("50 MB stream: read %d bytes, allocated %d MiB, took %v", cr.n, alloc>>20, took)

	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "huge.md"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(fifty); err != nil { // sparse: no 50 MB written
		t.Fatal(err)
	}
	f.Close()
	cfs := &countingFS{FS: os.DirFS(dir)}
	took, alloc = measure(func() { _, err = p.ParseFile(cfs, "huge.md") })
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "52428800 bytes") {
		t.Fatalf("ParseFile of 50 MB: err = %v, want ErrTooLarge with the size", err)
	}
	if cfs.read != 0 {
		t.Errorf("ParseFile read %d bytes of a file it should reject by its size", cfs.read)
	}
	if alloc > 1<<20 {
		t.Errorf("ParseFile of a 50 MB file allocated %d KiB", alloc>>10)
	}
	t.Logf("50 MB file: read %d bytes, allocated %d KiB, took %v", cfs.read, alloc>>10, took)
}

// countingFS counts the bytes read from the files it opens.
type countingFS struct {
	fs.FS
	read int64
}

func (c *countingFS) Open(name string) (fs.File, error) {
	f, err := c.FS.Open(name)
	if err != nil {
		return nil, err
	}
	return &countingFile{File: f, fs: c}, nil
}

type countingFile struct {
	fs.File
	fs *countingFS
}

func (f *countingFile) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	f.fs.read += int64(n)
	return n, err
}

// hostileHTML is an HTML page full of active content.
const hostileHTML = `<!doctype html><html><head><title><script>alert("title")</script>Queue outage</title>
<style>body{color:red} .evil{background:url(javascript:alert(1))}</style>
<script>alert("head")</script></head>
<body onload="alert('onload')">
<h1>Queue outage</h1>
<p>The queue <b onclick="alert('b')">stalled</b> for an hour.<script>document.write("inline")</script></p>
<iframe src="https://evil.example/frame" onload="alert('iframe')">iframe fallback</iframe>
<h2>Root cause</h2>
<p>A consumer <img src=x onerror="alert('img')"> deadlocked.<style>p{display:none}</style></p>
<h2>Action items</h2>
<ul><li><a href="javascript:alert('link')">Add a consumer watchdog</a></li>
<li><a href="JaVaScRiPt:alert('mixed')">Alert on queue depth</a></li></ul>
<noscript><script>alert("noscript")</script></noscript>
<svg><script>alert("svg")</script></svg>
</body></html>
`

// hostileMarkdown is Markdown with raw HTML and javascript: links.
const hostileMarkdown = "# Queue outage\n\n" +
	"The queue stalled for an hour.<script>alert(\"md\")</script>\n\n" +
	"<iframe src=\"https://evil.example/\" onload=\"alert('iframe')\"></iframe>\n\n" +
	"<style>body{color:red}</style>\n\n" +
	"## Root cause\n\nA consumer <img src=x onerror=\"alert('img')\"> deadlocked.\n\n" +
	"## Action items\n\n- [Add a consumer watchdog](javascript:alert('link'))\n- <a href=\"javascript:alert(2)\" onclick=\"alert(3)\">Alert on queue depth</a>\n"

// activeContent are fragments that must appear in no field of a record.
var activeContent = []string{"<script", "alert(", "javascript:", "onerror", "onclick", "onload", "<iframe", "<style", "color:red", "document.write", "<img"}

// TestParseHostileMarkupIsInert parses HTML and Markdown full of scripts,
// styles, frames, event handlers and javascript: links: the record keeps
// the prose and none of the active content, in any field.
func TestParseHostileMarkupIsInert(t *testing.T) {
	for name, doc := range map[string]string{"page.html": hostileHTML, "page.md": hostileMarkdown} {
		t.Run(name, func(t *testing.T) {
			rec, err := Parse(name, strings.NewReader(doc))
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			rec.ContentHash = ""
			if err := enc.Encode(rec); err != nil {
				t.Fatal(err)
			}
			all := strings.ToLower(buf.String())
			for _, bad := range activeContent {
				if strings.Contains(all, strings.ToLower(bad)) {
					t.Errorf("record holds %q: %s", bad, buf.String())
				}
			}
			for _, want := range []string{"stalled", "deadlocked", "consumer watchdog"} {
				if !strings.Contains(all, want) {
					t.Errorf("prose %q lost: %s", want, buf.String())
				}
			}
			for _, a := range rec.ActionItems {
				if a.Link != "" && !strings.HasPrefix(a.Link, "http") {
					t.Errorf("action item link %q", a.Link)
				}
			}
		})
	}
}

// hostileCase is one hostile document with the bounds it must stay in.
type hostileCase struct {
	name    string
	data    func() []byte
	wantErr string        // substring of the error; "" = a record
	maxTime time.Duration // generous: a loaded 2-core machine, -race
	maxMiB  uint64        // total bytes allocated while parsing
}

// hostileCases are the documents of issue 7 that need bounds. Each
// limit is generous (about ten times what a run on one core measured),
// so that the tests catch blow-ups, not noise.
func hostileCases() []hostileCase {
	deepList := "# T\n\n" + strings.Repeat("- ", 10000) + "x\n"
	deepQuote := "# T\n\n" + strings.Repeat(">", 10000) + " x\n"
	deepHTML := "<html><body>" + strings.Repeat("<div><ul><li><blockquote>", 10000) + "x</body></html>"
	var table strings.Builder
	table.WriteString("# Long timeline\n\n## Timeline\n\n| Time | Event |\n|---|---|\n")
	for i := 0; i < 100000; i++ {
		table.WriteString("| 2024-01-01 10:00 UTC | step ")
		table.WriteString(strings.Repeat("x", i%7))
		table.WriteString(" happened |\n")
	}
	return []hostileCase{
		{name: "empty.md", data: func() []byte { return nil }, wantErr: "empty document", maxTime: time.Second, maxMiB: 1},
		{name: "binary.bin.md", data: func() []byte { return bytes.Repeat([]byte{1, 2, 3, 4, 0xff, 0xfe}, 100000) }, wantErr: "binary content", maxTime: time.Second, maxMiB: 8},
		{name: "nul.md", data: func() []byte { return []byte("# T\n\nok\x00then") }, wantErr: "NUL byte", maxTime: time.Second, maxMiB: 1},
		{name: "latin1.md", data: func() []byte { return []byte("# Caf\xe9\n\nInvalid \xff\xfe UTF-8 \xc3\x28 here.\n") }, maxTime: time.Second, maxMiB: 4},
		{name: "bom-crlf.md", data: func() []byte { return []byte("\ufeff# T\r\n\r\nline\rline\r\n") }, maxTime: time.Second, maxMiB: 4},
		{name: "unclosed.md", data: func() []byte {
			var b strings.Builder
			b.WriteString("---\ntitle: x\n")
			for i := 0; i < 20000; i++ {
				fmt.Fprintf(&b, "k%d: v\n", i)
			}
			b.WriteString("\n# Heading\n\nThe body.\n")
			return []byte(b.String())
		}, maxTime: 5 * time.Second, maxMiB: 64},
		{name: "malformed.md", data: func() []byte { return []byte("---\n: : :\n- [\n{{{\n---\n# T\n\nbody\n") }, maxTime: time.Second, maxMiB: 4},
		{name: "wrongtypes.md", data: func() []byte { return []byte("---\ndate: yes\ncategories: 7\nduration: {a: b}\n---\n# T\n") }, maxTime: time.Second, maxMiB: 4},
		{name: "aliasbomb.md", data: func() []byte { return []byte(aliasBomb()) }, maxTime: 2 * time.Second, maxMiB: 32},
		{name: "aliasbomb-big.md", data: func() []byte {
			return []byte(strings.Replace(aliasBomb(), "---\n# T", "j: &j [*i,*i,*i,*i,*i,*i,*i,*i,*i]\nk: [*j,*j,*j,*j,*j,*j,*j,*j,*j]\n---\n# T", 1))
		}, maxTime: 2 * time.Second, maxMiB: 32},
		{name: "deeplist.md", data: func() []byte { return []byte(deepList) }, maxTime: 5 * time.Second, maxMiB: 256},
		{name: "deepquote.md", data: func() []byte { return []byte(deepQuote) }, maxTime: 5 * time.Second, maxMiB: 256},
		{name: "deep.html", data: func() []byte { return []byte(deepHTML) }, maxTime: 5 * time.Second, maxMiB: 512},
		{name: "timeline.md", data: func() []byte { return []byte(table.String()) }, maxTime: 20 * time.Second, maxMiB: 2048},
		{name: "hostile.html", data: func() []byte { return []byte(hostileHTML) }, maxTime: time.Second, maxMiB: 8},
	}
}

// TestParseHostileBounded parses every hostile document and holds each to
// its time and allocation bound; each yields a record or an error naming
// the file.
func TestParseHostileBounded(t *testing.T) {
	p, err := NewParser(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range hostileCases() {
		t.Run(tc.name, func(t *testing.T) {
			if testing.Short() && tc.maxMiB > 64 {
				t.Skip("large input; skipped with -short")
			}
			data := tc.data()
			var rec Record
			var err error
			took, alloc := measure(func() { rec, err = p.Parse(tc.name, bytes.NewReader(data)) })
			t.Logf("%d bytes: %v, %d KiB allocated", len(data), took, alloc>>10)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !strings.Contains(err.Error(), tc.name) {
					t.Errorf("err = %v, want one naming %s and %q", err, tc.name, tc.wantErr)
				}
			} else if err != nil {
				t.Errorf("err = %v, want a best-effort record", err)
			} else if rec.ID == "" || rec.Body == "" {
				t.Errorf("empty record: id %q, %d bytes of body", rec.ID, len(rec.Body))
			}
			if len(rec.Timeline) > maxTimeline || len(rec.ActionItems) > maxActions {
				t.Errorf("unbounded record: %d timeline entries, %d action items", len(rec.Timeline), len(rec.ActionItems))
			}
			if took > tc.maxTime {
				t.Errorf("took %v, bound %v", took, tc.maxTime)
			}
			if alloc > tc.maxMiB<<20 {
				t.Errorf("allocated %d MiB, bound %d MiB", alloc>>20, tc.maxMiB)
			}
		})
	}
}

// TestWalkHostileCorpus puts every hostile document in one folder, with
// good documents around them, a symlink leaving the folder and a
// directory symlink loop, and walks and parses it as a corpus is: every
// entry yields a record or a "path: reason", and the good documents all
// come through.
func TestWalkHostileCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs; skipped with -short")
	}
	dir := t.TempDir()
	outside := t.TempDir()
	write := func(name string, b []byte) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	wantErr := map[string]string{}
	for _, tc := range hostileCases() {
		write("bad/"+tc.name, tc.data())
		if tc.wantErr != "" {
			wantErr["bad/"+tc.name] = tc.wantErr
		}
	}
	big, err := os.Create(filepath.Join(dir, "bad", "huge.md"))
	if err != nil {
		t.Fatal(err)
	}
	big.Truncate(50 << 20)
	big.Close()
	wantErr["bad/huge.md"] = "too large"
	for _, name := range []string{"a-good.md", "m/good.md", "z-good.md"} {
		write(name, []byte("# Good "+name+"\n\n## Root cause\n\nThe disk filled up.\n"))
	}
	if err := os.WriteFile(filepath.Join(outside, "secret.md"), []byte("# Secret\n\nnot in the corpus\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(dir, "bad", "escape.md")); err != nil {
		t.Skipf("symlinks unsupported: %v", err)
	}
	wantErr["bad/escape.md"] = "symlink"
	if err := os.Symlink("..", filepath.Join(dir, "m", "loop")); err != nil {
		t.Fatal(err)
	}
	wantErr["m/loop"] = "loop"

	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	p, err := NewParser(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{} // path -> "" (record) or the error
	start := time.Now()
	err = Walk(root.FS(), func(name string, werr error) error {
		if werr != nil {
			got[name] = werr.Error()
			return nil
		}
		if _, err := p.ParseFile(root.FS(), name); err != nil {
			got[name] = err.Error()
			return nil
		}
		got[name] = ""
		return nil
	})
	if err != nil {
		t.Fatalf("Walk stopped: %v", err)
	}
	t.Logf("walked and parsed %d entries in %v", len(got), time.Since(start))
	for name, want := range wantErr {
		msg, ok := got[name]
		if !ok {
			t.Errorf("%s: not reported", name)
		} else if !strings.Contains(msg, want) || !strings.Contains(msg, name) {
			t.Errorf("%s: %q, want a reason with %q naming the path", name, msg, want)
		}
	}
	for name, msg := range got {
		if _, bad := wantErr[name]; !bad && msg != "" {
			t.Errorf("%s: %s, want a record", name, msg)
		}
	}
	for _, name := range []string{"a-good.md", "m/good.md", "z-good.md"} {
		if msg, ok := got[name]; !ok || msg != "" {
			t.Errorf("good document %s: %q (present %v)", name, msg, ok)
		}
	}
	if len(got) != len(hostileCases())+2+3+1 {
		t.Errorf("%d entries reported, want %d: %v", len(got), len(hostileCases())+6, got)
	}
}

// FuzzFrontMatter feeds arbitrary text to the frontmatter splitter (YAML,
// TOML, JSON, unclosed and malformed blocks): it never panics, the body
// it returns is the end of the text (nothing invented, nothing moved),
// keys are lower-cased, and a note explains every dropped block.
func FuzzFrontMatter(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: x\n---\nbody", "---\ntitle: [unclosed\n---\n# T\n", "---\ntitle: x\ndate: 2020-01-02\n\n# H\n",
		"+++\ntitle = \"x\"\n+++\nbody", ";;;\n{\"title\": \"x\"}\n;;;\nbody", "{\"Title\": \"x\"}\nbody", "---json\n{}\n---\n",
		aliasBomb(), "---\na: &a [*a]\n---\n", "---\n" + strings.Repeat("k: v\n", 50) + "---\n", "\n\n  ---\n: :\n---\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		fm, body, note := splitFrontMatter(text)
		if !strings.HasSuffix(text, body) {
			t.Fatalf("body %q is not the end of the text %q", body, text)
		}
		for k := range fm {
			if k != strings.ToLower(strings.TrimSpace(k)) {
				t.Errorf("key %q not normalised", k)
			}
		}
		if fm == nil && body != text && note == "" && strings.TrimSpace(text[:len(text)-len(body)]) != "" {
			// A block was consumed without metadata: only an empty
			// block may be, silently.
			delims := map[string]bool{"": true, "---": true, "+++": true, ";;;": true, "---yaml": true, "---toml": true, "---json": true, "...": true}
			for _, line := range strings.Split(text[:len(text)-len(body)], "\n") {
				if !delims[strings.TrimSpace(line)] {
					t.Errorf("text %q dropped without a note", text[:len(text)-len(body)])
					break
				}
			}
		}
	})
}
