package corpus

import (
	_ "embed"
	"errors"
	"fmt"
	"github.com/hindsight-kb/hindsight/corpus/internal/prose"
	"io"
	"math"
	"regexp"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// Taxonomy is a set of root-cause categories with the weighted phrases
// and patterns that identify each. The default one is embedded; a team
// can load its own with LoadTaxonomy.
//
// A Taxonomy compiles its rules once, on first use; do not modify it
// after it has been used to classify (build a new one instead) and do not
// copy it by value. It is safe for concurrent use. The methods that read
// it (Classify, Explain, Resolve, Names, Category) treat a nil *Taxonomy
// as the default one.
type Taxonomy struct {
	// Version is the file format version; 0 or 1.
	Version int `yaml:"version,omitempty" json:"version,omitempty"`
	// Scoring tunes how rule matches become categories; zero fields take
	// the defaults of DefaultScoring.
	Scoring    Scoring       `yaml:"scoring,omitempty" json:"scoring"`
	Categories []CategoryDef `yaml:"categories" json:"categories"`

	once sync.Once
	m    *matcher
}

// CategoryDef describes one root-cause category.
type CategoryDef struct {
	Name        string `yaml:"name" json:"name"`
	Description string `yaml:"description" json:"description"`
	// Aliases are other names a document may declare for this category in
	// its frontmatter ("configuration", "Config Change"…); they are
	// compared after normalisation (case, spaces, underscores).
	Aliases []string `yaml:"aliases,omitempty" json:"aliases,omitempty"`
	// Weight multiplies the weights of all the category's rules (default
	// 1): below 1 for categories that postmortems mention in passing far
	// more often than they are the cause (deploys, monitoring).
	Weight float64 `yaml:"weight,omitempty" json:"weight,omitempty"`
	// Rules are the weighted phrases/patterns that point at this category.
	Rules []Rule `yaml:"rules" json:"rules"`
}

// Rule is one weighted phrase, co-occurrence or regular expression; exactly
// one of Phrase, All and Regex is set. Rules match within one sentence.
//
// A phrase is a sequence of words matched case-insensitively on word
// boundaries; a word may list alternatives separated by "|" and may end
// in "*" to match any word with that prefix ("expir*" matches expired,
// expiry). A word also matches its plural ("certificate" matches
// "certificates"). Several phrases separated by commas are alternatives
// of one rule ("disk full, no space left"). All lists phrases (each
// possibly with comma alternatives) that must all occur in the same
// sentence, in any order. Regex is a Go regular expression, matched
// case-insensitively against the lower-cased text; a match counts in the
// sentence where it starts.
//
// Matches that are negated ("not a DDoS", "ruled out DNS", "no evidence
// of a leak") do not count. Weight is in [-10, 10] and not 0; negative
// weights lower the category's score for the sentence (never below 0).
type Rule struct {
	Phrase string   `yaml:"phrase,omitempty" json:"phrase,omitempty"`
	All    []string `yaml:"all,omitempty" json:"all,omitempty"`
	Regex  string   `yaml:"regex,omitempty" json:"regex,omitempty"`
	Weight float64  `yaml:"weight" json:"weight"`
}

// ClassifyInput is the text of one document, split by how much it should
// count towards the root cause.
type ClassifyInput struct {
	// RootCause is the text of root-cause, trigger and contributing-factor
	// sections: it weighs most.
	RootCause string
	// Title is the document's title, when the caller keeps it apart from
	// Headline (Scoring.Title weighs it; leave it out of Headline then).
	Title string
	// Headline is the summary (and the title, when Title is not used): it
	// weighs next.
	Headline string
	// Rest is the remaining body text.
	Rest string
	// Declared holds categories or root-cause values stated in
	// frontmatter; known ones win over rules.
	Declared []string
}

// String describes the rule as it is written in the taxonomy file.
func (r Rule) String() string {
	switch {
	case r.Phrase != "":
		return fmt.Sprintf("phrase %q", r.Phrase)
	case len(r.All) > 0:
		return fmt.Sprintf("all %q", r.All)
	case r.Regex != "":
		return fmt.Sprintf("regex %q", r.Regex)
	}
	return "empty rule"
}

// Scoring tunes how rule matches are turned into categories. A document's
// score for a category is the sum, over its sentences, of the weights of
// the distinct rules matched in the sentence (a rule repeated within one
// part of the document counts Repeat times as much each time), multiplied by the
// weight of the part the sentence is in, and by CauseBoost or Effect when
// the sentence states a cause and the match is on its cause or effect side
// ("X caused Y", "Y due to X", "the root cause was X").
type Scoring struct {
	// RootCause weighs sentences of root-cause, trigger and
	// contributing-factor sections (default 3).
	RootCause float64 `yaml:"root_cause,omitempty" json:"root_cause"`
	// Lead multiplies the first sentence of the root-cause text, which
	// usually states the cause before the details (default 1.5).
	Lead float64 `yaml:"lead,omitempty" json:"lead"`
	// Title weighs the title (default 2, like the summary).
	Title float64 `yaml:"title,omitempty" json:"title"`
	// Headline weighs the summary (default 2).
	Headline float64 `yaml:"headline,omitempty" json:"headline"`
	// Rest weighs the rest of the document (default 1).
	Rest float64 `yaml:"rest,omitempty" json:"rest"`
	// Declared weighs free-text root causes declared in frontmatter
	// (default 5).
	Declared float64 `yaml:"declared,omitempty" json:"declared"`
	// Repeat is the factor by which each further sentence matching the
	// same rule in the same part of the document counts less (default 0.6).
	Repeat float64 `yaml:"repeat,omitempty" json:"repeat"`
	// SentenceDecay makes a category's score favour its strongest
	// sentences: sentences are taken best first, each counting
	// SentenceDecay times the previous one (default 0.85; 1 adds them all).
	SentenceDecay float64 `yaml:"sentence_decay,omitempty" json:"sentence_decay"`
	// CauseBoost multiplies matches on the cause side of a causal
	// connective: after "caused by", "due to", "because", "the root cause
	// was"; before "caused", "led to", "resulted in" (default 3).
	CauseBoost float64 `yaml:"cause_boost,omitempty" json:"cause_boost"`
	// Effect multiplies matches on the effect side, usually symptoms
	// (default 0.5).
	Effect float64 `yaml:"effect,omitempty" json:"effect"`
	// Prescriptive multiplies sentences that prescribe rather than
	// describe: action items and lessons ("Add alerting for…", "we
	// should…") name fixes, not causes (default 0.5).
	Prescriptive float64 `yaml:"prescriptive,omitempty" json:"prescriptive"`
	// MinScore is the score a category needs to be tagged at all
	// (default 3).
	MinScore float64 `yaml:"min_score,omitempty" json:"min_score"`
	// Contributing is the fraction of the primary category's score a
	// contributing category needs (default 0.35).
	Contributing float64 `yaml:"contributing,omitempty" json:"contributing"`
	// MaxCategories caps the number of categories per document
	// (default 4).
	MaxCategories int `yaml:"max_categories,omitempty" json:"max_categories"`
	// Saturation is the score at which confidence reaches 63% of its
	// maximum: strength = 1 - exp(-score/Saturation) (default 8).
	Saturation float64 `yaml:"saturation,omitempty" json:"saturation"`
	// NegationWindow is how many words after "not", "no", "never"… a
	// match is still negated (default 4; articles do not count).
	NegationWindow int `yaml:"negation_window,omitempty" json:"negation_window"`
}

// DefaultScoring returns the scoring used when a taxonomy sets none.
func DefaultScoring() Scoring {
	return Scoring{
		RootCause:      3,
		Lead:           1.5,
		Title:          2,
		Headline:       2,
		Rest:           1,
		Declared:       5,
		Repeat:         0.6,
		SentenceDecay:  0.85,
		CauseBoost:     3,
		Effect:         0.5,
		Prescriptive:   0.5,
		MinScore:       3,
		Contributing:   0.35,
		MaxCategories:  4,
		Saturation:     8,
		NegationWindow: 4,
	}
}

// withDefaults fills zero fields from DefaultScoring.
func (s Scoring) withDefaults() Scoring {
	d := DefaultScoring()
	if s.RootCause == 0 {
		s.RootCause = d.RootCause
	}
	if s.Lead == 0 {
		s.Lead = d.Lead
	}
	if s.Title == 0 {
		s.Title = d.Title
	}
	if s.Headline == 0 {
		s.Headline = d.Headline
	}
	if s.Rest == 0 {
		s.Rest = d.Rest
	}
	if s.Declared == 0 {
		s.Declared = d.Declared
	}
	if s.Repeat == 0 {
		s.Repeat = d.Repeat
	}
	if s.SentenceDecay == 0 {
		s.SentenceDecay = d.SentenceDecay
	}
	if s.CauseBoost == 0 {
		s.CauseBoost = d.CauseBoost
	}
	if s.Effect == 0 {
		s.Effect = d.Effect
	}
	if s.Prescriptive == 0 {
		s.Prescriptive = d.Prescriptive
	}
	if s.MinScore == 0 {
		s.MinScore = d.MinScore
	}
	if s.Contributing == 0 {
		s.Contributing = d.Contributing
	}
	if s.MaxCategories == 0 {
		s.MaxCategories = d.MaxCategories
	}
	if s.Saturation == 0 {
		s.Saturation = d.Saturation
	}
	if s.NegationWindow == 0 {
		s.NegationWindow = d.NegationWindow
	}
	return s
}

//go:embed taxonomy.yaml
var defaultTaxonomyYAML []byte

// defaultTaxonomy parses and compiles the embedded taxonomy once; callers
// get copies that share the immutable compiled matcher.
var defaultTaxonomy = sync.OnceValues(func() (*Taxonomy, error) {
	return LoadTaxonomy(strings.NewReader(string(defaultTaxonomyYAML)))
})

// DefaultTaxonomy returns the embedded default taxonomy: the 16 standard
// root-cause categories. Each call returns a fresh copy the caller may
// keep; copies share the compiled rules, so calling it is cheap.
func DefaultTaxonomy() *Taxonomy {
	t, err := defaultTaxonomy()
	if err != nil {
		// The embedded file is checked by the tests; this cannot happen in
		// a released binary.
		panic(fmt.Sprintf("corpus: embedded taxonomy.yaml is invalid: %v", err))
	}
	c := &Taxonomy{Version: t.Version, Scoring: t.Scoring}
	c.Categories = make([]CategoryDef, len(t.Categories))
	for i, d := range t.Categories {
		d.Aliases = append([]string(nil), d.Aliases...)
		d.Rules = append([]Rule(nil), d.Rules...)
		for j := range d.Rules {
			d.Rules[j].All = append([]string(nil), d.Rules[j].All...)
		}
		c.Categories[i] = d
	}
	m := t.compiled()
	c.once.Do(func() { c.m = m })
	return c
}

// LoadTaxonomy reads a taxonomy in YAML (the format of the embedded
// taxonomy.yaml), validates it and compiles its rules. Unknown keys are
// errors, so that a misspelt field is not silently ignored.
func LoadTaxonomy(r io.Reader) (*Taxonomy, error) {
	dec := yaml.NewDecoder(r)
	dec.KnownFields(true)
	t := &Taxonomy{}
	if err := dec.Decode(t); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("taxonomy: the file is empty")
		}
		return nil, fmt.Errorf("taxonomy: %w", err)
	}
	if err := t.Validate(); err != nil {
		return nil, err
	}
	t.once.Do(func() { t.m = compile(t) })
	return t, nil
}

// maxRuleWeight bounds the absolute value of Rule.Weight.
const maxRuleWeight = 10

// validName matches a category name: lower-case words joined by hyphens.
var validName = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Validate checks the taxonomy and returns every problem found, each
// naming the category, rule and field at fault.
func (t *Taxonomy) Validate() error {
	if t == nil {
		return errors.New("taxonomy: nil")
	}
	var errs []error
	add := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("taxonomy: "+format, args...))
	}
	if t.Version != 0 && t.Version != 1 {
		add("version %d is not supported (want 1)", t.Version)
	}
	s := t.Scoring
	for _, f := range []struct {
		name string
		v    float64
		max  float64
	}{
		{"root_cause", s.RootCause, 100}, {"title", s.Title, 100},
		{"lead", s.Lead, 10}, {"headline", s.Headline, 100},
		{"rest", s.Rest, 100}, {"declared", s.Declared, 100}, {"repeat", s.Repeat, 1},
		{"sentence_decay", s.SentenceDecay, 1},
		{"cause_boost", s.CauseBoost, 10}, {"effect", s.Effect, 10},
		{"prescriptive", s.Prescriptive, 10}, {"min_score", s.MinScore, 1000},
		{"contributing", s.Contributing, 1}, {"saturation", s.Saturation, 1000},
	} {
		if f.v < 0 || f.v > f.max || math.IsNaN(f.v) {
			add("scoring.%s = %v is out of range [0, %v]", f.name, f.v, f.max)
		}
	}
	if s.MaxCategories < 0 || s.MaxCategories > 16 {
		add("scoring.max_categories = %d is out of range [0, 16]", s.MaxCategories)
	}
	if s.NegationWindow < 0 || s.NegationWindow > 20 {
		add("scoring.negation_window = %d is out of range [0, 20]", s.NegationWindow)
	}
	if len(t.Categories) == 0 {
		add("no categories")
	}
	type owner struct {
		index int
		name  string
	}
	names := map[string]owner{} // normalised name or alias -> category
	for i, c := range t.Categories {
		where := fmt.Sprintf("category %d (%q)", i+1, c.Name)
		switch {
		case c.Name == "":
			add("category %d: name is empty", i+1)
		case !validName.MatchString(c.Name):
			add("%s: name must be lower-case words joined by hyphens, like \"config-change\"", where)
		}
		for _, n := range append([]string{c.Name}, c.Aliases...) {
			k := normalizeName(n)
			if k == "" {
				if n != c.Name {
					add("%s: alias %q is empty", where, n)
				}
				continue
			}
			if prev, ok := names[k]; ok {
				if prev.index == i {
					add("%s: alias %q repeats a name of the same category", where, n)
				} else {
					add("%s: name or alias %q is already used by category %q", where, n, prev.name)
				}
				continue
			}
			names[k] = owner{i, c.Name}
		}
		if c.Weight < 0 || c.Weight > 10 || math.IsNaN(c.Weight) {
			add("%s: weight %v is out of range [0, 10]", where, c.Weight)
		}
		for j, r := range c.Rules {
			rw := fmt.Sprintf("%s rule %d (%s)", where, j+1, r)
			set := 0
			if r.Phrase != "" {
				set++
			}
			if len(r.All) > 0 {
				set++
			}
			if r.Regex != "" {
				set++
			}
			if set != 1 {
				add("%s: exactly one of phrase, all and regex must be set", rw)
				continue
			}
			if r.Weight == 0 || math.IsNaN(r.Weight) {
				add("%s: weight is missing or 0", rw)
			} else if math.Abs(r.Weight) > maxRuleWeight {
				add("%s: weight %v is out of range [-%d, %d]", rw, r.Weight, maxRuleWeight, maxRuleWeight)
			}
			switch {
			case r.Phrase != "":
				if err := checkPhrase(r.Phrase); err != nil {
					add("%s: phrase: %v", rw, err)
				}
			case len(r.All) > 0:
				if len(r.All) < 2 {
					add("%s: all needs at least two phrases", rw)
				}
				for _, p := range r.All {
					if err := checkPhrase(p); err != nil {
						add("%s: all: phrase %q: %v", rw, p, err)
					}
				}
			default:
				if _, err := compileRuleRegex(r.Regex); err != nil {
					add("%s: invalid regex: %v", rw, err)
				}
			}
		}
	}
	return errors.Join(errs...)
}

// Names returns the category names in taxonomy order.
func (t *Taxonomy) Names() []string {
	if t == nil {
		t = DefaultTaxonomy()
	}
	out := make([]string, len(t.Categories))
	for i, c := range t.Categories {
		out[i] = c.Name
	}
	return out
}

// Category returns the definition of the named category.
func (t *Taxonomy) Category(name string) (CategoryDef, bool) {
	if t == nil {
		t = DefaultTaxonomy()
	}
	for _, c := range t.Categories {
		if c.Name == name {
			return c, true
		}
	}
	return CategoryDef{}, false
}

// Resolve maps a category name or alias, in any case and with spaces,
// underscores or hyphens ("Config Change", "configuration",
// "SOFTWARE_BUG"), to the category's name.
func (t *Taxonomy) Resolve(name string) (string, bool) {
	n, ok := t.compiled().aliases[normalizeName(name)]
	return n, ok
}

// normalizeName lower-cases s and joins its words with single hyphens.
func normalizeName(s string) string {
	var b strings.Builder
	pending := false
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		if prose.IsWordRune(r) {
			if pending && b.Len() > 0 {
				b.WriteByte('-')
			}
			pending = false
			b.WriteRune(r)
			continue
		}
		pending = true
	}
	return b.String()
}

// Classify tags a document with root-cause categories, primary first,
// contributing causes after; see Scoring for how. A rule-based category's
// confidence is strength × share, both from its score S: strength =
// 1 - exp(-S/Saturation) says how much evidence there is, share =
// S/(S+R) how clearly it beats its rival R (the runner-up for the primary,
// the primary for the others); it is at most 0.99, as 1 marks declared
// names. Categories declared in
// the input come first with Source SourceFrontmatter: known names and
// aliases as given, free text classified by the rules. Every category
// carries the sentence that justified it as Evidence.
func (t *Taxonomy) Classify(in ClassifyInput) []Category {
	return t.compiled().classify(in)
}

// compiled returns the compiled matcher, building it on first use. A nil
// Taxonomy is the default one.
func (t *Taxonomy) compiled() *matcher {
	if t == nil {
		d, err := defaultTaxonomy()
		if err != nil {
			panic(fmt.Sprintf("corpus: embedded taxonomy.yaml is invalid: %v", err))
		}
		return d.compiled()
	}
	t.once.Do(func() { t.m = compile(t) })
	return t.m
}
