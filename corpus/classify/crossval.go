package classify

import (
	"fmt"
	"io"
	"slices"
	"sort"
)

// Report is the outcome of a cross-validation: how often the predicted
// primary category was the label (strict) or one of the label's
// defensible readings (lenient), and per category precision and recall.
type Report struct {
	Docs    int
	Groups  int
	Strict  int
	Lenient int
	// PerClass counts, for every class, true positives, predictions and
	// labels of the primary category.
	PerClass map[string]*ClassCount
	// Misses are the documents whose primary category was not the label.
	Misses []Miss
}

// Miss is one document the tagger got wrong.
type Miss struct {
	Name, Label, Got string
	Lenient          bool
}

// ClassCount is one row of a Report.
type ClassCount struct {
	Correct, Predicted, Labelled int
}

// StrictRate returns Strict/Docs.
func (r Report) StrictRate() float64 { return ratio(r.Strict, r.Docs) }

// LenientRate returns Lenient/Docs.
func (r Report) LenientRate() float64 { return ratio(r.Lenient, r.Docs) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// AlwaysTrain is the group of examples that cross-validation always
// trains on and never scores, such as the taxonomy's descriptions.
const AlwaysTrain = "*"

// CrossValidate fits one model per group on the examples of all other
// groups and scores it on the group left out: leave-one-organisation-out
// when groups are organisations.
func CrossValidate(examples []Example, classes []string, f Features, p Params) (Report, error) {
	groups := map[string][]int{}
	var names []string
	for i, ex := range examples {
		if ex.Group == AlwaysTrain {
			continue
		}
		if _, ok := groups[ex.Group]; !ok {
			names = append(names, ex.Group)
		}
		groups[ex.Group] = append(groups[ex.Group], i)
	}
	sort.Strings(names)
	r := Report{Groups: len(names), PerClass: map[string]*ClassCount{}}
	for _, c := range classes {
		r.PerClass[c] = &ClassCount{}
	}
	for _, g := range names {
		var train []Example
		for i, ex := range examples {
			if ex.Group != g {
				train = append(train, examples[i])
			}
		}
		m, err := Fit(train, classes, f, p)
		if err != nil {
			return Report{}, fmt.Errorf("cross-validation, leaving out %s: %w", g, err)
		}
		for _, i := range groups[g] {
			r.add(examples[i], m.Primary(examples[i].Input))
		}
	}
	return r, nil
}

// Score scores m on examples, as CrossValidate scores each group.
func Score(m *Model, examples []Example) Report {
	r := Report{PerClass: map[string]*ClassCount{}}
	for _, c := range m.Classes {
		r.PerClass[c] = &ClassCount{}
	}
	groups := map[string]bool{}
	for _, ex := range examples {
		if ex.Group == AlwaysTrain {
			continue
		}
		groups[ex.Group] = true
		r.add(ex, m.Primary(ex.Input))
	}
	r.Groups = len(groups)
	return r
}

// add counts one prediction.
func (r *Report) add(ex Example, got string) {
	r.Docs++
	if got == ex.Label {
		r.Strict++
	}
	lenient := got == ex.Label || slices.Contains(ex.Also, got)
	if lenient {
		r.Lenient++
	}
	if got != ex.Label {
		r.Misses = append(r.Misses, Miss{Name: ex.Name, Label: ex.Label, Got: got, Lenient: lenient})
	}
	if c := r.PerClass[ex.Label]; c != nil {
		c.Labelled++
		if got == ex.Label {
			c.Correct++
		}
	}
	if c := r.PerClass[got]; c != nil {
		c.Predicted++
	}
}

// Primary returns the most probable category for in, or "" when the
// document's text argues for none.
func (m *Model) Primary(in Input) string {
	if ps := m.Predict(in); len(ps) > 0 {
		return ps[0].Name
	}
	return ""
}

// WriteTable writes r as a Markdown table of per-category precision and
// recall, categories in the order given, then the strict and lenient
// accuracy.
func (r Report) WriteTable(w io.Writer, classes []string) error {
	var err error
	pf := func(format string, args ...any) {
		if err == nil {
			_, err = fmt.Fprintf(w, format, args...)
		}
	}
	pf("| category | labelled | predicted | correct | precision | recall |\n")
	pf("|---|---:|---:|---:|---:|---:|\n")
	for _, c := range classes {
		k := r.PerClass[c]
		if k == nil || k.Labelled == 0 && k.Predicted == 0 {
			continue
		}
		prec, rec := "–", "–"
		if k.Predicted > 0 {
			prec = fmt.Sprintf("%.2f", ratio(k.Correct, k.Predicted))
		}
		if k.Labelled > 0 {
			rec = fmt.Sprintf("%.2f", ratio(k.Correct, k.Labelled))
		}
		pf("| %s | %d | %d | %d | %s | %s |\n", c, k.Labelled, k.Predicted, k.Correct, prec, rec)
	}
	pf("\nStrict accuracy (primary = label): %d/%d = %.3f  \n", r.Strict, r.Docs, r.StrictRate())
	pf("Lenient accuracy (primary = label or one of its `also`): %d/%d = %.3f\n", r.Lenient, r.Docs, r.LenientRate())
	return err
}
