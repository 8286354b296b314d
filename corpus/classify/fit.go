package classify

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
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
	// MinGroups is the number of distinct organisations (example groups)
	// whose documents a word, pair, cue or negation feature must occur in:
	// a word only one team uses (a service name, a host) says nothing
	// about another team's incident. 0 or 1 keeps every feature.
	MinGroups int `json:"min_groups,omitempty"`
	// WordPenalty multiplies L2 and L1 for the word and pair features
	// ("w:", "p:"), so that they must earn their weight against the
	// taxonomy's rule scores and the causal cues. 0 means 1.
	WordPenalty float64 `json:"word_penalty,omitempty"`
	// Balance is the exponent of the class-balancing sample weight
	// (n / (classes × count of the label))^Balance: 0 weighs every
	// document alike, 1 gives every category the same total weight, so
	// that the priors do not copy the training set's class balance.
	Balance float64 `json:"balance,omitempty"`
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
	case p.MinGroups < 0:
		return fmt.Errorf("classify params: min_groups = %d must be >= 0", p.MinGroups)
	case p.WordPenalty < 0 || p.WordPenalty > 1000 || math.IsNaN(p.WordPenalty):
		return fmt.Errorf("classify params: word_penalty = %v is out of range [0, 1000]", p.WordPenalty)
	case p.Balance < 0 || p.Balance > 1 || math.IsNaN(p.Balance):
		return fmt.Errorf("classify params: balance = %v is out of range [0, 1]", p.Balance)
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
	pr, err := newProblem(examples, classes, f, p)
	if err != nil {
		return nil, err
	}
	w := pr.solve()
	m := &Model{Version: 1, Classes: append([]string(nil), classes...), Features: f, Params: p,
		Contributing: 0.1, MinProbability: 0.01, Bias: map[string]float64{}, Shared: map[string]float64{},
		Weights: map[string]map[string]float64{}}
	for k, name := range pr.shared {
		if v := round(w[pr.sharedAt()+k], 3); v != 0 {
			m.Shared[name] = v
		}
	}
	for c, name := range classes {
		if v := round(w[pr.biasAt()+c], 3); v != 0 {
			m.Bias[name] = v
		}
	}
	for j, name := range pr.vocab {
		ws := map[string]float64{}
		for c, cname := range classes {
			if v := round(w[j*pr.nc+c], 3); v != 0 {
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

// entry is one feature value of a document in the design matrix.
type entry struct {
	f int
	v float64
}

// sharedEntry is one shared feature value of a document: shared weight
// k, for class c.
type sharedEntry struct {
	k, c int
	v    float64
}

// problem is a fit's data: the design matrix and the targets.
type problem struct {
	p       Params
	nc      int
	vocab   []string // features, sorted
	shared  []string // shared features, sorted
	rows    [][]entry
	srows   [][]sharedEntry
	targets [][]float64
	weights []float64 // sample weights, mean 1
	penalty []float64 // regularisation multiplier per feature
	maxNorm float64   // the largest weighted squared norm of a document's features
}

// Parameter layout: feature-major weights, then the biases, then the
// shared weights.
func (pr *problem) biasAt() int   { return len(pr.vocab) * pr.nc }
func (pr *problem) sharedAt() int { return pr.biasAt() + pr.nc }
func (pr *problem) size() int     { return pr.sharedAt() + len(pr.shared) }

// newProblem extracts the features of examples, keeps those in at least
// p.MinDocs documents and builds the targets: the label, sharing p.Also
// with the document's other defensible categories.
func newProblem(examples []Example, classes []string, f Features, p Params) (*problem, error) {
	cidx := map[string]int{}
	for i, c := range classes {
		cidx[c] = i
	}
	pr := &problem{p: p, nc: len(classes)}
	docs := make([]doc, len(examples))
	df := map[string]int{}
	groups := map[string]map[string]bool{}
	seen := map[string]bool{}
	count := map[string]int{}
	for i, ex := range examples {
		li, ok := cidx[ex.Label]
		if !ok {
			return nil, fmt.Errorf("classify fit: example %s: label %q is not a class", ex.Name, ex.Label)
		}
		count[ex.Label]++
		docs[i] = extract(ex.Input, f)
		for _, ft := range docs[i].feats {
			df[ft.name]++
			if groups[ft.name] == nil {
				groups[ft.name] = map[string]bool{}
			}
			groups[ft.name][ex.Group] = true
		}
		for _, sf := range docs[i].shared {
			if !seen[sf.name] {
				seen[sf.name] = true
				pr.shared = append(pr.shared, sf.name)
			}
		}
		pr.targets = append(pr.targets, target(ex, li, cidx, p.Also))
	}
	for name, n := range df {
		if n >= p.MinDocs && (isRuleFeature(name) || len(groups[name]) >= p.MinGroups) {
			pr.vocab = append(pr.vocab, name)
		}
	}
	sort.Strings(pr.vocab)
	pr.penalty = make([]float64, len(pr.vocab))
	for j, name := range pr.vocab {
		pr.penalty[j] = 1
		if p.WordPenalty > 0 && (strings.HasPrefix(name, "w:") || strings.HasPrefix(name, "p:")) {
			pr.penalty[j] = p.WordPenalty
		}
	}
	pr.weights = sampleWeights(examples, count, p.Balance)
	sort.Strings(pr.shared)
	fidx := index(pr.vocab)
	sidx := index(pr.shared)
	for i, d := range docs {
		var row []entry
		var srow []sharedEntry
		norm := 1.0 // the bias
		for _, ft := range d.feats {
			if j, ok := fidx[ft.name]; ok {
				row = append(row, entry{j, ft.value})
				norm += ft.value * ft.value
			}
		}
		perClass := map[int]float64{}
		for _, sf := range d.shared {
			if c, ok := cidx[sf.class]; ok {
				srow = append(srow, sharedEntry{sidx[sf.name], c, sf.value})
				perClass[c] += sf.value * sf.value
			}
		}
		top := 0.0
		for _, v := range perClass {
			top = max(top, v)
		}
		pr.rows, pr.srows = append(pr.rows, row), append(pr.srows, srow)
		pr.maxNorm = max(pr.maxNorm, pr.weights[i]*(norm+2*top))
	}
	return pr, nil
}

// isRuleFeature reports whether a feature is one of the taxonomy's rule
// scores, which every organisation's documents share and which
// MinGroups therefore does not filter.
func isRuleFeature(name string) bool { return strings.HasPrefix(name, "rule:") }

// sampleWeights returns each example's weight: (n / (k × count of its
// label))^balance for k labels present, scaled to mean 1.
func sampleWeights(examples []Example, count map[string]int, balance float64) []float64 {
	out := make([]float64, len(examples))
	sum := 0.0
	for i, ex := range examples {
		out[i] = 1
		if balance > 0 {
			out[i] = math.Pow(float64(len(examples))/(float64(len(count))*float64(count[ex.Label])), balance)
		}
		sum += out[i]
	}
	for i := range out {
		out[i] *= float64(len(out)) / sum
	}
	return out
}

// target returns the target distribution of one example with label li.
func target(ex Example, li int, cidx map[string]int, also float64) []float64 {
	t := make([]float64, len(cidx))
	var others []int
	for _, a := range ex.Also {
		if ai, ok := cidx[a]; ok && ai != li {
			others = append(others, ai)
		}
	}
	t[li] = 1
	if len(others) > 0 && also > 0 {
		t[li] = 1 - also
		for _, ai := range others {
			t[ai] += also / float64(len(others))
		}
	}
	return t
}

func index(names []string) map[string]int {
	m := make(map[string]int, len(names))
	for i, n := range names {
		m[n] = i
	}
	return m
}

// gradient sets grad to the gradient of the mean cross-entropy at w
// (without the regularisation).
func (pr *problem) gradient(w, grad, z []float64) {
	clear(grad)
	bias, shared, nc := pr.biasAt(), pr.sharedAt(), pr.nc
	n := float64(len(pr.rows))
	for i, row := range pr.rows {
		copy(z, w[bias:bias+nc])
		for _, e := range row {
			for c := 0; c < nc; c++ {
				z[c] += w[e.f*nc+c] * e.v
			}
		}
		for _, e := range pr.srows[i] {
			z[e.c] += w[shared+e.k] * e.v
		}
		softmax(z)
		sw := pr.weights[i] / n
		for c := 0; c < nc; c++ {
			g := (z[c] - pr.targets[i][c]) * sw
			grad[bias+c] += g
			for _, e := range row {
				grad[e.f*nc+c] += g * e.v
			}
		}
		for _, e := range pr.srows[i] {
			grad[shared+e.k] += (z[e.c] - pr.targets[i][e.c]) * sw * e.v
		}
	}
}

// solve minimises the regularised loss by FISTA and returns the weights.
// The loss's gradient is Lipschitz with constant at most about
// maxNorm/2 + L2 (softmax cross-entropy's Hessian is below half the outer
// product of the features; maxNorm counts the shared features twice to
// stay on the safe side), which fixes the step.
func (pr *problem) solve() []float64 {
	p := pr.p
	maxPen := 1.0
	for _, x := range pr.penalty {
		maxPen = max(maxPen, x)
	}
	step := 1 / (pr.maxNorm/2 + p.L2*maxPen)
	bias := pr.biasAt()
	w := make([]float64, pr.size())
	y := append([]float64(nil), w...)
	prev := append([]float64(nil), w...)
	grad := make([]float64, len(w))
	z := make([]float64, pr.nc)
	tk := 1.0
	for it := 0; it < p.Iterations; it++ {
		pr.gradient(y, grad, z)
		copy(prev, w)
		for k := range w {
			pen := 1.0
			if k < bias {
				pen = pr.penalty[k/pr.nc]
			}
			v := y[k] - step*grad[k] - step*p.L2*pen*y[k]
			if k < bias {
				v = shrink(v, step*p.L1*pen)
			}
			// The bias and the shared weights get L2 only, so that a
			// category with few examples keeps a moderate prior.
			w[k] = v
		}
		next := (1 + math.Sqrt(1+4*tk*tk)) / 2
		mom := (tk - 1) / next
		for k := range y {
			y[k] = w[k] + mom*(w[k]-prev[k])
		}
		tk = next
	}
	return w
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
