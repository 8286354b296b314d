package server

import (
	"bytes"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/hindsight-kb/hindsight/corpus"
	"github.com/labstack/echo/v5"
	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// maxRenderBytes bounds the documents rendered as rich HTML; larger ones
// are shown as text.
const maxRenderBytes = 1 << 20

// maxSourceBytes bounds what /incidents/{id}/source serves.
const maxSourceBytes = 10 << 20

// docRenderer turns an original document into safe HTML: Markdown through
// goldmark with raw HTML off, HTML through an allow-list sanitiser, and
// everything (Markdown output too) through the sanitiser again.
type docRenderer struct {
	md     goldmark.Markdown
	policy *bluemonday.Policy
}

func newDocRenderer() *docRenderer {
	p := bluemonday.UGCPolicy()
	// Relative links in an original point into the wiki or repository it
	// came from, not into Hindsight: keep their text, drop the address.
	p.AllowRelativeURLs(false)
	p.RequireNoReferrerOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(false)
	return &docRenderer{
		// No html.WithUnsafe: raw HTML in Markdown is dropped, and
		// javascript:/vbscript:/data: link destinations are not emitted.
		md:     goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList)),
		policy: p,
	}
}

// render returns the safe HTML of raw, a document of the given format.
func (d *docRenderer) render(format string, raw []byte) template.HTML {
	if len(raw) > maxRenderBytes {
		return preText(string(raw[:maxRenderBytes]) + "\n… (truncated)")
	}
	switch format {
	case corpus.FormatMarkdown:
		meta, body := splitFrontmatter(raw)
		if tooDeep(body) {
			// Deeply nested lists or quotes make Markdown rendering cost
			// seconds per view; such a document is shown as text.
			return preText(string(raw))
		}
		var buf bytes.Buffer
		if err := d.md.Convert(body, &buf); err != nil {
			return preText(string(raw))
		}
		out := d.policy.SanitizeBytes(buf.Bytes())
		if meta != "" {
			return preText(meta) + template.HTML(out)
		}
		return template.HTML(out)
	case corpus.FormatHTML:
		return template.HTML(d.policy.SanitizeBytes(raw))
	default:
		return preText(string(raw))
	}
}

// Nesting limits for rendering Markdown: beyond them a document is
// shown as text (no real postmortem nests this deep).
const (
	maxIndent     = 64 // columns of leading white space
	maxQuoteDepth = 16 // leading '>' markers
)

// tooDeep reports whether a Markdown body nests lists or quotes beyond the
// limits.
func tooDeep(b []byte) bool {
	for _, line := range bytes.Split(b, []byte("\n")) {
		indent, quotes := 0, 0
	scan:
		for _, c := range line {
			switch c {
			case ' ':
				indent++
			case '\t':
				indent += 4
			case '>':
				quotes++
			default:
				break scan
			}
		}
		if indent > maxIndent || quotes > maxQuoteDepth {
			return true
		}
	}
	return false
}

func preText(s string) template.HTML {
	return template.HTML(`<pre class="document-text">` + template.HTMLEscapeString(s) + `</pre>`)
}

// splitFrontmatter separates a leading YAML (---) or TOML (+++) block.
func splitFrontmatter(raw []byte) (meta string, body []byte) {
	s := string(bytes.TrimPrefix(raw, []byte("\ufeff")))
	for _, delim := range []string{"---", "+++"} {
		if !strings.HasPrefix(s, delim+"\n") && !strings.HasPrefix(s, delim+"\r\n") {
			continue
		}
		rest := s[len(delim):]
		end := strings.Index(rest, "\n"+delim)
		if end < 0 {
			return "", raw
		}
		after := rest[end+1+len(delim):]
		if nl := strings.IndexByte(after, '\n'); nl >= 0 {
			after = after[nl+1:]
		} else {
			after = ""
		}
		return strings.TrimSpace(rest[:end]), []byte(after)
	}
	return "", raw
}

// readDocument reads rec.Source from the configured corpus, bounded.
func (s *Server) readDocument(rec corpus.Record, limit int64) ([]byte, bool) {
	if s.cfg.Documents == nil || rec.Source == "" || !fs.ValidPath(rec.Source) {
		return nil, false
	}
	f, err := s.cfg.Documents.Open(rec.Source)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return nil, false
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, false
	}
	if int64(len(b)) > limit {
		b = b[:limit]
	}
	return b, true
}

// document renders the original of rec, or its stored text when the
// original cannot be read; it also returns the link to the source.
func (s *Server) document(rec corpus.Record) (template.HTML, string) {
	if u := safeURL(rec.Source); u != "" {
		// A source that is a web address links there.
		if raw, ok := s.readDocument(rec, maxRenderBytes+1); ok {
			return s.docs.render(rec.Format, raw), u
		}
		return preText(rec.Body), u
	}
	raw, ok := s.readDocument(rec, maxRenderBytes+1)
	if !ok {
		return preText(rec.Body), ""
	}
	return s.docs.render(rec.Format, raw), s.incidentURL(rec.ID) + "/source"
}

// incidentSource serves the original document as plain text, sandboxed.
func (s *Server) incidentSource(c *echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	rec, err := s.ix.Get(c.Request().Context(), id)
	if err != nil {
		return errNotFound("No incident with that id.")
	}
	raw, ok := s.readDocument(rec, maxSourceBytes)
	if !ok {
		return errNotFound("The original document is not available.")
	}
	h := c.Response().Header()
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	h.Set("Content-Disposition", "inline; filename*=UTF-8''"+url.PathEscape(path.Base(rec.Source)))
	h.Set("Cache-Control", "no-cache")
	return c.Blob(http.StatusOK, "text/plain; charset=utf-8", raw)
}

// safeURL returns s if it is an absolute http(s) URL, else "".
func safeURL(s string) string {
	s = strings.TrimSpace(s)
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}
