package classify

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"sync"
)

// Model is a fitted tagger: one weight per feature and category, one bias
// per category, and the feature templates and hyper-parameters it was
// fitted with. Use Load or Default; a Model is immutable and safe for
// concurrent use once loaded.
type Model struct {
	// Version is the file format version, 1.
	Version int `json:"version"`
	// Classes are the category names, in the taxonomy's order.
	Classes []string `json:"classes"`
	// Features are the templates the weights were fitted on.
	Features Features `json:"features"`
	// Params are the hyper-parameters of the fit, for the record.
	Params Params `json:"params"`
	// Contributing is the share of the primary category's probability a
	// further category needs to be listed as contributing.
	Contributing float64 `json:"contributing"`
	// MinProbability is the probability a contributing category needs.
	MinProbability float64 `json:"min_probability"`
	// Bias is each category's weight before any feature: its prior.
	Bias map[string]float64 `json:"bias"`
	// Shared are the weights of shared features (see Features.Shared),
	// the same for every category.
	Shared map[string]float64 `json:"shared"`
	// Weights maps a feature name to its weight for each category; absent
	// weights are zero.
	Weights map[string]map[string]float64 `json:"weights,omitempty"`

	b   []float64            // bias by class index
	w   map[string][]float64 // feature -> weight by class index
	idx map[string]int       // class -> index
}

// Prediction is one category a document is tagged with.
type Prediction struct {
	Name string
	// Probability is the model's probability that Name is the primary
	// root cause.
	Probability float64
	// Evidence is the sentence of the document that added most to the
	// category's score.
	Evidence string
}

// maxWeight bounds the absolute value of a weight or bias in a model file.
const maxWeight = 100

// Load reads a model in the JSON format written by Model.WriteJSON and
// checks it: known version, distinct classes, finite weights of known
// classes.
func Load(r io.Reader) (*Model, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	m := &Model{}
	if err := dec.Decode(m); err != nil {
		return nil, fmt.Errorf("classify model: %w", err)
	}
	if err := m.compile(); err != nil {
		return nil, err
	}
	return m, nil
}

// compile checks m and builds its index.
func (m *Model) compile() error {
	if m.Version != 1 {
		return fmt.Errorf("classify model: version %d is not supported (want 1)", m.Version)
	}
	if len(m.Classes) == 0 {
		return errors.New("classify model: classes: none")
	}
	idx := map[string]int{}
	for i, c := range m.Classes {
		if c == "" {
			return fmt.Errorf("classify model: classes[%d] is empty", i)
		}
		if _, dup := idx[c]; dup {
			return fmt.Errorf("classify model: classes: %q is listed twice", c)
		}
		idx[c] = i
	}
	if m.Contributing < 0 || m.Contributing > 1 || math.IsNaN(m.Contributing) {
		return fmt.Errorf("classify model: contributing = %v is out of range [0, 1]", m.Contributing)
	}
	if m.MinProbability < 0 || m.MinProbability > 1 || math.IsNaN(m.MinProbability) {
		return fmt.Errorf("classify model: min_probability = %v is out of range [0, 1]", m.MinProbability)
	}
	vec := func(where string, ws map[string]float64) ([]float64, error) {
		v := make([]float64, len(m.Classes))
		for c, x := range ws {
			i, ok := idx[c]
			if !ok {
				return nil, fmt.Errorf("classify model: %s: unknown class %q", where, c)
			}
			if math.IsNaN(x) || math.Abs(x) > maxWeight {
				return nil, fmt.Errorf("classify model: %s: weight %v of %q is out of range [-%d, %d]", where, x, c, maxWeight, maxWeight)
			}
			v[i] = x
		}
		return v, nil
	}
	for f, x := range m.Shared {
		if math.IsNaN(x) || math.Abs(x) > maxWeight {
			return fmt.Errorf("classify model: shared[%q]: weight %v is out of range [-%d, %d]", f, x, maxWeight, maxWeight)
		}
	}
	m.idx = idx
	var err error
	if m.b, err = vec("bias", m.Bias); err != nil {
		return err
	}
	m.w = make(map[string][]float64, len(m.Weights))
	for f, ws := range m.Weights {
		if f == "" {
			return errors.New("classify model: weights: empty feature name")
		}
		if m.w[f], err = vec(fmt.Sprintf("weights[%q]", f), ws); err != nil {
			return err
		}
	}
	return nil
}

//go:generate go run ./internal/train -corpora ../../../shared/corpora -labels ../../../shared/corpora/labels.jsonl -out model.json -report TAGGING.md

//go:embed model.json
var defaultModelJSON []byte

var defaultModel = sync.OnceValues(func() (*Model, error) {
	return Load(bytes.NewReader(defaultModelJSON))
})

// Default returns the embedded model fitted on Hindsight's labelled
// postmortems. The embedded file is checked by the tests; an invalid one
// panics.
func Default() *Model {
	m, err := defaultModel()
	if err != nil {
		panic(fmt.Sprintf("classify: embedded model.json is invalid: %v", err))
	}
	return m
}

// scores returns the linear score of every class for document d.
func (m *Model) scores(d doc) []float64 {
	z := append([]float64(nil), m.b...)
	for _, f := range d.feats {
		w := m.w[f.name]
		for c := range w {
			z[c] += w[c] * f.value
		}
	}
	for _, f := range d.shared {
		if c, ok := m.idx[f.class]; ok {
			z[c] += m.Shared[f.name] * f.value
		}
	}
	return z
}

// softmax turns scores into probabilities, in place.
func softmax(z []float64) []float64 {
	top := math.Inf(-1)
	for _, v := range z {
		top = max(top, v)
	}
	sum := 0.0
	for i, v := range z {
		z[i] = math.Exp(v - top)
		sum += z[i]
	}
	for i := range z {
		z[i] /= sum
	}
	return z
}

// Predict tags a document: the most probable category first, then those
// reaching Contributing times its probability and MinProbability, each
// with its evidence sentence. A category none of whose taxonomy rules
// matched, or with no sentence that argues for it, is left out.
func (m *Model) Predict(in Input) []Prediction {
	d := extract(in, m.Features)
	p := softmax(m.scores(d))
	order := make([]int, len(p))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return p[order[a]] > p[order[b]] })
	// Only categories whose taxonomy rules matched somewhere are listed:
	// the taxonomy is the vocabulary, the model weighs it.
	matched := map[string]bool{}
	for _, r := range in.Rules {
		if r.Score > 0 {
			matched[r.Category] = true
		}
	}
	var out []Prediction
	for _, c := range order {
		if len(out) > 0 && (p[c] < m.Contributing*out[0].Probability || p[c] < m.MinProbability) {
			break
		}
		if !matched[m.Classes[c]] {
			continue
		}
		ev := m.evidence(d, c)
		if ev == "" {
			continue
		}
		out = append(out, Prediction{Name: m.Classes[c], Probability: p[c], Evidence: ev})
	}
	return out
}

// Probabilities returns the probability of every class for in, in the
// order of Classes.
func (m *Model) Probabilities(in Input) []float64 {
	return softmax(m.scores(extract(in, m.Features)))
}

// WriteJSON writes m in its file format: indented JSON with sorted keys,
// one line per feature, so that a change of weights reads as a diff.
func (m *Model) WriteJSON(w io.Writer) error {
	head := *m
	head.Weights = nil
	hb, err := json.MarshalIndent(head, "", "  ") // Weights follow, one line each
	if err != nil {
		return fmt.Errorf("classify model: %w", err)
	}
	var b strings.Builder
	b.Write(hb[:len(hb)-2]) // drop "\n}"
	b.WriteString(",\n  \"weights\": {")
	names := make([]string, 0, len(m.Weights))
	for f := range m.Weights {
		names = append(names, f)
	}
	sort.Strings(names)
	for i, f := range names {
		k, _ := json.Marshal(f)
		v, err := json.Marshal(m.Weights[f])
		if err != nil {
			return fmt.Errorf("classify model: feature %s: %w", k, err)
		}
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "\n    %s: %s", k, v)
	}
	b.WriteString("\n  }\n}\n")
	_, err = io.WriteString(w, b.String())
	return err
}
