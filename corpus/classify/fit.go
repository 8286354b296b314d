package classify

import (
	"errors"
	"fmt"
	"math"
	"sort"
)

// Example is one labelled document.
type Example struct {
	// Name identifies the document in reports (its path).
	Name  string
	Input Input
	// Label is the primary root cause; Also are other defensible readings
	// and contributing causes.
	Label string
	Also  []string
	// Group is the organisation the document comes from, for
	// leave-one-organisation-out cross-validation.
	Group string
}

// Params are the hyper-parameters of a fit.
type Params struct {
	// L2 and L1 are the regularisation strengths (elastic net): L2 keeps
	// weights small, L1 sets most of them to zero.
	L2 float64 `json:"l2"`
	L1 float64 `json:"l1"`
	// Also is the share of the target given to the document's other
	// defensible categories (split equally among them).
	Also float64 `json:"also"`
	// MinDocs is the number of training documents a feature must occur in.
	MinDocs int `json:"min_docs"`
	// Iterations of accelerated proximal gradient descent.
	Iterations int `json:"iterations"`
}

// DefaultParams returns the hyper-parameters the training program starts
// its search from.
func DefaultParams() Params {
	return Params{L2: 0.01, L1: 0.002, Also: 0.2, MinDocs: 2, Iterations: 300}
}

// Validate reports whether p can be used to fit.
func (p Params) Validate() error {
	switch {
	case p.L2 < 0 || math.IsNaN(p.L2):
		return fmt.Errorf("classify params: l2 = %v must be >= 0", p.L2)
	case p.L1 < 0 || math.IsNaN(p.L1):
		return fmt.Errorf("classify params: l1 = %v must be >= 0", p.L1)
	case p.Also < 0 || p.Also >= 1 || math.IsNaN(p.Also):
		return fmt.Errorf("classify params: also = %v is out of range [0, 1)", p.Also)
	case p.MinDocs < 1:
		return fmt.Errorf("classify params: min_docs = %d must be >= 1", p.MinDocs)
	case p.Iterations < 1 || p.Iterations > 100000:
		return fmt.Errorf("classify params: iterations = %d is out of range [1, 100000]", p.Iterations)
	}
	return nil
}

// Fit fits a model on examples: a multinomial logistic regression with
// elastic-net regularisation, minimised by accelerated proximal gradient
// descent (FISTA) from zero with a fixed step, so that the same examples
// give the same weights. Weights are rounded to three decimals and zero
// weights dropped.
func Fit(examples []Example, classes []string, f Features, p Params) (*Model, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if len(examples) == 0 {
		return nil, errors.New("classify fit: no examples")
	}
	cidx := map[string]int{}
	for i, c := range classes {
		cidx[c] = i
	}
	docs := make([]doc, len(examples))
	targets := make([][]float64, len(examples))
	df := map[string]int{}
	for i, ex := range examples {
		li, ok := cidx[ex.Label]
		if !ok {
			return nil, fmt.Errorf("classify fit: example %s: label %q is not a class", ex.Name, ex.Label)
		}
		docs[i] = extract(ex.Input, f)
		for _, ft := range docs[i].feats {
			df[ft.name]++
		}
		t := make([]float64, len(classes))
		var also []int
		for _, a := range ex.Also {
			if ai, ok := cidx[a]; ok && ai != li {
				also = append(also, ai)
			}
		}
		t[li] = 1
		if len(also) > 0 && p.Also > 0 {
			t[li] = 1 - p.Also
			for _, ai := range also {
				t[ai] += p.Also / float64(len(also))
			}
		}
		targets[i] = t
	}
	var vocab []string
	for name, n := range df {
		if n >= p.MinDocs {
			vocab = append(vocab, name)
		}
	}
	sort.Strings(vocab)
	fidx := make(map[string]int, len(vocab))
	for i, name := range vocab {
		fidx[name] = i
	}
	// Shared features: one weight each, for all classes.
	sidx := map[string]int{}
	var snames []string
	for _, d := range docs {
		for _, sf := range d.shared {
			if _, ok := sidx[sf.name]; !ok {
				sidx[sf.name] = -1
				snames = append(snames, sf.name)
			}
		}
	}
	sort.Strings(snames)
	for i, name := range snames {
		sidx[name] = i
	}
	// Sparse design matrix: per document, (feature index, value) pairs,
	// and (shared index, class, value) triples.
	type entry struct {
		f int
		v float64
	}
	type sentry struct {
		k, c int
		v    float64
	}
	rows := make([][]entry, len(docs))
	srows := make([][]sentry, len(docs))
	maxNorm := 0.0
	for i, d := range docs {
		norm := 1.0 // the bias
		for _, ft := range d.feats {
			if j, ok := fidx[ft.name]; ok {
				rows[i] = append(rows[i], entry{j, ft.value})
				norm += ft.value * ft.value
			}
		}
		perClass := map[int]float64{}
		for _, sf := range d.shared {
			if c, ok := cidx[sf.class]; ok {
				srows[i] = append(srows[i], sentry{sidx[sf.name], c, sf.value})
				perClass[c] += sf.value * sf.value
			}
		}
		top := 0.0
		for _, v := range perClass {
			top = max(top, v)
		}
		maxNorm = max(maxNorm, norm+2*top)
	}
	nc, nf, ns := len(classes), len(vocab), len(snames)
	// The loss's gradient is Lipschitz with constant at most about
	// maxNorm/2 + L2 (softmax cross-entropy's Hessian is below half the
	// outer product of the features); maxNorm counts the shared features
	// twice to stay on the safe side.
	step := 1 / (maxNorm/2 + p.L2)
	bias, shared := nf*nc, nf*nc+nc
	w := make([]float64, (nf+1)*nc+ns) // feature-major, then the bias, then the shared weights
	y := append([]float64(nil), w...)
	prev := append([]float64(nil), w...)
	grad := make([]float64, len(w))
	z := make([]float64, nc)
	tk := 1.0
	n := float64(len(docs))
	for it := 0; it < p.Iterations; it++ {
		clear(grad)
		for i, row := range rows {
			copy(z, y[bias:bias+nc])
			for _, e := range row {
				for c := 0; c < nc; c++ {
					z[c] += y[e.f*nc+c] * e.v
				}
			}
			for _, e := range srows[i] {
				z[e.c] += y[shared+e.k] * e.v
			}
			softmax(z)
			for c := 0; c < nc; c++ {
				g := (z[c] - targets[i][c]) / n
				grad[bias+c] += g
				for _, e := range row {
					grad[e.f*nc+c] += g * e.v
				}
			}
			for _, e := range srows[i] {
				grad[shared+e.k] += (z[e.c] - targets[i][e.c]) / n * e.v
			}
		}
		copy(prev, w)
		for k := range w {
			v := y[k] - step*grad[k]
			switch {
			case k < bias:
				v -= step * p.L2 * y[k]
				v = shrink(v, step*p.L1)
			default:
				// The bias and the shared weights: L2 only, so that a
				// category with few examples keeps a moderate prior.
				v -= step * p.L2 * y[k]
			}
			w[k] = v
		}
		next := (1 + math.Sqrt(1+4*tk*tk)) / 2
		mom := (tk - 1) / next
		for k := range y {
			y[k] = w[k] + mom*(w[k]-prev[k])
		}
		tk = next
	}
	m := &Model{Version: 1, Classes: append([]string(nil), classes...), Features: f, Params: p,
		Contributing: 0.1, MinProbability: 0.01, Bias: map[string]float64{}, Shared: map[string]float64{}, Weights: map[string]map[string]float64{}}
	for k, name := range snames {
		if v := round(w[shared+k], 3); v != 0 {
			m.Shared[name] = v
		}
	}
	for c, name := range classes {
		if v := round(w[bias+c], 3); v != 0 {
			m.Bias[name] = v
		}
	}
	for j, name := range vocab {
		ws := map[string]float64{}
		for c, cname := range classes {
			if v := round(w[j*nc+c], 3); v != 0 {
				ws[cname] = v
			}
		}
		if len(ws) > 0 {
			m.Weights[name] = ws
		}
	}
	if err := m.compile(); err != nil {
		return nil, err
	}
	return m, nil
}

// shrink is the proximal step of L1: it moves v towards zero by t.
func shrink(v, t float64) float64 {
	switch {
	case v > t:
		return v - t
	case v < -t:
		return v + t
	}
	return 0
}
