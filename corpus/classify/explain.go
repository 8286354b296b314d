package classify

import (
	"math"
	"sort"
)

// Explanation is how the model scored one category for a document, for
// people reviewing the tagger.
type Explanation struct {
	Name        string  `json:"name"`
	Probability float64 `json:"probability"`
	// Evidence is the sentence that added most to the category's score.
	Evidence string `json:"evidence"`
	// Features are the features that moved the score most, largest
	// absolute contribution first (at most maxExplained).
	Features []Contribution `json:"features"`
}

// Contribution is what one feature added to a category's score.
type Contribution struct {
	Feature string  `json:"feature"`
	Value   float64 `json:"value"`
	Weight  float64 `json:"weight"`
	Score   float64 `json:"score"`
}

// maxExplained bounds Explanation.Features.
const maxExplained = 12

// Explain scores in and returns every category, most probable first,
// with its evidence sentence and the features that moved its score.
func (m *Model) Explain(in Input) []Explanation {
	d := extract(in, m.Features)
	p := softmax(m.scores(d))
	out := make([]Explanation, len(p))
	for c := range p {
		e := Explanation{Name: m.Classes[c], Probability: round(p[c], 4), Evidence: m.evidence(d, c)}
		for _, f := range d.feats {
			w := m.w[f.name]
			if w == nil || w[c] == 0 {
				continue
			}
			e.Features = append(e.Features, Contribution{Feature: f.name, Value: round(f.value, 3),
				Weight: w[c], Score: round(w[c]*f.value, 4)})
		}
		for _, f := range d.shared {
			if f.class == m.Classes[c] && m.Shared[f.name] != 0 {
				e.Features = append(e.Features, Contribution{Feature: f.name, Value: round(f.value, 3),
					Weight: m.Shared[f.name], Score: round(m.Shared[f.name]*f.value, 4)})
			}
		}
		sort.SliceStable(e.Features, func(i, j int) bool {
			return math.Abs(e.Features[i].Score) > math.Abs(e.Features[j].Score)
		})
		if len(e.Features) > maxExplained {
			e.Features = e.Features[:maxExplained]
		}
		out[c] = e
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Probability > out[j].Probability })
	return out
}

// sentenceScores returns, for class c, what each candidate sentence of d
// added to its score: a feature's contribution is shared equally among
// the sentences it occurs in.
func (m *Model) sentenceScores(d doc, c int) []float64 {
	s := make([]float64, len(d.sents))
	for _, f := range d.feats {
		w := m.w[f.name]
		if w == nil || w[c] == 0 || len(f.sents) == 0 {
			continue
		}
		share := w[c] * f.value / float64(len(f.sents))
		for _, i := range f.sents {
			s[i] += share
		}
	}
	for _, f := range d.shared {
		if f.class == m.Classes[c] {
			s[f.sent] += m.Shared[f.name] * f.value
		}
	}
	return s
}

// evidence returns the sentence of d that added most to class c's score,
// or "" when no sentence added anything.
func (m *Model) evidence(d doc, c int) string {
	best, at := 0.0, -1
	for i, v := range m.sentenceScores(d, c) {
		if v > best && d.sents[i] != "" {
			best, at = v, i
		}
	}
	if at < 0 {
		return ""
	}
	return d.sents[at]
}

// round rounds x to the given number of decimals.
func round(x float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(x*p) / p
}
