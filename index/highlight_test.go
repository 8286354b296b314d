package index

import (
	"context"
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

// TestHonestSnippets checks that synonyms and phrases are marked as the
// phrases they are, numbers only as status codes, and that fragments are
// never headings, time stamps or repeats.
func TestHonestSnippets(t *testing.T) {
	ix := textAnalyzer(t)
	tests := []struct {
		name, query, text string
		want              string // "" = no fragment
	}{
		{"5xx not a count", "5xx", "The pool was raised to 500 connections.", ""},
		{"5xx not a price", "5xx", "The upgrade cost £500 per month.", ""},
		{"5xx as a status", "5xx", "The API returned 502 to most callers.", "The API returned <mark>502</mark> to most callers."},
		{"5xx as a phrase", "5xx", "Clients saw HTTP 500 for ten minutes.", "Clients saw <mark>HTTP 500</mark> for ten minutes."},
		{"oom never marks out", "oom", "The emails went out late.", ""},
		{"oom as the phrase", "oom", "The pod ran out of memory at noon.", "The pod <mark>ran out of memory</mark> at noon."},
		{"oom as written", "oom", "Pods were OOMKilled twice.", "Pods were <mark>OOMKilled</mark> twice."},
		{"x509 not tl;dr", "x509", "TL;DR: the certification exam moved.", ""},
		{"x509 as tls", "x509", "An expired TLS certificate broke login.", "An expired <mark>TLS</mark> <mark>certificate</mark> broke login."},
		{"typed words by stem", "expired certificates", "The certificate had expired.", "The <mark>certificate</mark> had <mark>expired</mark>."},
		{"synonym phrase as one", "expired certificates", "The cert expired on Sunday.", "The <mark>cert expired</mark> on Sunday."},
		{"typed phrase", `"connection pool"`, "The connection pools filled; a pool of connection slots.",
			"The <mark>connection pools</mark> filled; a pool of connection slots."},
		{"quoted word", `"failover"`, "The failover took long.", "The <mark>failover</mark> took long."},
		{"not across lines", "oom", "It ran out\nof memory later.", ""},
		{"headings and times skipped", "database", "Summary\nDatabase\nTimeline\n14:02 UTC database\nThe database failed over at noon.",
			"The <mark>database</mark> failed over at noon."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pq, err := ix.parseSearchQuery(tt.query, time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if m := ix.queryMarker(pq); m != nil {
				got = m.fragment(tt.text)
			}
			if got != tt.want {
				t.Errorf("fragment\n got %q\nwant %q", got, tt.want)
			}
		})
	}
	t.Run("no repeated fragment", func(t *testing.T) {
		pq, _ := ix.parseSearchQuery("failover", time.Time{})
		s := "The primary failover took ten minutes."
		fr := ix.queryMarker(pq).fragments([][2]string{{fSummary, s}, {fBody, "Title\n" + s + "\nMore text follows here."}})
		if len(fr) != 1 || len(fr[fSummary]) != 1 {
			t.Errorf("fragments %v, want the summary's only", fr)
		}
	})
}

// TestEveryHitSaysWhy checks that a hit without a fragment says what
// matched.
func TestEveryHitSaysWhy(t *testing.T) {
	ix, _ := memIndex(t)
	for _, q := range []string{"memory exhaustion", "certificate", "misconfiguration", "deployment broke the service", "5xx", "oom"} {
		res, err := ix.Search(context.Background(), Request{Query: q, PageSize: 50})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			if len(h.Fragments) == 0 && h.Matched == "" {
				t.Errorf("%q: hit %s shows neither a fragment nor what matched", q, h.ID)
			}
			if len(h.Fragments) > 0 && h.Matched != "" {
				t.Errorf("%q: hit %s has fragments and a reason %q", q, h.ID, h.Matched)
			}
		}
	}
}
