package corpus

import (
	"math"
	"slices"
	"strings"
)

// Explanation is how Classify scored one category from a document's
// text, for people writing or tuning a taxonomy.
type Explanation struct {
	Name  string  `json:"name"`
	Score float64 `json:"score"`
	// Evidence is the sentence that contributed most.
	Evidence string `json:"evidence"`
	// Rules are the rules that matched, highest contribution first.
	Rules []RuleMatch `json:"rules"`
}

// RuleMatch is one rule's contribution to a category's score.
type RuleMatch struct {
	Rule string `json:"rule"`
	// Sentences is the number of sentences it counted in.
	Sentences int `json:"sentences"`
	// Score is what it added, after part weights and repetition decay.
	Score float64 `json:"score"`
}

// Explain scores the document's text (not its declared categories) and
// returns every category with a positive score, highest first, with the
// rules that matched. Classify keeps those reaching the thresholds of
// Scoring.
func (t *Taxonomy) Explain(in ClassifyInput) []Explanation {
	m := t.compiled()
	st := newScoreState(m)
	st.explain = map[int]*RuleMatch{}
	st.scan(in.RootCause, m.sc.RootCause, m.sc.Lead)
	st.scan(in.Title, m.sc.Title, 0)
	st.scan(in.Headline, m.sc.Headline, 0)
	st.scan(in.Rest, m.sc.Rest, 0)
	st.finish()
	var out []Explanation
	for c, s := range st.score {
		if s <= 0 {
			continue
		}
		e := Explanation{Name: m.names[c], Score: math.Round(s*100) / 100, Evidence: st.evidence(st.ev[c])}
		for rid, rm := range st.explain {
			if m.rules[rid].cat == c {
				r := *rm
				r.Score = math.Round(r.Score*100) / 100
				e.Rules = append(e.Rules, r)
			}
		}
		slices.SortFunc(e.Rules, func(a, b RuleMatch) int {
			if a.Score != b.Score {
				if a.Score > b.Score {
					return -1
				}
				return 1
			}
			return strings.Compare(a.Rule, b.Rule)
		})
		out = append(out, e)
	}
	slices.SortStableFunc(out, func(a, b Explanation) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return 0
	})
	return out
}
