package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/hindsight-kb/hindsight/corpus"
	"github.com/hindsight-kb/hindsight/index"
)

// serverRecord is what a running `hindsight serve` writes beside its
// index (serverFile), so that the other commands, which cannot open an
// index it holds, ask it instead. The file is readable by its owner only:
// the token lets `hindsight index` ask the server to re-sync.
type serverRecord struct {
	// URL is the site root on a loopback address, e.g.
	// http://127.0.0.1:8080/ (with the base path, if any).
	URL string `json:"url"`
	PID int    `json:"pid"`
	// Corpus is the corpus folder served, "" for the bundled samples.
	Corpus    string `json:"corpus"`
	SyncToken string `json:"sync_token"`
}

// serverFile is where the server serving the index in indexDir records
// itself: beside the index folder, not in it.
func serverFile(indexDir string) string {
	return filepath.Clean(indexDir) + ".server.json"
}

// writeServerRecord writes rec for indexDir, readable by its owner only.
func writeServerRecord(indexDir string, rec serverRecord) error {
	b, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return err
	}
	path := serverFile(indexDir)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return fmt.Errorf("record server address: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("record server address: %w", err)
	}
	return nil
}

// removeServerRecord removes the record of indexDir if it is still the
// one with this token (a newer server may have replaced it).
func removeServerRecord(indexDir, token string) {
	rec, err := readServerRecord(indexDir)
	if err == nil && rec.SyncToken == token {
		os.Remove(serverFile(indexDir))
	}
}

func readServerRecord(indexDir string) (serverRecord, error) {
	var rec serverRecord
	b, err := os.ReadFile(serverFile(indexDir))
	if err != nil {
		return rec, err
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		return rec, fmt.Errorf("%s: %w", serverFile(indexDir), err)
	}
	if _, err := url.Parse(rec.URL); err != nil || !strings.HasPrefix(rec.URL, "http://") {
		return rec, fmt.Errorf("%s: bad url %q", serverFile(indexDir), rec.URL)
	}
	return rec, nil
}

// readyWait bounds how long a command waits for a server still building
// its index.
const readyWait = 2 * time.Minute

// dialServer returns a client of the server recorded for indexDir, or
// nil when none is recorded or it does not answer (a record left by a
// server that was killed). With waitReady it waits until the server's
// index is searchable.
func dialServer(ctx context.Context, env *cliEnv, indexDir string, waitReady bool) (*remoteReader, error) {
	rec, err := readServerRecord(indexDir)
	if err != nil {
		return nil, nil
	}
	r := &remoteReader{rec: rec, client: &http.Client{Timeout: 60 * time.Second}}
	deadline := time.Now().Add(readyWait)
	told := false
	for {
		status, err := r.probe(ctx)
		if err != nil {
			return nil, nil // not running: work on the index directly
		}
		if status == http.StatusOK || !waitReady {
			return r, nil
		}
		if status != http.StatusServiceUnavailable {
			return nil, fmt.Errorf("server at %s: /readyz answered %d", rec.URL, status)
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("server at %s: index still not ready after %v", rec.URL, readyWait)
		}
		if !told {
			fmt.Fprintf(env.stderr, "hindsight: waiting for the server at %s to finish indexing…\n", rec.URL)
			told = true
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// probe asks /readyz.
func (r *remoteReader) probe(ctx context.Context) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.rec.URL+"readyz", nil)
	if err != nil {
		return 0, err
	}
	resp, err := r.client.Do(req)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}

// remoteReader answers the read commands through a running server's
// JSON API.
type remoteReader struct {
	rec    serverRecord
	client *http.Client
}

// apiError is an error answer of the server's API.
type apiError struct {
	status int
	code   string
	msg    string
}

func (e *apiError) Error() string { return e.msg }

// Is makes a 404 an index.ErrNotFound, as the index itself would answer.
func (e *apiError) Is(target error) bool {
	return target == index.ErrNotFound && e.status == http.StatusNotFound
}

// isBadRequest reports an error the server put down to the request (a bad
// query or parameter): a usage error, as the index would report it.
func isBadRequest(err error) bool {
	var ae *apiError
	return errors.As(err, &ae) && ae.status == http.StatusBadRequest
}

// call sends one request to the API and decodes a 200 answer into out.
// A 429 is retried after the time the server asks for.
func (r *remoteReader) call(ctx context.Context, method, path string, q url.Values, header http.Header, out any) error {
	u := r.rec.URL + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	for attempt := 0; ; attempt++ {
		req, err := http.NewRequestWithContext(ctx, method, u, nil)
		if err != nil {
			return err
		}
		for k, v := range header {
			req.Header[k] = v
		}
		req.Header.Set("Accept", "application/json")
		resp, err := r.client.Do(req)
		if err != nil {
			return fmt.Errorf("server at %s: %w", r.rec.URL, err)
		}
		body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
		resp.Body.Close()
		if err != nil {
			return fmt.Errorf("server at %s: %w", r.rec.URL, err)
		}
		if resp.StatusCode == http.StatusTooManyRequests && attempt < 5 {
			wait := time.Second
			if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s > 0 && s < 5 {
				wait = time.Duration(s) * time.Second
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(wait):
			}
			continue
		}
		if resp.StatusCode != http.StatusOK {
			var eb struct {
				Error struct{ Code, Message string }
			}
			if json.Unmarshal(body, &eb) != nil || eb.Error.Message == "" {
				eb.Error.Message = fmt.Sprintf("server at %s answered %s", r.rec.URL, resp.Status)
			}
			return &apiError{status: resp.StatusCode, code: eb.Error.Code, msg: eb.Error.Message}
		}
		if err := json.Unmarshal(body, out); err != nil {
			return fmt.Errorf("server at %s: %s: %w", r.rec.URL, path, err)
		}
		return nil
	}
}

func (r *remoteReader) Search(ctx context.Context, req index.Request) (*index.Result, error) {
	q := url.Values{"q": {req.Query}, "page": {strconv.Itoa(max(1, req.Page))}, "size": {strconv.Itoa(min(max(1, req.PageSize), 100))}}
	if req.Sort != "" {
		q.Set("sort", req.Sort)
	}
	var res index.Result
	return &res, r.call(ctx, http.MethodGet, "api/v1/search", q, nil, &res)
}

// remoteKey is what to ask the server for: a path becomes its file name,
// which the server resolves like the index would.
func remoteKey(key string) string {
	if strings.ContainsAny(key, `/\`) {
		key = filepath.Base(filepath.FromSlash(strings.ReplaceAll(key, `\`, "/")))
	}
	return key
}

func (r *remoteReader) Show(ctx context.Context, key string) (corpus.Record, error) {
	var rec corpus.Record
	err := r.call(ctx, http.MethodGet, "api/v1/incidents/"+url.PathEscape(remoteKey(key)), nil, nil, &rec)
	return rec, err
}

func (r *remoteReader) Similar(ctx context.Context, key string, n int) (*index.SimilarResult, error) {
	var res index.SimilarResult
	err := r.call(ctx, http.MethodGet, "api/v1/incidents/"+url.PathEscape(remoteKey(key))+"/similar",
		url.Values{"n": {strconv.Itoa(min(max(1, n), 50))}}, nil, &res)
	if fi, serr := os.Stat(key); errors.Is(err, index.ErrNotFound) && serr == nil && !fi.IsDir() {
		return nil, &apiError{status: http.StatusNotFound, msg: fmt.Sprintf(
			"%s is not in the corpus the server at %s serves: add it to the corpus, or stop the server to compare a file outside it", key, r.rec.URL)}
	}
	return &res, err
}

func (r *remoteReader) Trends(ctx context.Context, req index.TrendsRequest) (*index.Trends, error) {
	q := url.Values{"q": {req.Query}}
	if req.By != "" {
		q.Set("by", req.By)
	}
	if req.Interval != "" {
		q.Set("interval", req.Interval)
	}
	var t index.Trends
	return &t, r.call(ctx, http.MethodGet, "api/v1/trends", q, nil, &t)
}

// Sync asks the server to bring its index in step with its corpus.
func (r *remoteReader) Sync(ctx context.Context) (index.SyncStats, error) {
	var st index.SyncStats
	err := r.call(ctx, http.MethodPost, "api/v1/sync", nil, http.Header{"Authorization": {"Bearer " + r.rec.SyncToken}}, &st)
	return st, err
}

func (r *remoteReader) Close() error { return nil }
