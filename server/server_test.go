package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-kb/hindsight/corpus"
	"github.com/hindsight-kb/hindsight/index"
)

// testNow is the fixed "now" of the tests: relative dates stay stable.
var testNow = time.Date(2024, 12, 1, 12, 0, 0, 0, time.UTC)

const testToken = "test-write-token-0123456789"

// fixture is a server over a real in-memory index filled from the
// postmortems under testdata/corpus (copied, so POSTs cannot touch them).
type fixture struct {
	srv    *Server
	ix     *index.Index
	dir    string
	logs   *bytes.Buffer
	recs   map[string]corpus.Record // by file name
	byName map[string]string        // file name -> id
}

func copyCorpus(t testing.TB) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir("testdata/corpus", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, d.Name()), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func newFixture(t testing.TB, mutate func(*Config)) *fixture {
	t.Helper()
	dir := copyCorpus(t)
	ix, err := index.OpenMemory(index.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	f := &fixture{ix: ix, dir: dir, logs: &bytes.Buffer{}, recs: map[string]corpus.Record{}, byName: map[string]string{}}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var recs []corpus.Record
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		rec, err := corpus.Parse(e.Name(), bytes.NewReader(b))
		if err != nil {
			t.Fatalf("fixture %s: %v", e.Name(), err)
		}
		recs = append(recs, rec)
		f.recs[e.Name()] = rec
		f.byName[e.Name()] = rec.ID
	}
	if err := ix.Put(context.Background(), recs...); err != nil {
		t.Fatal(err)
	}
	cfg := DefaultConfig()
	cfg.Documents = os.DirFS(dir)
	cfg.Now = func() time.Time { return testNow }
	cfg.Logger = slog.New(slog.NewTextHandler(f.logs, nil))
	cfg.RateLimit = 0
	if mutate != nil {
		mutate(&cfg)
	}
	if cfg.WriteToken != "" && cfg.CorpusDir == "" {
		cfg.CorpusDir = dir
	}
	srv, err := New(cfg, ix, ix)
	if err != nil {
		t.Fatal(err)
	}
	srv.SetReady(true)
	f.srv = srv
	return f
}

func (f *fixture) id(t testing.TB, file string) string {
	t.Helper()
	id, ok := f.byName[file]
	if !ok {
		t.Fatalf("no fixture %s", file)
	}
	return id
}

type req struct {
	method, path, body string
	header             map[string]string
	remote             string
}

func (f *fixture) do(t testing.TB, r req) *httptest.ResponseRecorder {
	t.Helper()
	if r.method == "" {
		r.method = http.MethodGet
	}
	var body io.Reader
	if r.body != "" {
		body = strings.NewReader(r.body)
	}
	hr := httptest.NewRequest(r.method, r.path, body)
	for k, v := range r.header {
		hr.Header.Set(k, v)
		if k == "Host" {
			hr.Host = v
		}
	}
	if r.remote != "" {
		hr.RemoteAddr = r.remote
	}
	w := httptest.NewRecorder()
	f.srv.Handler().ServeHTTP(w, hr)
	return w
}

func (f *fixture) get(t testing.TB, path string) *httptest.ResponseRecorder {
	t.Helper()
	return f.do(t, req{path: path})
}

// jsonErr decodes the JSON error shape.
func jsonErr(t testing.TB, w *httptest.ResponseRecorder) (code, msg string) {
	t.Helper()
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("error content type %q, body %s", ct, w.Body)
	}
	var b errorBody
	if err := json.Unmarshal(w.Body.Bytes(), &b); err != nil {
		t.Fatalf("error body %q: %v", w.Body, err)
	}
	if b.Error.Code == "" || b.Error.Message == "" {
		t.Fatalf("error body lacks code or message: %s", w.Body)
	}
	return b.Error.Code, b.Error.Message
}
