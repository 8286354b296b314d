package index

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// Trend intervals and dimensions.
const (
	IntervalMonth   = "month"
	IntervalQuarter = "quarter"
	IntervalYear    = "year"
	ByCategory      = "category"
	ByService       = "service"
)

// TrendsRequest selects incidents (the search query language) and how to
// bucket them.
type TrendsRequest struct {
	Query string
	// Interval is IntervalMonth, IntervalQuarter or IntervalYear; "" =
	// month.
	Interval string
	// By is ByCategory or ByService; "" = category.
	By string
	// Now anchors relative dates in Query; zero = time.Now().
	Now time.Time
}

// Trends is incident counts over time.
type Trends struct {
	Interval string `json:"interval"`
	By       string `json:"by"`
	// Buckets are "2024-03", "2024-Q1" or "2024", oldest first, without
	// gaps from the first incident to the last.
	Buckets []string `json:"buckets"`
	// Series holds one line per category (or service), largest first.
	Series []TrendSeries `json:"series"`
	// Durations holds duration statistics per category.
	Durations     []DurationStat `json:"durations"`
	Services      []FacetValue   `json:"services"`
	Organizations []FacetValue   `json:"organizations"`
	// Total counts matching incidents, with or without a date.
	Total int `json:"total"`
}

// TrendSeries is one category's (or service's) counts per bucket.
type TrendSeries struct {
	Name   string      `json:"name"`
	Counts []int       `json:"counts"`
	Total  int         `json:"total"`
	Change TrendChange `json:"change"`
}

// TrendChange compares the last bucket with the one before it.
type TrendChange struct {
	Last     int `json:"last"`
	Previous int `json:"previous"`
	Absolute int `json:"absolute"`
	// Percent is nil when the previous bucket is zero.
	Percent *float64 `json:"percent"`
}

// DurationStat summarises one category's incident durations. Above 100
// minutes durations are bucketed to two significant digits, so the
// figures are exact to within 10%.
type DurationStat struct {
	Name          string `json:"name"`
	Count         int    `json:"count"`
	MedianMinutes int    `json:"median_minutes"`
	P90Minutes    int    `json:"p90_minutes"`
}

// trendFacetSize bounds the combined-term facets (category × month).
const trendFacetSize = 50000

// Trends counts incidents per category (or service) per interval, from
// facets only: it never loads stored documents.
func (ix *Index) Trends(ctx context.Context, req TrendsRequest) (*Trends, error) {
	interval := req.Interval
	if interval == "" {
		interval = IntervalMonth
	}
	if interval != IntervalMonth && interval != IntervalQuarter && interval != IntervalYear {
		return nil, fmt.Errorf("interval %q: want month, quarter or year", req.Interval)
	}
	by := req.By
	if by == "" {
		by = ByCategory
	}
	if by != ByCategory && by != ByService {
		return nil, fmt.Errorf("by %q: want category or service", req.By)
	}
	pq, err := ix.parseSearchQuery(req.Query, req.Now)
	if err != nil {
		return nil, err
	}
	// Trends over unchanged incidents do not change: kept until a write.
	key, gen := cacheKey{query: req.Query, variant: interval + "/" + by}, ix.writeGen.Load()
	if !pq.Relative {
		if t, ok := ix.trends.Get(key, gen); ok {
			return t, nil
		}
	}
	q, _, _ := ix.buildQuery(pq, false)
	sr := bleve.NewSearchRequestOptions(q, 0, 0, false)
	sr.Score = "none"
	seriesField, seriesTab := fCatMonth, ix.catMonth
	if by == ByService {
		seriesField, seriesTab = fSvcMonth, ix.svcMonth
	}
	// The three fields are counted from the facet tables; bleve counts
	// them only when those are unavailable.
	tctx, termsOf := ix.countingTerms(ctx, nil, seriesTab, ix.catDur, ix.facets)
	res, err := ix.bi.SearchInContext(tctx, sr)
	if err != nil {
		return nil, fmt.Errorf("trends: %w", err)
	}
	tcs, err := termsOf()
	ix.paths.count(false, err)
	if err != nil {
		sr.AddFacet("series", bleve.NewFacetRequest(seriesField, trendFacetSize))
		sr.AddFacet("dur", bleve.NewFacetRequest(fCatDur, trendFacetSize))
		addFacets(sr)
		if res, err = ix.bi.SearchInContext(ctx, sr); err != nil {
			return nil, fmt.Errorf("trends: %w", err)
		}
		tcs = [][]termCount{facetTerms(res.Facets["series"]), facetTerms(res.Facets["dur"]), facetTerms(res.Facets[fFacets])}
	}
	seriesTerms, durTerms, facetTermList := tcs[0], tcs[1], tcs[2]
	out := &Trends{Interval: interval, By: by, Total: int(res.Total)}
	out.Buckets, out.Series = trendSeries(seriesTerms, interval)
	out.Durations = durationStats(durTerms)
	f := facetsFromTerms(facetTermList)
	out.Services, out.Organizations = f.Services, f.Organizations
	if !pq.Relative {
		ix.trends.Put(key, gen, out)
	}
	return out, nil
}

// trendSeries turns "name|YYYY-MM" counts into the buckets of interval
// from the first month seen to the last, and one series per name, largest
// total first.
func trendSeries(terms []termCount, interval string) ([]string, []TrendSeries) {
	counts := map[string]map[string]int{} // name -> bucket -> count
	var first, last string
	for _, t := range terms {
		name, month, ok := strings.Cut(t.term, "|")
		if !ok || len(month) != 7 {
			continue
		}
		if first == "" || month < first {
			first = month
		}
		last = max(last, month)
		b := bucketOf(month, interval)
		if counts[name] == nil {
			counts[name] = map[string]int{}
		}
		counts[name][b] += t.count
	}
	buckets, series := []string{}, []TrendSeries{}
	if first != "" {
		buckets = bucketRange(first, last, interval)
	}
	for name, m := range counts {
		s := TrendSeries{Name: name, Counts: make([]int, len(buckets))}
		for i, b := range buckets {
			s.Counts[i] = m[b]
			s.Total += m[b]
		}
		s.Change = changeOf(s.Counts)
		series = append(series, s)
	}
	sort.Slice(series, func(i, j int) bool {
		if series[i].Total != series[j].Total {
			return series[i].Total > series[j].Total
		}
		return series[i].Name < series[j].Name
	})
	return buckets, series
}

// changeOf compares the last bucket of counts with the one before it.
func changeOf(counts []int) TrendChange {
	var c TrendChange
	k := len(counts)
	if k == 0 {
		return c
	}
	c.Last = counts[k-1]
	if k > 1 {
		c.Previous = counts[k-2]
	}
	c.Absolute = c.Last - c.Previous
	if c.Previous > 0 {
		p := math.Round(float64(c.Absolute)/float64(c.Previous)*1000) / 10
		c.Percent = &p
	}
	return c
}

// durationStats turns "name|minutes" counts into the median and p90 time
// to restore per name, most incidents first.
func durationStats(terms []termCount) []DurationStat {
	type dc struct{ min, n int }
	durs := map[string][]dc{}
	for _, t := range terms {
		name, key, ok := strings.Cut(t.term, "|")
		if !ok {
			continue
		}
		m, err := strconv.Atoi(key)
		if err != nil {
			continue
		}
		durs[name] = append(durs[name], dc{m, t.count})
	}
	out := []DurationStat{}
	for name, list := range durs {
		sort.Slice(list, func(i, j int) bool { return list[i].min < list[j].min })
		n := 0
		for _, d := range list {
			n += d.n
		}
		pct := func(p float64) int {
			rank := int(math.Ceil(p * float64(n)))
			acc := 0
			for _, d := range list {
				acc += d.n
				if acc >= rank {
					return d.min
				}
			}
			return list[len(list)-1].min
		}
		out = append(out, DurationStat{Name: name, Count: n, MedianMinutes: pct(0.5), P90Minutes: pct(0.9)})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// bucketOf maps a "YYYY-MM" month to its bucket.
func bucketOf(month, interval string) string {
	switch interval {
	case IntervalYear:
		return month[:4]
	case IntervalQuarter:
		m, _ := strconv.Atoi(month[5:7])
		return fmt.Sprintf("%s-Q%d", month[:4], (m-1)/3+1)
	}
	return month
}

// bucketRange lists every bucket from the one holding first to the one
// holding last.
func bucketRange(first, last, interval string) []string {
	t, err1 := time.Parse("2006-01", first)
	end, err2 := time.Parse("2006-01", last)
	if err1 != nil || err2 != nil {
		return nil
	}
	var out []string
	for !t.After(end) {
		b := bucketOf(t.Format("2006-01"), interval)
		if len(out) == 0 || out[len(out)-1] != b {
			out = append(out, b)
		}
		t = t.AddDate(0, 1, 0)
	}
	return out
}
