package main

import (
	"fmt"
	"io"

	"github.com/hindsight-kb/hindsight/corpus/classify"
)

// candidate is one setting of the feature templates and hyper-parameters
// the search tries.
type candidate struct {
	name     string
	features classify.Features
	params   classify.Params
}

// result is a candidate with its cross-validation report.
type result struct {
	cand   candidate
	report classify.Report
}

// candidates returns the settings the search tries, simplest first (ties
// go to the earlier): the rules' scores alone, then words, cues and
// negation, then the rules' cross-category scores, then word pairs or
// the words of the rest of the document; each under a few strengths of
// regularisation.
func candidates() []candidate {
	sets := []struct {
		name string
		f    classify.Features
	}{
		{"shared", classify.Features{Shared: true, Top: true}},
		{"shared+words", classify.Features{Shared: true, Top: true, Words: true, Cues: true, Negation: true}},
		{"shared+rules+words", classify.Features{Shared: true, Rules: true, Top: true, Words: true, Cues: true, Negation: true}},
		{"shared+rules+words+pairs", classify.Features{Shared: true, Rules: true, Top: true, Words: true, Pairs: true, Cues: true, Negation: true}},
		{"shared+rules+words+rest", classify.Features{Shared: true, Rules: true, Top: true, Words: true, Rest: true, Cues: true, Negation: true}},
	}
	var out []candidate
	for _, s := range sets {
		for _, reg := range []struct{ l2, l1 float64 }{{0.001, 0.0003}, {0.003, 0.0003}, {0.003, 0.001}} {
			p := classify.DefaultParams()
			p.L2, p.L1 = reg.l2, reg.l1
			out = append(out, candidate{
				name:     fmt.Sprintf("%s l2=%g l1=%g also=%g", s.name, p.L2, p.L1, p.Also),
				features: s.f,
				params:   p,
			})
		}
	}
	// The word templates, with other shares of the target for the other
	// defensible readings.
	last := sets[2]
	for _, also := range []float64{0, 0.4} {
		p := classify.DefaultParams()
		p.L2, p.L1, p.Also = 0.003, 0.0003, also
		out = append(out, candidate{name: fmt.Sprintf("%s l2=%g l1=%g also=%g", last.name, p.L2, p.L1, p.Also),
			features: last.f, params: p})
	}
	return out
}

// search cross-validates every candidate, leaving one organisation out at
// a time, and prints each one's strict and lenient accuracy.
func search(exs []classify.Example, classes []string, cands []candidate, w io.Writer) ([]result, error) {
	var out []result
	for _, c := range cands {
		r, err := classify.CrossValidate(exs, classes, c.features, c.params)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.name, err)
		}
		fmt.Fprintf(w, "%-55s strict %.3f  lenient %.3f\n", c.name, r.StrictRate(), r.LenientRate())
		out = append(out, result{c, r})
	}
	return out, nil
}

// bestIndex returns the result with the best strict accuracy, then the
// best lenient one; ties go to the earlier, simpler candidate.
func bestIndex(res []result) int {
	best := 0
	for i, r := range res {
		b := res[best].report
		if r.report.Strict > b.Strict || r.report.Strict == b.Strict && r.report.Lenient > b.Lenient {
			best = i
		}
	}
	return best
}
