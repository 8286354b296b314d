package index

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"gopkg.in/yaml.v3"

	"github.com/hindsight-kb/hindsight/corpus"
)

//go:embed synonyms.yaml
var defaultSynonymsYAML []byte

func defaultSynonyms() io.Reader { return bytes.NewReader(defaultSynonymsYAML) }

// synonymFile is the YAML layout of synonyms.yaml.
type synonymFile struct {
	Groups []struct {
		Terms    []string `yaml:"terms"`
		Category string   `yaml:"category"`
	} `yaml:"groups"`
}

// synTerm is one term of a group: its text and analysed tokens.
type synTerm struct {
	raw    string
	tokens []string
}

// synGroup is one group of equivalent terms.
type synGroup struct {
	terms    []synTerm
	category string
}

// synonyms expands queries at query time. bleve 2.5's synonym sources
// keep single-token terms only (document/field_synonym.go drops any term
// that analyses to more than one token), and SRE jargon is full of
// phrases ("out of memory", "no space left"), so Hindsight matches
// groups itself: multi-word terms become phrase queries.
type synonyms struct {
	groups []synGroup
	// byKey maps a term's tokens joined by spaces to its groups.
	byKey map[string][]int
	// maxLen is the longest term, in tokens.
	maxLen int
}

// loadSynonyms reads a synonym file, analysing every term with a.
func loadSynonyms(r io.Reader, a analysis.Analyzer) (*synonyms, error) {
	b, err := io.ReadAll(io.LimitReader(r, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	var f synonymFile
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true) // a misspelt key is an error, not an empty set
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("parse: %w", err)
	}
	if len(f.Groups) == 0 {
		return nil, errors.New("no synonym groups (want a top-level groups: list)")
	}
	s := &synonyms{byKey: map[string][]int{}}
	for gi, g := range f.Groups {
		var grp synGroup
		grp.category = strings.TrimSpace(g.Category)
		seen := map[string]bool{}
		for _, t := range g.Terms {
			toks := analyze(a, t)
			key := strings.Join(toks, " ")
			if len(toks) == 0 || seen[key] {
				continue
			}
			seen[key] = true
			grp.terms = append(grp.terms, synTerm{raw: strings.TrimSpace(t), tokens: toks})
		}
		if len(grp.terms) < 2 {
			return nil, fmt.Errorf("group %d (%v): needs at least two distinct terms", gi+1, g.Terms)
		}
		idx := len(s.groups)
		s.groups = append(s.groups, grp)
		for _, t := range grp.terms {
			key := strings.Join(t.tokens, " ")
			if !slices.Contains(s.byKey[key], idx) {
				s.byKey[key] = append(s.byKey[key], idx)
			}
			s.maxLen = max(s.maxLen, len(t.tokens))
		}
	}
	return s, nil
}

// analyze returns the analysed tokens of s, in order.
func analyze(a analysis.Analyzer, s string) []string {
	ts := a.Analyze([]byte(s))
	out := make([]string, 0, len(ts))
	for _, t := range ts {
		out = append(out, string(t.Term))
	}
	return out
}

// synMatch is a span of query tokens that names a synonym group.
type synMatch struct {
	start, end int // token span [start, end)
	groups     []int
}

// alternatives returns the distinct terms of a match's groups (the
// matched words among them), in group order.
func (s *synonyms) alternatives(m synMatch) []synTerm {
	var out []synTerm
	seen := map[string]bool{}
	for _, gi := range m.groups {
		for _, t := range s.groups[gi].terms {
			if k := strings.Join(t.tokens, " "); len(t.tokens) > 0 && !seen[k] {
				seen[k] = true
				out = append(out, t)
			}
		}
	}
	return out
}

// match finds synonym terms in a token sequence, longest first, left to
// right, without overlaps.
func (s *synonyms) match(toks []string) []synMatch {
	var out []synMatch
	for i := 0; i < len(toks); {
		found := false
		for n := min(s.maxLen, len(toks)-i); n >= 1; n-- {
			if g, ok := s.byKey[strings.Join(toks[i:i+n], " ")]; ok {
				out = append(out, synMatch{start: i, end: i + n, groups: g})
				i += n
				found = true
				break
			}
		}
		if !found {
			i++
		}
	}
	return out
}

// categoryHint is a phrase that, present in a query, points at a root-cause
// category: the category's name, its taxonomy rule phrases, and the terms
// of synonym groups that name the category.
type categoryHint struct {
	tokens   []string
	category string
	weight   float64 // in (0, 1]
}

// buildCategoryHints collects the hints of a taxonomy and a synonym set.
func buildCategoryHints(tax *corpus.Taxonomy, syn *synonyms, a analysis.Analyzer) []categoryHint {
	var out []categoryHint
	known := map[string]bool{}
	if tax != nil {
		for _, c := range tax.Categories {
			known[c.Name] = true
			if toks := analyze(a, strings.ReplaceAll(c.Name, "-", " ")); len(toks) > 0 {
				out = append(out, categoryHint{tokens: toks, category: c.Name, weight: 1})
			}
			maxW := 0.0
			for _, r := range c.Rules {
				maxW = max(maxW, r.Weight)
			}
			for _, r := range c.Rules {
				if r.Phrase == "" || maxW <= 0 || r.Weight < maxW/2 {
					continue // only the strong phrases: a query is short
				}
				if toks := analyze(a, r.Phrase); len(toks) > 0 {
					out = append(out, categoryHint{tokens: toks, category: c.Name, weight: r.Weight / maxW})
				}
			}
		}
	}
	for _, name := range corpusCategoryNames {
		if known[name] {
			continue
		}
		if toks := analyze(a, strings.ReplaceAll(name, "-", " ")); len(toks) > 0 {
			out = append(out, categoryHint{tokens: toks, category: name, weight: 1})
		}
	}
	if syn != nil {
		for _, g := range syn.groups {
			if g.category == "" {
				continue
			}
			for _, t := range g.terms {
				out = append(out, categoryHint{tokens: t.tokens, category: g.category, weight: 1})
			}
		}
	}
	return out
}

// corpusCategoryNames are the 16 taxonomy names, used when the taxonomy in
// use does not list them.
var corpusCategoryNames = []string{
	"config-change", "deploy", "capacity", "third-party", "network", "dns", "certificate", "database",
	"storage", "hardware", "software-bug", "security", "process", "monitoring", "time", "data-loss",
}

// categoriesFor returns the categories a token sequence points at, with
// the strongest hint's weight for each.
func categoriesFor(hints []categoryHint, toks []string) map[string]float64 {
	out := map[string]float64{}
	for _, h := range hints {
		if containsSeq(toks, h.tokens) && h.weight > out[h.category] {
			out[h.category] = h.weight
		}
	}
	return out
}

func containsSeq(hay, needle []string) bool {
	if len(needle) == 0 || len(needle) > len(hay) {
		return false
	}
	for i := 0; i+len(needle) <= len(hay); i++ {
		if slices.Equal(hay[i:i+len(needle)], needle) {
			return true
		}
	}
	return false
}
