package analysis

import (
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
)

// testAnalyzer is the index's text analyzer without its stop list: the
// word tokenizer, possessives, lower case and the remembering stemmer.
func testAnalyzer(t testing.TB) analysis.Analyzer {
	t.Helper()
	im := bleve.NewIndexMapping()
	if err := im.AddCustomAnalyzer("text", map[string]any{
		"type":          custom.Name,
		"tokenizer":     TokenizerName,
		"token_filters": []any{en.PossessiveName, lowercase.Name, StemmerName},
	}); err != nil {
		t.Fatal(err)
	}
	a := im.AnalyzerNamed("text")
	if a == nil {
		t.Fatal("no analyzer")
	}
	return a
}

// sampleTexts are postmortem-like paragraphs written for these tests.
var sampleTexts = []string{
	"Summary: between 09:14 and 10:02 UTC the primary PostgreSQL database ran out of connections. " +
		"The api-gateway returned HTTP 502s for 1,250 requests; checkout.example.com was unavailable.",
	"Root cause. A deploy (v2.3.1) doubled the connection pool per pod, and the autoscaler's " +
		"scale-out to 40 pods exhausted max_connections. We rolled back at 09:48.",
	"Timeline\n- 09:14 alert: p99 latency > 2s\n- 09:20 on-call paged\n- 09:48 rollback\n- 10:02 resolved",
	"Action items: cap pool size; add a canary step; alert on connection saturation (owner: @dana).",
	"Le résolveur DNS a expiré — naïve café entries, 東京 region, Ünïcödé and emoji 🚀 in the logs.",
}
