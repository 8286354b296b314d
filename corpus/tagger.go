package corpus

import (
	"fmt"
	"io"
	"math"
	"slices"

	"github.com/hindsight-kb/hindsight/corpus/classify"
)

// This file connects the taxonomy's rules to the learned tagger of
// package classify: the rules score each section of a document, and the
// model weighs those scores together with the words of the text.

// modelFor returns the embedded learned model when its categories are
// exactly the taxonomy's, else nil: a team's own taxonomy with other
// categories is tagged by its rules alone.
func modelFor(names []string) *classify.Model {
	m := classify.Default()
	if len(m.Classes) != len(names) {
		return nil
	}
	for _, c := range m.Classes {
		if !slices.Contains(names, c) {
			return nil
		}
	}
	return m
}

// taggerSections are the parts of a ClassifyInput the rules score one by
// one for the learned model.
var taggerSections = []struct {
	sec  classify.Section
	text func(ClassifyInput) string
	lead bool
}{
	{classify.SecTitle, func(in ClassifyInput) string { return in.Title }, false},
	{classify.SecSummary, func(in ClassifyInput) string { return in.Headline }, false},
	{classify.SecRootCause, func(in ClassifyInput) string { return in.RootCause }, true},
	{classify.SecRest, func(in ClassifyInput) string { return in.Rest }, false},
}

// taggerInput turns in into the learned tagger's input: the texts, and
// the rules' score of every category in every section and in the whole
// document, each with its best sentence.
func (m *matcher) taggerInput(in ClassifyInput) classify.Input {
	out := classify.Input{Title: in.Title, Summary: in.Headline, RootCause: in.RootCause, Rest: in.Rest}
	add := func(sec classify.Section, st *scoreState) {
		st.finish()
		for c, s := range st.score {
			if s > 0 && st.ev[c].end > st.ev[c].start {
				out.Rules = append(out.Rules, classify.RuleScore{Section: sec, Category: m.names[c],
					Score: math.Round(s*1000) / 1000, Evidence: st.evidence(st.ev[c])})
			}
		}
	}
	for _, ts := range taggerSections {
		st := newScoreState(m)
		lead := 0.0
		if ts.lead {
			lead = m.sc.Lead
		}
		st.scan(ts.text(in), 1, lead)
		add(ts.sec, st)
	}
	st := newScoreState(m)
	st.scan(in.RootCause, m.sc.RootCause, m.sc.Lead)
	st.scan(in.Title, m.sc.Title, 0)
	st.scan(in.Headline, m.sc.Headline, 0)
	st.scan(in.Rest, m.sc.Rest, 0)
	add(classify.SecAll, st)
	return out
}

// predict tags in with the learned model. As with the rules alone, a
// document in which no category's rules reach Scoring.MinScore is not
// tagged: the model ranks causes, it does not invent one for a text that
// names none.
func (m *matcher) predict(in ClassifyInput) []Category {
	ti := m.taggerInput(in)
	if !slices.ContainsFunc(ti.Rules, func(r classify.RuleScore) bool {
		return r.Section == classify.SecAll && r.Score >= m.sc.MinScore
	}) {
		return nil
	}
	// A contributing cause needs the rules' support too: a score that
	// would make it contributing by the rules alone.
	top := 0.0
	for _, r := range ti.Rules {
		if r.Section == classify.SecAll {
			top = max(top, r.Score)
		}
	}
	supported := map[string]bool{}
	for _, r := range ti.Rules {
		if r.Section == classify.SecAll && r.Score >= m.sc.MinScore && r.Score >= m.sc.Contributing*top {
			supported[r.Category] = true
		}
	}
	var out []Category
	for i, p := range m.model.Predict(ti) {
		if i > 0 && !supported[p.Name] {
			continue
		}
		out = append(out, Category{
			Name: p.Name,
			// 1 is kept for categories a document declares itself.
			Confidence: min(max(math.Round(p.Probability*100)/100, 0.01), 0.99),
			Evidence:   p.Evidence,
			Source:     SourceModel,
		})
	}
	return out
}

// TaggerInput returns what the learned root-cause tagger reads from in:
// its texts and the rules' scores. The training program uses it to turn
// each category's description into an example of that category.
func (t *Taxonomy) TaggerInput(in ClassifyInput) classify.Input {
	return t.compiled().taggerInput(in)
}

// TaggerInput parses one document and returns what the learned root-cause
// tagger reads from it (its texts and the rules' scores), with the
// Record. The training program of package classify fits the model on it.
func (p *Parser) TaggerInput(name string, r io.Reader) (classify.Input, Record, error) {
	raw, err := io.ReadAll(io.LimitReader(r, p.maxBytes+1))
	if err != nil {
		return classify.Input{}, Record{}, fmt.Errorf("parse %s: read: %w", name, err)
	}
	if int64(len(raw)) > p.maxBytes {
		return classify.Input{}, Record{}, fmt.Errorf("parse %s: %w: over the %d-byte limit", name, ErrTooLarge, p.maxBytes)
	}
	rec, doc, err := p.parseDocument(name, raw, Defaults{})
	if err != nil {
		return classify.Input{}, Record{}, err
	}
	return p.taxonomy.compiled().taggerInput(doc.tagged), rec, nil
}
