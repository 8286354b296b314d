package index

import (
	"time"

	bq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/hindsight-kb/hindsight/index/query"
)

// parsedQuery is what search, trends and the action list need from a
// query: its text part, which the index turns into a ranked query with
// boosts and synonyms, and its filters as one bleve query.
type parsedQuery struct {
	Words, Phrases, Excluded []string
	Filter                   bq.Query // nil when no filters
	// Relative is set when a date filter counts back from now (after:7d):
	// the same query then means something else tomorrow.
	Relative bool
}

// parseSearchQuery parses s with the query language, validating category
// names against the index's taxonomy. Relative dates count back from now,
// or from the current time when now is zero.
func (ix *Index) parseSearchQuery(s string, now time.Time) (*parsedQuery, error) {
	names := make([]string, 0, len(ix.tax.Categories))
	for _, c := range ix.tax.Categories {
		names = append(names, c.Name)
	}
	q, err := query.ParseQuery(s, query.QueryOptions{Now: now, Categories: names})
	if err != nil {
		return nil, err
	}
	return &parsedQuery{Words: q.Words, Phrases: q.Phrases, Excluded: q.Excluded, Filter: q.FilterQuery(), Relative: q.Relative()}, nil
}
