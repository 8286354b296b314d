package index

import (
	"math"
	"strconv"

	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/hindsight-kb/hindsight/corpus"
)

// Cause levels: a soft match on the tagger's confidence.
//
// Out of sample the tagger's primary cause is right on fewer than half of
// a new organisation's incidents, but the right cause is far more often
// among its tags, and the confidence it gives a cause still orders
// incidents well. So besides "is the primary cause" and "is a cause",
// ranking asks how strongly: every cause of an incident is indexed as
// one term per tenth of its confidence ("dns|1" … "dns|7" for 0.7), and a
// query for a cause is a disjunction of its ten level terms, so that an
// incident scores more the more levels it reaches. Ranked by the tags
// alone, this ordered incidents better than primary-then-any on both
// out-of-sample proxies (RELEVANCE.md).

// causeLevelMax is the number of levels: tenths.
const causeLevelMax = 10

// causeLevels is how many levels a cause of confidence conf reaches: its
// confidence in tenths, rounded, and at least one, so that every tagged
// cause matches.
func causeLevels(conf float64) int {
	if math.IsNaN(conf) {
		return 1
	}
	return min(causeLevelMax, max(1, int(math.Round(conf*causeLevelMax))))
}

// causeLevelTerm is the term of level k of category cat.
func causeLevelTerm(cat string, k int) string {
	return cat + "|" + strconv.Itoa(k)
}

// causeLevelTerms returns the cause_level terms of an incident's causes.
func causeLevelTerms(cats []corpus.Category) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range cats {
		if c.Name == "" || seen[c.Name] {
			continue
		}
		seen[c.Name] = true
		for k := 1; k <= causeLevels(c.Confidence); k++ {
			out = append(out, causeLevelTerm(c.Name, k))
		}
	}
	return out
}

// causeLevelQuery matches incidents with cat among their causes and
// scores them by the levels they reach, each level boosted by boost.
func causeLevelQuery(cat string, boost float64) query.Query {
	dis := make([]query.Query, 0, causeLevelMax)
	for k := 1; k <= causeLevelMax; k++ {
		tq := query.NewTermQuery(causeLevelTerm(cat, k))
		tq.SetField(fCauseLevel)
		tq.SetBoost(boost)
		dis = append(dis, tq)
	}
	return query.NewDisjunctionQuery(dis)
}
