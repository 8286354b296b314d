package server

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"strings"
	"time"

	"github.com/hindsight-kb/hindsight/corpus"
	"github.com/hindsight-kb/hindsight/index"
	"github.com/labstack/echo/v5"
)

//go:embed openapi.json
var openAPIJSON []byte

// openAPIDocument is the embedded OpenAPI description with its server URL
// set to the API's path below basePath.
func openAPIDocument(basePath string) ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(openAPIJSON, &doc); err != nil {
		return nil, fmt.Errorf("openapi.json: %w", err)
	}
	doc["servers"] = []map[string]string{{"url": basePath + "/api/v1"}}
	return json.MarshalIndent(doc, "", "  ")
}

func (s *Server) openAPI(c *echo.Context) error {
	c.Response().Header().Set("Cache-Control", "no-cache")
	return c.Blob(http.StatusOK, "application/json", s.openapi)
}

// apiQueryError is the JSON error for a query the parser refused.
func apiQueryError(err error) error {
	if msg := queryErr(err); msg != "" {
		return newError(http.StatusBadRequest, "bad_query", "%s", msg)
	}
	return nil
}

func (s *Server) apiSearch(c *echo.Context) error {
	p, err := s.parseSearch(c, s.cfg.PageSize)
	if err != nil {
		return err
	}
	res, err := s.search(c.Request().Context(), p)
	if qe := apiQueryError(err); qe != nil {
		return qe
	}
	if err != nil {
		return errInternal(fmt.Errorf("search %q: %w", p.Q, err))
	}
	if res.Hits == nil {
		res.Hits = []index.Hit{}
	}
	return c.JSON(http.StatusOK, res)
}

func (s *Server) getRecord(c *echo.Context) (corpus.Record, error) {
	id, err := idParam(c)
	if err != nil {
		return corpus.Record{}, err
	}
	rec, err := s.ix.Get(c.Request().Context(), id)
	if errors.Is(err, index.ErrNotFound) {
		return rec, errNotFound(fmt.Sprintf("No incident with id %q.", truncate(id, 80)))
	}
	if err != nil {
		return rec, errInternal(fmt.Errorf("get %s: %w", id, err))
	}
	return rec, nil
}

func (s *Server) apiIncident(c *echo.Context) error {
	rec, err := s.getRecord(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, rec)
}

func (s *Server) apiSimilar(c *echo.Context) error {
	n, err := intParam(c, "n", 5, 1, 50)
	if err != nil {
		return err
	}
	rec, err := s.getRecord(c)
	if err != nil {
		return err
	}
	sim, err := s.ix.Similar(c.Request().Context(), rec.ID, n)
	if err != nil {
		return errInternal(fmt.Errorf("similar %s: %w", rec.ID, err))
	}
	if sim.Similar == nil {
		sim.Similar = []index.SimilarHit{}
	}
	return c.JSON(http.StatusOK, sim)
}

func (s *Server) apiTrends(c *echo.Context) error {
	p, err := s.parseTrends(c)
	if err != nil {
		return err
	}
	t, err := s.trends(c, p)
	if qe := apiQueryError(err); qe != nil {
		return qe
	}
	if err != nil {
		return errInternal(fmt.Errorf("trends %q: %w", p.Q, err))
	}
	return c.JSON(http.StatusOK, t)
}

func (s *Server) apiCategories(c *echo.Context) error {
	cats, err := s.ix.Categories(c.Request().Context())
	if err != nil {
		return errInternal(fmt.Errorf("categories: %w", err))
	}
	if cats == nil {
		cats = []index.CategoryCount{}
	}
	return c.JSON(http.StatusOK, map[string]any{"categories": cats})
}

func (s *Server) apiActions(c *echo.Context) error {
	q, _, open, pg, size, err := s.actionsParams(c)
	if err != nil {
		return err
	}
	res, err := s.ix.Actions(c.Request().Context(), index.ActionsRequest{Query: q, Open: open, Page: pg, PageSize: size, Now: s.now()})
	if qe := apiQueryError(err); qe != nil {
		return qe
	}
	if err != nil {
		return errInternal(fmt.Errorf("actions %q: %w", q, err))
	}
	return c.JSON(http.StatusOK, res)
}

// authorized compares the bearer token in constant time (over hashes, so
// the length does not leak either).
func (s *Server) authorized(r *http.Request) bool {
	h := r.Header.Get("Authorization")
	const prefix = "Bearer "
	if len(h) <= len(prefix) || !strings.EqualFold(h[:len(prefix)], prefix) {
		return false
	}
	got := sha256.Sum256([]byte(strings.TrimSpace(h[len(prefix):])))
	want := sha256.Sum256([]byte(s.cfg.WriteToken))
	return subtle.ConstantTimeCompare(got[:], want[:]) == 1
}

// extFor picks the file extension of a POSTed document from its
// Content-Type (and so the parser's format hint).
func extFor(contentType string) (string, error) {
	if contentType == "" {
		return ".md", nil
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return "", newError(http.StatusUnsupportedMediaType, "unsupported_media_type", "Content-Type %q cannot be read.", truncate(contentType, 60))
	}
	switch mt {
	case "text/markdown", "text/x-markdown", "application/octet-stream":
		return ".md", nil
	case "text/plain":
		return ".txt", nil
	case "text/html", "application/xhtml+xml":
		return ".html", nil
	}
	return "", newError(http.StatusUnsupportedMediaType, "unsupported_media_type",
		"Content-Type %q is not a postmortem format; send text/markdown, text/plain or text/html.", mt)
}

// apiPost accepts a postmortem document, writes it into the corpus folder
// under a name made from its date and title, and indexes it: 201 and the
// parsed record. A document already indexed (the same bytes) is not
// written again: 200 and the existing record.
func (s *Server) apiPost(c *echo.Context) error {
	if s.cfg.WriteToken == "" || s.w == nil {
		return newError(http.StatusForbidden, "writes_disabled", "The write API is disabled: start the server with --write-token (or HINDSIGHT_WRITE_TOKEN) and a --corpus folder.")
	}
	if !s.authorized(c.Request()) {
		c.Response().Header().Set("WWW-Authenticate", `Bearer realm="hindsight"`)
		return newError(http.StatusUnauthorized, "unauthorized", "A valid 'Authorization: Bearer <token>' header is required.")
	}
	ext, err := extFor(c.Request().Header.Get("Content-Type"))
	if err != nil {
		return err
	}
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		if echo.StatusCode(err) == http.StatusRequestEntityTooLarge {
			return errTooLarge(s.cfg.MaxBodyBytes)
		}
		return newError(http.StatusBadRequest, "bad_body", "The request body could not be read.")
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return newError(http.StatusBadRequest, "empty_document", "The request body is empty; send a postmortem document.")
	}
	ctx := c.Request().Context()
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	// The same document again (a retried request, a script run twice)
	// is the incident already indexed, not a second copy.
	if id, err := s.w.FindByHash(ctx, corpus.HashContent(body)); err == nil {
		if old, err := s.ix.Get(ctx, id); err == nil {
			c.Response().Header().Set("Location", s.ui.URL("/api/v1/incidents/"+old.ID))
			return c.JSON(http.StatusOK, old)
		}
	}
	draft, err := s.parser.Parse(path.Join(postedDir, "incoming"+ext), bytes.NewReader(body))
	if err != nil {
		return newError(http.StatusUnprocessableEntity, "unparsable_document", "%s", err.Error())
	}
	name, err := s.postedName(ctx, draft, ext)
	if err != nil {
		return errInternal(err)
	}
	rec, err := s.parser.Parse(name, bytes.NewReader(body))
	if err != nil {
		return newError(http.StatusUnprocessableEntity, "unparsable_document", "%s", err.Error())
	}
	if old, err := s.ix.Get(ctx, rec.ID); err == nil {
		return newError(http.StatusConflict, "conflict", "An incident with id %q already exists (%s).", rec.ID, old.Source)
	}
	if err := s.writeCorpusFile(name, body); err != nil {
		return errInternal(err)
	}
	if err := s.w.Put(ctx, rec); err != nil {
		s.removeCorpusFile(name)
		return errInternal(fmt.Errorf("index %s: %w", name, err))
	}
	c.Response().Header().Set("Location", s.ui.URL("/api/v1/incidents/"+rec.ID))
	return c.JSON(http.StatusCreated, rec)
}

// postedDir is the corpus sub-folder POSTed documents go into.
const postedDir = "posted"

// maxPostedSlug bounds the title part of a posted document's file name.
const maxPostedSlug = 60

// postedName is a fresh, safe, readable file name for a POSTed document:
// posted/<date>-<title slug><ext>, e.g.
// posted/2024-11-02-cache-stampede-after-deploy.md, so that its id reads
// "posted-2024-11-02-cache-stampede-after-deploy". The date is the
// incident's, or today's when it has none; a name already taken in the
// corpus or the index gets -2, -3, ….
func (s *Server) postedName(ctx context.Context, draft corpus.Record, ext string) (string, error) {
	date := s.now().UTC().Format("2006-01-02")
	if d := draft.Date; len(d) >= 10 && isISODate(d[:10]) {
		date = d[:10]
	}
	slug := corpus.Slug(draft.Title)
	if draft.Title == "" || strings.HasPrefix(slug, "doc-") && len(slug) == 12 {
		slug = "incident"
	}
	if len(slug) > maxPostedSlug {
		slug = strings.TrimRight(slug[:maxPostedSlug], "-")
	}
	root, err := os.OpenRoot(s.cfg.CorpusDir)
	if err != nil {
		return "", fmt.Errorf("open corpus %s: %w", s.cfg.CorpusDir, err)
	}
	defer root.Close()
	base := date + "-" + slug
	for n := 1; n <= 100; n++ {
		stem := base
		if n > 1 {
			stem = fmt.Sprintf("%s-%d", base, n)
		}
		name := path.Join(postedDir, stem+ext)
		if _, err := root.Stat(name); err == nil || !errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if _, err := s.ix.Get(ctx, corpus.Slug(name)); err == nil {
			continue
		}
		return name, nil
	}
	var rnd [4]byte
	if _, err := rand.Read(rnd[:]); err != nil {
		return "", fmt.Errorf("random name: %w", err)
	}
	return path.Join(postedDir, base+"-"+hex.EncodeToString(rnd[:])+ext), nil
}

// isISODate reports whether s is a YYYY-MM-DD date.
func isISODate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// writeCorpusFile writes name (slash path) into the corpus folder through
// os.Root, so it cannot escape it; it writes a temporary file and renames
// it, so a watcher never sees half a document.
func (s *Server) writeCorpusFile(name string, data []byte) error {
	root, err := os.OpenRoot(s.cfg.CorpusDir)
	if err != nil {
		return fmt.Errorf("open corpus %s: %w", s.cfg.CorpusDir, err)
	}
	defer root.Close()
	if err := root.MkdirAll(path.Dir(name), 0o755); err != nil {
		return fmt.Errorf("create %s: %w", path.Dir(name), err)
	}
	tmp := path.Join(path.Dir(name), "."+path.Base(name)+".tmp")
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		root.Remove(tmp)
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		root.Remove(tmp)
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		root.Remove(tmp)
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := root.Rename(tmp, name); err != nil {
		root.Remove(tmp)
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

func (s *Server) removeCorpusFile(name string) {
	root, err := os.OpenRoot(s.cfg.CorpusDir)
	if err != nil {
		return
	}
	defer root.Close()
	if err := root.Remove(name); err != nil {
		s.log.Warn("remove posted document after failed indexing", "file", name, "error", err.Error())
	}
}
