package server

import (
	"strings"
	"testing"

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
