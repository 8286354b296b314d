package index

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/analysis/tokenmap"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/hindsight-kb/hindsight/corpus"
	textanalysis "github.com/hindsight-kb/hindsight/index/internal/analysis"
)

// SchemaVersion identifies the mapping and the document layout below. Bump
// it whenever either changes: Open then rebuilds an index written with an
// older version (it is empty afterwards and Sync refills it). Bump it too
// when the bleve version or the segment format changes (8: bleve 2.6;
// 9: the stored defaults_hash).
const SchemaVersion = 9

// schemaKey is the bleve internal key holding SchemaVersion.
var schemaKey = []byte("hindsight_schema_version")

// Text fields, analysed with the English analyser. The first seven are
// stored too, for highlighted fragments and for Get.
const (
	fTitle       = "title"
	fSummary     = "summary"
	fRootCause   = "root_cause"
	fImpact      = "impact"
	fResolution  = "resolution"
	fLessons     = "lessons"
	fBody        = "body"
	fActionItems = "action_items"
	fTimeline    = "timeline"
)

// Keyword fields, lower-cased, with doc values for facets and sorts.
const (
	fCategories      = "categories"
	fPrimaryCategory = "primary_category"
	fServices        = "services"
	fOrganization    = "organization"
	fSeverity        = "severity"
	fFormat          = "format"
	fTags            = "tags"
	fHas             = "has"
	fYear            = "year"
	fStartedAt       = "started_at"
	fDuration        = "duration_minutes"
)

// Internal fields: not part of the query language.
const (
	fSource       = "source"        // exact, stored: Sync and path lookups
	fContentHash  = "content_hash"  // exact, stored: Sync
	fDefaultsHash = "defaults_hash" // exact, stored: Sync (folder defaults applied)
	fCatMonth     = "cat_month"     // "dns|2024-03": trends per category per month
	fSvcMonth     = "svc_month"     // "api|2024-03"
	fCatDur       = "cat_dur"       // "dns|0047": duration distribution per category
	fFacets       = "_facets"       // "c:dns", "s:Checkout", "y:2024"…: every facet in one doc-values field
	fSortStart    = "_sort_start"   // "20240315120000|id": the UTC start, then the id (a stable tie-break), one sortable term
	fSortDur      = "_sort_dur"     // "00000047|20240315120000|id": duration, then start and id; "-|…" without a duration
	fText         = "_text"         // every text field at once, for matching: see textDocument
	fHit          = "_hit"          // stored JSON: what a Hit shows
	fRec          = "_rec"          // stored JSON: the rest of the Record, for Get
)

// storedTextFields are indexed text fields whose values are stored: they
// give highlighted fragments and are put back into the Record by Get.
var storedTextFields = []string{fTitle, fSummary, fRootCause, fImpact, fResolution, fLessons, fBody}

// textFields are all English-analysed fields.
var textFields = []string{fTitle, fSummary, fRootCause, fImpact, fResolution, fLessons, fBody, fActionItems, fTimeline}

const (
	analyzerKeywordLower = "keyword_lower"
	// analyzerText is bleve's English analyser (possessives, lower case,
	// stop words, Porter stemming) with a stop list that keeps the words
	// incidents are made of: "out" of memory, "down", "no" space left.
	analyzerText = "en_sre"
)

// keptStopWords are removed from the English stop list.
var keptStopWords = map[string]bool{
	"out": true, "down": true, "up": true, "off": true, "no": true, "not": true,
	"over": true, "under": true, "against": true, "again": true, "too": true, "few": true,
}

// sreStopWords returns bleve's English stop words minus keptStopWords.
func sreStopWords() []interface{} {
	var out []interface{}
	for _, line := range strings.Split(string(en.EnglishStopWords), "\n") {
		if i := strings.Index(line, "|"); i >= 0 {
			line = line[:i]
		}
		for _, w := range strings.Fields(line) {
			if !keptStopWords[w] {
				out = append(out, w)
			}
		}
	}
	return out
}

// newMapping builds the explicit index mapping: no dynamic fields, BM25.
func newMapping() (*mapping.IndexMappingImpl, error) {
	im := bleve.NewIndexMapping()
	im.ScoringModel = bindex.BM25Scoring
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false
	im.DefaultAnalyzer = analyzerText
	err := errors.Join(
		im.AddCustomAnalyzer(analyzerKeywordLower, map[string]interface{}{
			"type":          custom.Name,
			"tokenizer":     single.Name,
			"token_filters": []interface{}{lowercase.Name},
		}),
		im.AddCustomTokenMap("stop_sre_words", map[string]interface{}{
			"type":   tokenmap.Name,
			"tokens": sreStopWords(),
		}),
		im.AddCustomTokenFilter("stop_sre", map[string]interface{}{
			"type":           stop.Name,
			"stop_token_map": "stop_sre_words",
		}),
		im.AddCustomAnalyzer(analyzerText, map[string]interface{}{
			"type":          custom.Name,
			"tokenizer":     textanalysis.TokenizerName,
			"token_filters": []interface{}{en.PossessiveName, lowercase.Name, "stop_sre", textanalysis.StemmerName},
		}),
	)
	if err != nil {
		return nil, fmt.Errorf("define analyzers: %w", err)
	}

	dm := bleve.NewDocumentStaticMapping()
	text := func(name string, store bool) {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzerText
		f.Store = store
		f.IncludeTermVectors = true // phrases and highlighting
		f.IncludeInAll = false
		f.DocValues = false
		dm.AddFieldMappingsAt(name, f)
	}
	for _, name := range textFields {
		store := false
		for _, s := range storedTextFields {
			store = store || s == name
		}
		text(name, store)
	}
	kw := func(name, analyzer string, store, docValues bool) {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = store
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = docValues
		dm.AddFieldMappingsAt(name, f)
	}
	// Filter fields are only searched; facets read _facets, one doc-values
	// field for all of them, because visiting doc values costs per field
	// per matching document.
	for _, name := range []string{fCategories, fPrimaryCategory, fServices, fOrganization, fSeverity, fFormat, fTags, fHas, fYear} {
		kw(name, analyzerKeywordLower, false, false)
	}
	// Sorts read one keyword term per document: doc values of numeric
	// and date fields hold every precision-shifted term of the value,
	// several times the bytes to decode per matching document.
	for _, name := range []string{fFacets, fCatMonth, fSvcMonth, fCatDur, fSortStart, fSortDur} {
		kw(name, keyword.Name, false, true)
	}
	kw(fSource, keyword.Name, true, false)
	kw(fContentHash, keyword.Name, true, false)
	kw(fDefaultsHash, keyword.Name, true, false)

	dt := bleve.NewDateTimeFieldMapping()
	dt.IncludeInAll = false
	dt.DocValues = false
	dm.AddFieldMappingsAt(fStartedAt, dt)
	// Numeric fields index 16 precision-shifted terms per value, so only
	// the one range queries need is numeric; open action items are a
	// has: keyword and a count in the stored hit.
	dur := bleve.NewNumericFieldMapping()
	dur.IncludeInAll = false
	dur.DocValues = false
	dm.AddFieldMappingsAt(fDuration, dur)
	for _, name := range []string{fHit, fRec} {
		f := bleve.NewTextFieldMapping()
		f.Index = false
		f.Store = true
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = false
		dm.AddFieldMappingsAt(name, f)
	}
	// bleve's own catch-all "_all" keeps term vectors, which would
	// double the index; _text (textDocument) replaces it.
	dm.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	im.DefaultMapping = dm
	if err := im.Validate(); err != nil {
		return nil, fmt.Errorf("index mapping: %w", err)
	}
	return im, nil
}

// Prefixes of the _facets terms. Services and organizations keep their
// display case; the facet value is lower-cased when read.
const (
	facetCategory = "c:"
	facetService  = "s:"
	facetOrg      = "o:"
	facetSeverity = "v:"
	facetYear     = "y:"
	facetDuration = "d:"
)

// durationBucket returns the duration facet bucket of minutes.
func durationBucket(m int) string {
	for _, b := range durationBuckets {
		if float64(m) >= b.min && float64(m) < b.max {
			return b.value
		}
	}
	return durationBuckets[0].value // negative: the shortest
}

// storedHit is the compact stored JSON from which a Hit is built without
// decoding the whole record.
type storedHit struct {
	Source          string   `json:"s,omitempty"`
	Title           string   `json:"t,omitempty"`
	Date            string   `json:"d,omitempty"`
	DurationMinutes *int     `json:"m,omitempty"`
	Categories      []string `json:"c,omitempty"`
	Organization    string   `json:"o,omitempty"`
	Severity        string   `json:"v,omitempty"`
	Services        []string `json:"sv,omitempty"`
	OpenActions     int      `json:"a,omitempty"`
}

// startedAt returns the incident start: StartedAt, else Date at midnight
// UTC; ok is false when the record says neither.
func startedAt(r *corpus.Record) (time.Time, bool) {
	if r.StartedAt != nil && !r.StartedAt.IsZero() {
		return *r.StartedAt, true
	}
	if r.Date != "" {
		if t, err := time.Parse("2006-01-02", r.Date); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// sortTimeKey is t in UTC as a fixed-width term that sorts like the time
// (years 0–9999).
func sortTimeKey(t time.Time) string {
	return t.UTC().Format("20060102150405")
}

// recordDate returns the YYYY-MM-DD day of the incident, or "".
func recordDate(r *corpus.Record) string {
	if r.Date != "" {
		return r.Date
	}
	if t, ok := startedAt(r); ok {
		return t.Format("2006-01-02")
	}
	return ""
}

func openActions(r *corpus.Record) int {
	n := 0
	for _, a := range r.ActionItems {
		if !a.Done {
			n++
		}
	}
	return n
}

// durationKey buckets minutes for the per-category duration histogram:
// exact up to 100 minutes, then two significant digits, zero-padded so
// keys sort numerically.
func durationKey(m int) string {
	if m < 0 {
		m = 0
	}
	if m > 100 {
		p := 1
		for m/p >= 100 {
			p *= 10
		}
		m = (m / p) * p
	}
	return fmt.Sprintf("%08d", m)
}

// textDocument maps a record's fields with m and adds _text: all text
// fields at once, summed from their analysed tokens (so nothing is
// analysed twice) and indexed without positions (see textField). Queries match words on
// _text, one posting list per word however many fields hold it, and use
// the per-field terms only to score the documents that match.
func textDocument(m mapping.IndexMapping, id string, fields map[string]interface{}) (*document.Document, error) {
	doc := document.NewDocument(id)
	if err := m.MapDocument(doc, fields); err != nil {
		return nil, err
	}
	for i, f := range doc.Fields {
		if tf, ok := f.(*document.TextField); ok && tf.Options().IsIndexed() {
			doc.Fields[i] = &textanalysis.AnalysedField{TextField: tf}
		}
	}
	doc.AddField(textanalysis.NewSumField(doc, fText, textFields))
	return doc, nil
}

// toDoc turns a record into the bleve document.
func toDoc(r *corpus.Record) (map[string]interface{}, error) {
	d := map[string]interface{}{
		fTitle:        r.Title,
		fSummary:      r.Summary,
		fRootCause:    joinNonEmpty(r.RootCause, r.Trigger),
		fImpact:       r.Impact,
		fResolution:   r.Resolution,
		fLessons:      r.Lessons,
		fBody:         bodyRest(r),
		fSource:       r.Source,
		fContentHash:  r.ContentHash,
		fDefaultsHash: r.DefaultsHash,
		fFormat:       r.Format,
	}
	var ai []string
	for _, a := range r.ActionItems {
		ai = append(ai, a.Text)
	}
	d[fActionItems] = strings.Join(ai, "\n")
	var tl []string
	for _, e := range r.Timeline {
		tl = append(tl, e.Text)
	}
	d[fTimeline] = strings.Join(tl, "\n")

	cats := make([]string, 0, len(r.Categories))
	for _, c := range r.Categories {
		if c.Name != "" {
			cats = append(cats, c.Name)
		}
	}
	if len(cats) > 0 {
		d[fCategories] = cats
		d[fPrimaryCategory] = cats[0]
	}
	svcs := nonEmpty(r.Services)
	facets := make([]string, 0, 8)
	for _, c := range cats {
		facets = append(facets, facetCategory+c)
	}
	if len(svcs) > 0 {
		d[fServices] = svcs
		for _, s := range svcs {
			facets = append(facets, facetService+s)
		}
	}
	if r.Organization != "" {
		d[fOrganization] = r.Organization
		facets = append(facets, facetOrg+r.Organization)
	}
	if r.Severity != "" {
		d[fSeverity] = r.Severity
		facets = append(facets, facetSeverity+strings.ToLower(r.Severity))
	}
	if tags := nonEmpty(r.Tags); len(tags) > 0 {
		d[fTags] = tags
	}
	var has []string
	if len(r.ActionItems) > 0 {
		has = append(has, "action_items")
	}
	if len(r.Timeline) > 0 {
		has = append(has, "timeline")
	}
	if strings.TrimSpace(r.RootCause) != "" {
		has = append(has, "root_cause")
	}
	open := openActions(r)
	if open > 0 {
		has = append(has, "open_actions")
	}
	if len(has) > 0 {
		d[fHas] = has
	}
	// The id ends every sort key, so that incidents that tie on their
	// date (or have none) keep one order whatever the segment layout.
	// Without a start the key begins with "|", after every digit: last
	// in either direction.
	startKey := "|" + r.ID
	if t, ok := startedAt(r); ok {
		d[fStartedAt] = t.UTC()
		startKey = sortTimeKey(t) + startKey
		d[fYear] = strconv.Itoa(t.Year())
		month := t.Format("2006-01")
		if r.Date != "" && len(r.Date) >= 7 {
			month = r.Date[:7] // the incident's own zone
			d[fYear] = r.Date[:4]
		}
		var cm, sm []string
		for _, c := range cats {
			cm = append(cm, c+"|"+month)
		}
		for _, s := range svcs {
			sm = append(sm, strings.ToLower(s)+"|"+month)
		}
		if len(cm) > 0 {
			d[fCatMonth] = cm
		}
		if len(sm) > 0 {
			d[fSvcMonth] = sm
		}
	}
	d[fSortStart] = startKey
	if y, ok := d[fYear].(string); ok {
		facets = append(facets, facetYear+y)
	}
	if r.DurationMinutes != nil {
		d[fDuration] = float64(*r.DurationMinutes)
		d[fSortDur] = fmt.Sprintf("%08d|%s", max(0, min(*r.DurationMinutes, 99999999)), startKey)
		facets = append(facets, facetDuration+durationBucket(*r.DurationMinutes))
		var cd []string
		for _, c := range cats {
			cd = append(cd, c+"|"+durationKey(*r.DurationMinutes))
		}
		if len(cd) > 0 {
			d[fCatDur] = cd
		}
	} else {
		// "-" sorts before every digit: last among the longest, and in
		// a stable order among themselves.
		d[fSortDur] = "-|" + startKey
	}

	d[fFacets] = facets

	h := storedHit{
		Source: r.Source, Title: r.Title, Date: recordDate(r), DurationMinutes: r.DurationMinutes,
		Categories: cats, Organization: r.Organization, Severity: r.Severity, Services: svcs, OpenActions: open,
	}
	hb, err := json.Marshal(h)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", r.ID, err)
	}
	d[fHit] = string(hb)

	// The rest of the record: the stored section fields are kept once
	// only; the body field holds only the text no other field has, so
	// the whole body is kept here.
	rest := *r
	rest.Title, rest.Summary, rest.Impact, rest.Resolution, rest.Lessons = "", "", "", "", ""
	rb, err := json.Marshal(rest)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", r.ID, err)
	}
	d[fRec] = string(rb)
	return d, nil
}

// bodyRest returns the body without the text of the sections that have
// fields of their own (title, summary, impact, root cause, trigger,
// resolution, lessons, action items, timeline), so that no text is
// analysed and indexed twice: every word of a document is searchable in
// exactly one field, and the field says how much it counts.
func bodyRest(r *corpus.Record) string {
	// Cut in place in one copy of the body: a string per cut copied the
	// whole body each time (timelines have dozens of entries).
	body := []byte(r.Body)
	for _, s := range sectionTexts(r) {
		if i := bytes.Index(body, []byte(s)); i >= 0 {
			body[i] = '\n'
			body = append(body[:i+1], body[i+len(s):]...)
		}
	}
	return string(body)
}

// sectionTexts are the texts bodyRest cuts from the body, in order: each
// section with a field of its own, trimmed, when long enough (12 bytes)
// not to be cut out of some unrelated sentence.
func sectionTexts(r *corpus.Record) []string {
	all := []string{r.RootCause, r.Trigger, r.Summary, r.Impact, r.Resolution, r.Lessons}
	for _, a := range r.ActionItems {
		all = append(all, a.Text)
	}
	for _, e := range r.Timeline {
		all = append(all, e.Text)
	}
	all = append(all, r.Title)
	out := all[:0]
	for _, s := range all {
		if s = strings.TrimSpace(s); len(s) >= 12 {
			out = append(out, s)
		}
	}
	return out
}

func joinNonEmpty(parts ...string) string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n\n")
}

func nonEmpty(in []string) []string {
	var out []string
	for _, s := range in {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
