package server

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-kb/hindsight/corpus"
)

// FuzzRenderDocument feeds arbitrary documents through the renderer of
// originals in every format: the HTML that comes out never holds script,
// event handlers, javascript: URLs, styles or frames.
func FuzzRenderDocument(f *testing.F) {
	for _, seed := range []string{
		"# Title\n\nText with <script>alert(1)</script> and [x](javascript:alert(1)).",
		"---\ntitle: t\n---\n<img src=x onerror=alert(1)>",
		"<html><body onload=alert(1)><a href=' javascript:alert(1)'>x</a><style>p{}</style></body></html>",
		"+++\ntitle = 'x'\n+++\n| a | b |\n|---|---|\n| <iframe> | ![i](javascript:x) |",
		"<svg><script>alert(1)</script></svg><math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
		"[a](JaVaScRiPt&#58;alert(1)) <a href=\"&#106;avascript:alert(1)\">b</a>",
	} {
		f.Add(seed)
	}
	d := newDocRenderer()
	f.Fuzz(func(t *testing.T, doc string) {
		for _, format := range []string{corpus.FormatMarkdown, corpus.FormatHTML, corpus.FormatText} {
			out := string(d.render(format, []byte(doc)))
			if bad := unsafeMarkup(t, "<!doctype html><html><body><div>"+out+"</div></body></html>"); len(bad) > 0 {
				t.Fatalf("%s render of %q: %v\n%s", format, doc, bad, out)
			}
		}
	})
}

// FuzzSafeFragment checks that a search fragment can only ever contribute
// <mark> elements and text.
func FuzzSafeFragment(f *testing.F) {
	for _, seed := range []string{"a <mark>b</mark> c", "<mark><script>x</script></mark>", "<mark>", "&lt;b&gt; <mark>x</mark>", "<ma<mark>rk>"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, frag string) {
		out := string(safeFragment(frag))
		rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(out)
		if strings.ContainsAny(rest, "<>") {
			t.Fatalf("safeFragment(%q) = %q lets markup through", frag, out)
		}
	})
}

// FuzzSplitFrontmatter checks the frontmatter splitter never loses the
// body or panics.
func FuzzSplitFrontmatter(f *testing.F) {
	for _, seed := range []string{"---\na: b\n---\nbody", "+++\nx\n+++", "---\n", "---\r\na\r\n---\r\nb", "\ufeff---\nk: v\n---\n# T"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		meta, body := splitFrontmatter([]byte(doc))
		if len(meta)+len(body) > len(doc) {
			t.Fatalf("split of %q grew: meta %q body %q", doc, meta, body)
		}
	})
}

// FuzzRequests sends arbitrary parameters and ids to every read route:
// the answer is never a 5xx (bad input is the client's problem, and says
// so), and API errors are always the JSON error shape.
func FuzzRequests(f *testing.F) {
	fx := newFixture(f, nil)
	for _, seed := range [][4]string{
		{"dns", "1", "newest", "x"},
		{`"unclosed`, "0", "bogus", "../../etc/passwd"},
		{"category:nope after:2023-13 duration:>>1h", "99999999999999999999", "", "%00"},
		{strings.Repeat("(", 500), "-1", "longest", "\u202eevil"},
		{"service:a,b,,c -org:\"x\" has:nothing", "2", "relevance", ""},
	} {
		f.Add(seed[0], seed[1], seed[2], seed[3])
	}
	f.Fuzz(func(t *testing.T, q, pageNum, sort, id string) {
		v := url.Values{"q": {q}, "page": {pageNum}, "sort": {sort}, "interval": {sort}, "state": {sort}, "size": {pageNum}}
		enc := v.Encode()
		for _, p := range []string{
			"/search?" + enc, "/api/v1/search?" + enc, "/trends?" + enc, "/api/v1/trends?" + enc,
			"/actions?" + enc, "/api/v1/actions?" + enc, "/embed?" + enc, "/feed.atom?" + enc,
			"/incidents/" + url.PathEscape(id), "/api/v1/incidents/" + url.PathEscape(id) + "/similar?n=" + url.QueryEscape(pageNum),
		} {
			w := fx.get(t, p)
			if w.Code >= 500 {
				t.Fatalf("GET %q = %d: %.300s", p, w.Code, w.Body)
			}
			if strings.HasPrefix(p, "/api/") && w.Code >= 400 {
				jsonErr(t, w)
			}
		}
	})
}

func TestDeepMarkdownIsShownAsText(t *testing.T) {
	d := newDocRenderer()
	var b strings.Builder
	for i := 0; i < 900; i++ {
		b.WriteString(strings.Repeat("  ", i) + "- x\n")
	}
	for name, doc := range map[string]string{
		"nested lists":  b.String(),
		"nested quotes": strings.Repeat(">", 5000) + " x\n",
	} {
		start := time.Now()
		out := string(d.render(corpus.FormatMarkdown, []byte(doc)))
		if took := time.Since(start); took > 500*time.Millisecond {
			t.Errorf("%s: rendering took %v", name, took)
		}
		if !strings.HasPrefix(out, `<pre class="document-text">`) {
			t.Errorf("%s: not shown as text", name)
		}
	}
	if out := string(d.render(corpus.FormatMarkdown, []byte("- a\n  - b\n    - c\n> q\n>> qq\n"))); strings.HasPrefix(out, "<pre") {
		t.Error("ordinary nesting is shown as text")
	}
}
