package classify

import (
	"math"
	"sort"
	"strings"

	"github.com/hindsight-kb/hindsight/corpus/internal/prose"
)

// Section names a part of a document. Features and rule scores carry the
// section they come from, because the same word says more about the root
// cause in a root-cause section than in a timeline.
type Section string

// The sections of Input.
const (
	SecTitle     Section = "title"
	SecSummary   Section = "summary"
	SecRootCause Section = "root"
	SecRest      Section = "rest"
	// SecAll is the whole document, for rule scores that weigh every
	// section together (the taxonomy's own verdict).
	SecAll Section = "all"
)

// Input is the text of one document, split by section, with the scores
// the taxonomy's rules gave it.
type Input struct {
	Title     string
	Summary   string
	RootCause string
	Rest      string
	// Rules are the taxonomy's rule scores, one per section and category
	// that scored above zero.
	Rules []RuleScore
}

// RuleScore is the score the taxonomy's rules gave one category in one
// section, with the sentence that scored most.
type RuleScore struct {
	Section  Section `json:"section"`
	Category string  `json:"category"`
	Score    float64 `json:"score"`
	Evidence string  `json:"evidence"`
}

// Features selects the feature templates; the training program picks
// them by cross-validation and the model file records them, so that
// prediction builds exactly the features the weights were fitted on.
type Features struct {
	// Shared adds the taxonomy's rule score of each category in each
	// section as evidence for that same category, with one weight per
	// section shared by all categories ("rule:root"): what the rules say
	// about a rare category is learned from every document.
	Shared bool `json:"shared"`
	// Rules adds the taxonomy's rule scores per section as evidence for
	// any category, one weight per category ("rule:root:dns"): the rules
	// of one category may argue for another.
	Rules bool `json:"rules"`
	// Top adds the category the taxonomy's rules rank first, as a shared
	// feature ("top").
	Top bool `json:"top"`
	// Words adds stemmed words of the title, summary and root cause
	// ("w:root:disk").
	Words bool `json:"words"`
	// Pairs adds adjacent word pairs of the same sections
	// ("p:root:disk_full").
	Pairs bool `json:"pairs"`
	// Rest adds stemmed words of the rest of the document ("w:rest:disk").
	Rest bool `json:"rest"`
	// Cues adds the words on the cause side of causal connectives, in any
	// section ("c:disk").
	Cues bool `json:"cues"`
	// Negation turns negated words into features of their own
	// ("n:ddos") instead of word features.
	Negation bool `json:"negation"`
}

// feature is one feature of a document: its name, value, and the
// sentences that gave rise to it (for explanations).
type feature struct {
	name  string
	value float64
	sents []int
}

// sharedFeature is a feature of one category whose weight all
// categories share: the rules' score of that category.
type sharedFeature struct {
	name  string
	class string
	value float64
	sent  int
}

// doc is a document turned into features.
type doc struct {
	feats  []feature
	shared []sharedFeature
	// sents are the candidate evidence sentences, cleaned for display.
	sents []string
}

// wordSections are the sections whose words and pairs are features.
var wordSections = []struct {
	sec  Section
	text func(Input) string
}{
	{SecTitle, func(in Input) string { return in.Title }},
	{SecSummary, func(in Input) string { return in.Summary }},
	{SecRootCause, func(in Input) string { return in.RootCause }},
	{SecRest, func(in Input) string { return in.Rest }},
}

// extract turns in into features with the templates of f. Each group of
// features (a section's words, the rule scores…) is scaled to unit
// length, so that a long document does not outvote a short one and the
// fit's step size can be fixed.
func extract(in Input, f Features) doc {
	b := newBuilder()
	for _, ws := range wordSections {
		if ws.sec == SecRest && !f.Rest {
			continue
		}
		if ws.sec != SecRest && !f.Words && !f.Pairs && !f.Cues && !f.Negation {
			continue
		}
		prose.Sentences(ws.text(in), func(start, end int) {
			b.sentence(ws.sec, ws.text(in)[start:end], f)
		})
	}
	if f.Rules || f.Top || f.Shared {
		b.rules(in.Rules, f)
	}
	return b.finish()
}

// builder collects the features of one document.
type builder struct {
	groups map[string]map[string]*feature // group -> name -> feature
	sents  []string
	index  map[string]int // cleaned sentence -> index in sents
	shared []sharedFeature
}

func newBuilder() *builder {
	return &builder{groups: map[string]map[string]*feature{}, index: map[string]int{}}
}

// sentenceID returns the index of a cleaned sentence, adding it.
func (b *builder) sentenceID(s string) int {
	s = prose.Clean(s)
	if i, ok := b.index[s]; ok {
		return i
	}
	b.sents = append(b.sents, s)
	b.index[s] = len(b.sents) - 1
	return len(b.sents) - 1
}

// add adds value to the feature name of group, from sentence sent.
func (b *builder) add(group, name string, value float64, sent int) {
	g := b.groups[group]
	if g == nil {
		g = map[string]*feature{}
		b.groups[group] = g
	}
	ft := g[name]
	if ft == nil {
		ft = &feature{name: name}
		g[name] = ft
	}
	ft.value = max(ft.value, value)
	if len(ft.sents) == 0 || ft.sents[len(ft.sents)-1] != sent {
		ft.sents = append(ft.sents, sent)
	}
}

// sentence adds the word, pair, cue and negation features of one
// sentence of section sec.
func (b *builder) sentence(sec Section, text string, f Features) {
	toks := tokens(text)
	if len(toks) == 0 {
		return
	}
	id := b.sentenceID(text)
	s := string(sec)
	prev := ""
	for _, t := range toks {
		if t.stop {
			prev = ""
			continue
		}
		switch {
		case t.neg && f.Negation:
			b.add("neg", "n:"+t.stem, 1, id)
		case sec == SecRest:
			b.add("w:rest", "w:rest:"+t.stem, 1, id)
		default:
			if f.Words {
				b.add("w:"+s, "w:"+s+":"+t.stem, 1, id)
			}
			if f.Pairs && prev != "" && !t.brk {
				b.add("p:"+s, "p:"+s+":"+prev+"_"+t.stem, 1, id)
			}
		}
		if t.cause && f.Cues {
			b.add("cue", "c:"+t.stem, 1, id)
		}
		prev = t.stem
		if t.neg {
			prev = ""
		}
	}
}

// sharedScale brings log(1+score) of the rules to about [0, 1].
const sharedScale = 4

// rules adds the rule-score features.
func (b *builder) rules(rs []RuleScore, f Features) {
	top, topScore := -1, 0.0
	for i, r := range rs {
		if r.Score <= 0 || r.Category == "" {
			continue
		}
		id := b.sentenceID(r.Evidence)
		v := math.Log1p(r.Score)
		if f.Shared {
			b.shared = append(b.shared, sharedFeature{name: "rule:" + string(r.Section), class: r.Category,
				value: v / sharedScale, sent: id})
		}
		if r.Section == SecAll {
			if r.Score > topScore || r.Score == topScore && top >= 0 && r.Category < rs[top].Category {
				top, topScore = i, r.Score
			}
			continue
		}
		if f.Rules {
			b.add("rule", "rule:"+string(r.Section)+":"+r.Category, v, id)
		}
	}
	if f.Top && top >= 0 {
		b.shared = append(b.shared, sharedFeature{name: "top", class: rs[top].Category, value: 1,
			sent: b.sentenceID(rs[top].Evidence)})
	}
}

// finish scales each group to unit length and returns the features in
// name order.
func (b *builder) finish() doc {
	var out []feature
	for _, g := range b.groups {
		names := make([]string, 0, len(g))
		for name := range g {
			names = append(names, name)
		}
		sort.Strings(names)
		norm := 0.0
		for _, name := range names {
			norm += g[name].value * g[name].value
		}
		norm = math.Sqrt(norm)
		for _, name := range names {
			ft := g[name]
			if norm > 0 {
				ft.value /= norm
			}
			out = append(out, *ft)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return doc{feats: out, shared: b.shared, sents: b.sents}
}

// word is one token of a sentence.
type word struct {
	stem  string
	stop  bool // a function word: no feature of its own
	neg   bool // in the scope of a negation
	cause bool // on the cause side of a causal connective
	brk   bool // punctuation comes right before it
}

// negationScope is how many content words after "not", "no", "never"…
// are negated.
const negationScope = 3

// causeScope is how many content words after "caused by", "due to"… are
// the cause.
const causeScope = 8

// tokens splits a sentence into stemmed words, marking negation and
// cause scopes. Both end at punctuation.
func tokens(text string) []word {
	lower := prose.LowerSameLen(text)
	var out []word
	last := 0
	prose.Words(lower, func(start, end int) {
		w := lower[start:end]
		brk := strings.ContainsAny(lower[last:start], ",;:()[]|!?\"") ||
			strings.Contains(lower[last:start], ". ") || strings.Contains(lower[last:start], " - ")
		last = end
		out = append(out, word{stem: stem(w), stop: stopWords[w], brk: brk})
	})
	neg, cause := 0, 0
	for i := range out {
		t := &out[i]
		if t.brk || clauseWords[t.stem] {
			neg, cause = 0, 0
		}
		if !t.stop {
			if neg > 0 {
				t.neg = true
				neg--
			}
			if cause > 0 {
				t.cause = true
				cause--
			}
		}
		w := t.stem
		switch {
		case negators[w] || strings.HasSuffix(w, "n't") || strings.HasSuffix(w, "n’t"):
			neg = negationScope
			t.stop = true
		case causeCue(out, i):
			cause = causeScope
		}
	}
	return out
}

// causeCue reports whether toks[i] ends a causal connective after which
// the cause is written: "caused by", "due to", "because", "result of",
// "triggered by", "root cause (was)", "stemmed from", "traced to".
func causeCue(toks []word, i int) bool {
	prev := ""
	if i > 0 {
		prev = toks[i-1].stem
	}
	switch toks[i].stem {
	case "becaus":
		return true
	case "by":
		return prev == "caus" || prev == "trigger" || prev == "introduc"
	case "to":
		return prev == "due" || prev == "trac" || prev == "attribut"
	case "of":
		return prev == "result"
	case "from":
		return prev == "stemm" || prev == "stem" || prev == "originat"
	case "caus":
		return prev == "root" || prev == "underly" || prev == "main"
	}
	return false
}

// clauseWords start a new clause, which ends a negation's or a cause's
// scope ("could not connect because the disk was full").
var clauseWords = map[string]bool{"becaus": true, "but": true, "however": true, "although": true,
	"though": true, "so": true, "which": true, "while": true, "since": true, "when": true,
	"after": true, "instead": true, "whereas": true}

// negators negate the words after them.
var negators = map[string]bool{"not": true, "no": true, "never": true, "without": true,
	"cannot": true, "none": true, "nor": true, "neither": true}

// stopWords carry no cause of their own.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the and or but if then than so as at by for from in into
		of on onto to with within via per over under about after before during while when where
		which who whom whose what that this these those there here it its it's is was were are be
		been being am has have had having do does did doing we our us you your they their them he
		she his her i me my also just only very more most some any all each both such other same
		can could would should will shall may might must not no never up down out off again
		further once too s t`) {
		m[w] = true
	}
	// Negators stay in the token stream (they open a scope) but are not
	// features.
	for w := range negators {
		m[w] = false
	}
	return m
}()

// stem strips common English suffixes so that "expired", "expires" and
// "expiring" share one feature. It is deliberately light: the same
// stem for the same word is what matters, not a linguistic root.
func stem(w string) string {
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case n > 4 && strings.HasSuffix(w, "sses"):
		return w[:n-2]
	case n > 5 && strings.HasSuffix(w, "ing"):
		return w[:n-3]
	case n > 4 && strings.HasSuffix(w, "ed"):
		return w[:n-2]
	case n > 5 && strings.HasSuffix(w, "ly"):
		return w[:n-2]
	case n > 3 && strings.HasSuffix(w, "es") && !strings.HasSuffix(w, "ses"):
		return w[:n-1]
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") &&
		!strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		return w[:n-1]
	case n > 4 && strings.HasSuffix(w, "e"):
		return w[:n-1]
	}
	return w
}
