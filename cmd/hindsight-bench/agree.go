package main

import (
	"fmt"
	"io"
	"sort"

	"github.com/hindsight-kb/hindsight/corpus"
)

// agreement counts how well parsed records match what the generator meant
// them to be, per generated format.
type agreement struct {
	Docs int `json:"docs"`
	// Title, Date, Duration and Format count records whose field equals
	// the generated value.
	Title    int `json:"title"`
	Date     int `json:"date"`
	Duration int `json:"duration"`
	Format   int `json:"format"`
	// Tagged counts documents whose categories come from the rule tagger
	// (none declared in frontmatter); TaggedRight those whose primary
	// category is the one generated.
	Tagged      int `json:"tagged"`
	TaggedRight int `json:"tagged_right"`
	// Declared counts documents with frontmatter categories;
	// DeclaredRight those whose primary category is the declared one.
	Declared      int `json:"declared"`
	DeclaredRight int `json:"declared_right"`
	// Confusions counts wrong rule-tagged primaries, "want->got".
	Confusions map[string]int `json:"confusions,omitempty"`
}

// recordFormat is the Record.Format a generated format should parse to.
func recordFormat(f string) string {
	switch f {
	case "html":
		return corpus.FormatHTML
	case "text", "statuspage":
		return corpus.FormatText
	}
	return corpus.FormatMarkdown
}

func (a *agreement) add(m manifestEntry, title string, rec corpus.Record) {
	a.Docs++
	if title != "" && rec.Title == title {
		a.Title++
	}
	if rec.Date == m.Date {
		a.Date++
	}
	if rec.DurationMinutes != nil && *rec.DurationMinutes == m.Duration {
		a.Duration++
	}
	if rec.Format == recordFormat(m.Format) {
		a.Format++
	}
	got := rec.PrimaryCategory()
	if m.Declared {
		a.Declared++
		if got == m.Category {
			a.DeclaredRight++
		}
		return
	}
	a.Tagged++
	if got == m.Category {
		a.TaggedRight++
		return
	}
	if a.Confusions == nil {
		a.Confusions = map[string]int{}
	}
	if got == "" {
		got = "(none)"
	}
	a.Confusions[m.Category+"->"+got]++
}

func (a *agreement) merge(b agreement) {
	a.Docs += b.Docs
	a.Title += b.Title
	a.Date += b.Date
	a.Duration += b.Duration
	a.Format += b.Format
	a.Tagged += b.Tagged
	a.TaggedRight += b.TaggedRight
	a.Declared += b.Declared
	a.DeclaredRight += b.DeclaredRight
	for k, v := range b.Confusions {
		if a.Confusions == nil {
			a.Confusions = map[string]int{}
		}
		a.Confusions[k] += v
	}
}

func pct(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return 100 * float64(n) / float64(d)
}

// printAgreement writes one line per format and the most common tagging
// confusions.
func printAgreement(w io.Writer, byFormat map[string]*agreement) {
	fmt.Fprintf(w, "%-14s %6s %6s %6s %6s %6s %8s %8s\n", "format", "docs", "title", "date", "durat.", "format", "tagger", "declared")
	var all agreement
	for _, f := range formatNames {
		a := byFormat[f]
		if a == nil {
			continue
		}
		all.merge(*a)
		fmt.Fprintf(w, "%-14s %6d %5.1f%% %5.1f%% %5.1f%% %5.1f%% %7.1f%% %7.1f%%\n", f, a.Docs,
			pct(a.Title, a.Docs), pct(a.Date, a.Docs), pct(a.Duration, a.Docs), pct(a.Format, a.Docs),
			pct(a.TaggedRight, a.Tagged), pct(a.DeclaredRight, a.Declared))
	}
	fmt.Fprintf(w, "%-14s %6d %5.1f%% %5.1f%% %5.1f%% %5.1f%% %7.1f%% %7.1f%%\n", "all", all.Docs,
		pct(all.Title, all.Docs), pct(all.Date, all.Docs), pct(all.Duration, all.Docs), pct(all.Format, all.Docs),
		pct(all.TaggedRight, all.Tagged), pct(all.DeclaredRight, all.Declared))
	type kv struct {
		k string
		v int
	}
	var cs []kv
	for k, v := range all.Confusions {
		cs = append(cs, kv{k, v})
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].v > cs[j].v || cs[i].v == cs[j].v && cs[i].k < cs[j].k })
	if len(cs) > 8 {
		cs = cs[:8]
	}
	if len(cs) > 0 {
		fmt.Fprint(w, "top tagger confusions (generated->tagged):")
		for _, c := range cs {
			fmt.Fprintf(w, " %s %d", c.k, c.v)
		}
		fmt.Fprintln(w)
	}
}
