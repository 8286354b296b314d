package index

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/hindsight-kb/hindsight/corpus"
)

func TestCauseLevels(t *testing.T) {
	tests := []struct {
		conf float64
		want int
	}{
		{0, 1}, {0.04, 1}, {0.15, 2}, {0.44, 4}, {0.76, 8}, {0.99, 10}, {1, 10}, {3, 10}, {-1, 1}, {math.NaN(), 1},
	}
	for _, tc := range tests {
		if got := causeLevels(tc.conf); got != tc.want {
			t.Errorf("causeLevels(%v) = %d, want %d", tc.conf, got, tc.want)
		}
	}
	terms := causeLevelTerms([]corpus.Category{{Name: "dns", Confidence: 0.3}, {Name: "network", Confidence: 0.1}, {Name: "dns", Confidence: 0.9}, {Name: ""}})
	if want := []string{"dns|1", "dns|2", "dns|3", "network|1"}; !slices.Equal(terms, want) {
		t.Errorf("causeLevelTerms = %v, want %v", terms, want)
	}
}

func TestSearchCauseConfidenceOrders(t *testing.T) {
	// Three incidents with the same words; the query names a cause. The
	// one whose tag is most confident comes first, a contributing cause
	// of some weight before a weak primary one, and an incident without
	// the cause last. Ids run against that order, so a tie would lose.
	rec := func(id string, cats ...corpus.Category) corpus.Record {
		return corpus.Record{
			ID: id, Source: id + ".md", Title: "Checkout errors", Date: "2024-05-01",
			RootCause: "The checkout service failed.", Body: "Checkout errors\nThe checkout service failed.",
			Categories: cats,
		}
	}
	ix := memIndexOf(t,
		rec("a-none", corpus.Category{Name: "deploy", Confidence: 0.9}),
		rec("b-weak", corpus.Category{Name: "dns", Confidence: 0.35}, corpus.Category{Name: "network", Confidence: 0.3}),
		rec("c-contributing", corpus.Category{Name: "deploy", Confidence: 0.5}, corpus.Category{Name: "dns", Confidence: 0.48}),
		rec("d-strong", corpus.Category{Name: "dns", Confidence: 0.85}),
	)
	res, err := ix.Search(context.Background(), Request{Query: "dns checkout"})
	if err != nil {
		t.Fatal(err)
	}
	if ids, want := hitIDs(res), []string{"d-strong", "c-contributing", "b-weak", "a-none"}; !slices.Equal(ids, want) {
		t.Errorf("hits %v, want %v", ids, want)
	}
}
