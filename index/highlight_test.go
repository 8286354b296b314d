package index

import (
	"html"
	"strings"
	"testing"
	"time"
)

// textAnalyzer returns the index's English analyzer.
func textAnalyzer(t testing.TB) *Index {
	t.Helper()
	ix, err := OpenMemory(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func TestMarkerFragment(t *testing.T) {
	ix := textAnalyzer(t)
	long := strings.Repeat("filler words without interest ", 20)
	tests := []struct {
		name, query, text string
		want              string // "" = no fragment
	}{
		{"stemmed forms", "expired certificates", "The Certificate had expired on Sunday.",
			"The <mark>Certificate</mark> had <mark>expired</mark> on Sunday."},
		{"escaped around marks", "timeout", `<script>alert(1)</script> a "timeout" & more`,
			`&lt;script&gt;alert(1)&lt;/script&gt; a &#34;<mark>timeout</mark>&#34; &amp; more`},
		{"joined words stay whole", "example.com", "DNS for example.com failed; example is fine",
			"DNS for <mark>example.com</mark> failed; example is fine"},
		{"possessive", "team", "the team's pager", "the <mark>team&#39;s</mark> pager"},
		{"no match", "kafka", "nothing about queues here", ""},
		{"stop words are not marked", "the outage", "the outage", "the <mark>outage</mark>"},
		{"non-ASCII", "café", "Le Café est fermé", "Le <mark>Café</mark> est fermé"},
		{"cut with ellipses", "resolver", long + "the resolver cache went stale " + long,
			"…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pq, err := ix.parseSearchQuery(tt.query, time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			m := newMarker(ix.analyzer, analyze(ix.analyzer, strings.Join(pq.Words, " ")))
			got := ""
			if m != nil {
				got = m.fragment(tt.text)
			}
			if tt.want == "…" {
				if !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") || !strings.Contains(got, "<mark>resolver</mark>") {
					t.Fatalf("fragment %q: want the match inside a cut window", got)
				}
				if n := len(strings.Trim(got, "…")); n > fragmentBytes+len("<mark></mark>") {
					t.Errorf("fragment of %d bytes, want about %d", n, fragmentBytes)
				}
				return
			}
			if got != tt.want {
				t.Errorf("fragment\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestMarkerPicksTheDensestWindow checks that the fragment is where most
// distinct terms are, not the first match.
func TestMarkerPicksTheDensestWindow(t *testing.T) {
	ix := textAnalyzer(t)
	m := newMarker(ix.analyzer, analyze(ix.analyzer, "database failover"))
	text := "A database note. " + strings.Repeat("Unrelated text goes on here. ", 15) +
		"The database failover took ten minutes. " + strings.Repeat("More unrelated text. ", 15)
	got := m.fragment(text)
	if !strings.Contains(got, "<mark>database</mark> <mark>failover</mark>") {
		t.Errorf("fragment %q does not hold the passage with both terms", got)
	}
}

// FuzzMarkerFragment checks that a fragment is always a piece of the
// text, escaped, with only <mark> markup added.
func FuzzMarkerFragment(f *testing.F) {
	ix := textAnalyzer(f)
	for _, s := range []string{"the certificate expired", "<b>timeout</b> & 'x'", "a.b.c timeout.", "ümlaut tïmeout", "\xff\xfe timeout"} {
		f.Add(s)
	}
	m := newMarker(ix.analyzer, analyze(ix.analyzer, "timeout certificate expired ümlaut"))
	f.Fuzz(func(t *testing.T, text string) {
		got := m.fragment(text)
		if got == "" {
			return
		}
		if strings.Count(got, "<mark>") != strings.Count(got, "</mark>") || !strings.Contains(got, "<mark>") {
			t.Fatalf("unbalanced or missing marks: %q", got)
		}
		rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(got)
		if strings.ContainsAny(rest, "<>") {
			t.Fatalf("markup besides mark: %q", got)
		}
		plain := html.UnescapeString(strings.Trim(rest, "…"))
		if !strings.Contains(text, plain) {
			t.Fatalf("fragment %q is not a piece of the text %q", plain, text)
		}
	})
}
