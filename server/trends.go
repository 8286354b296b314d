package server

import (
	"fmt"
	"html/template"
	"net/http"
	"sort"

	"github.com/hindsight-kb/hindsight/index"
	"github.com/hindsight-kb/hindsight/ui"
	"github.com/labstack/echo/v5"
)

var intervals = []string{"month", "quarter", "year"}

type seriesView struct {
	Name, URL, Change string
	Total             int
	Chart             template.HTML
}

type durationView struct {
	Name, Median, P90 string
	Count             int
}

type trendRow struct {
	Bucket string
	Counts []int
}

type trendsPage struct {
	page
	Interval      string
	Intervals     []link
	SearchURL     string
	Empty         bool
	Total         int
	TotalChart    template.HTML
	Series        []seriesView
	Rows          []trendRow
	Durations     []durationView
	DurationChart template.HTML
	Services      []facetLink
	ServiceChart  template.HTML
}

type trendsParams struct{ Q, Interval, By string }

func (s *Server) parseTrends(c *echo.Context) (trendsParams, error) {
	var p trendsParams
	var err error
	if p.Q, err = queryParam(c); err != nil {
		return p, err
	}
	if p.Interval, err = choiceParam(c, "interval", intervals...); err != nil {
		return p, err
	}
	if p.By, err = choiceParam(c, "by", "category", "service"); err != nil {
		return p, err
	}
	return p, nil
}

func (s *Server) trends(c *echo.Context, p trendsParams) (*index.Trends, error) {
	return s.ix.Trends(c.Request().Context(), index.TrendsRequest{Query: p.Q, Interval: p.Interval, By: p.By, Now: s.now()})
}

func (s *Server) trendsPage(c *echo.Context) error {
	p, err := s.parseTrends(c)
	if err != nil {
		return err
	}
	p.By = "category"
	if p.Interval == "" {
		p.Interval = "quarter"
	}
	key := pageKey("trends", p.Q, p.Interval)
	return s.cachedPage(c, key, func() (pageView, error) {
		view := trendsPage{page: page{Title: "Trends", Nav: "trends", Q: p.Q}, Interval: p.Interval}
		if p.Q != "" {
			view.Title = "Trends for " + p.Q
		}
		for _, iv := range intervals {
			view.Intervals = append(view.Intervals, link{Label: iv, URL: s.link("/trends", "q", p.Q, "interval", iv), Active: iv == p.Interval})
		}
		view.SearchURL = s.searchLink(p.Q)
		t, err := s.trends(c, p)
		if msg := queryErr(err); msg != "" {
			view.QueryError = msg
			view.Empty = true
			return pageView{Status: http.StatusBadRequest, Template: "trends", Data: view}, nil
		}
		if err != nil {
			return pageView{}, errInternal(fmt.Errorf("trends %q: %w", p.Q, err))
		}
		s.fillTrends(&view, p, t)
		return pageView{Status: http.StatusOK, Template: "trends", Data: view, Cacheable: !relativeQuery(p.Q)}, nil
	})
}

func (s *Server) fillTrends(view *trendsPage, p trendsParams, t *index.Trends) {
	view.Total = t.Total
	view.Empty = t.Total == 0
	if t.Interval != "" {
		view.Interval = t.Interval
	}
	series := append([]index.TrendSeries(nil), t.Series...)
	sort.SliceStable(series, func(i, j int) bool { return series[i].Total > series[j].Total })
	totals := make([]int, len(t.Buckets))
	var shown []index.TrendSeries
	for _, ser := range series {
		if ser.Total == 0 {
			continue
		}
		shown = append(shown, ser)
		for i, v := range ser.Counts {
			if i < len(totals) {
				totals[i] += v
			}
		}
	}
	view.TotalChart = ui.ColumnChart("chart-all", 720, t.Buckets, ui.Series{Name: "All root causes", Values: totals, Unit: "root-cause tags"}, "c0")
	for i, ser := range shown {
		q := s.filterQuery("category", ser.Name)
		if pq := parseFilters(p.Q); p.Q != "" && !pq.Has("category", ser.Name) {
			q = pq.Toggle("category", ser.Name)
		}
		view.Series = append(view.Series, seriesView{
			Name: ser.Name, URL: s.searchLink(q), Total: ser.Total, Change: changeText(ser, t.Interval),
			Chart: ui.ColumnChart(fmt.Sprintf("chart-%d", i), 360, t.Buckets, ui.Series{Name: ser.Name, Values: ser.Counts}, "c1"),
		})
	}
	for bi, b := range t.Buckets {
		row := trendRow{Bucket: b}
		for _, ser := range shown {
			v := 0
			if bi < len(ser.Counts) {
				v = ser.Counts[bi]
			}
			row.Counts = append(row.Counts, v)
		}
		view.Rows = append(view.Rows, row)
	}
	var bars []ui.Bar
	for _, d := range t.Durations {
		if d.Count == 0 {
			continue
		}
		med, p90 := d.MedianMinutes, d.P90Minutes
		dv := durationView{Name: d.Name, Count: d.Count, Median: ui.FormatDuration(&med), P90: ui.FormatDuration(&p90)}
		view.Durations = append(view.Durations, dv)
		bars = append(bars, ui.Bar{Label: d.Name, Value: round1(float64(med) / 60), Second: round1(float64(p90) / 60), HasSecond: true,
			ValueText: ui.FormatHours(med), SecondText: ui.FormatHours(p90)})
	}
	if len(bars) > 0 {
		view.DurationChart = ui.BarChart("chart-durations", "Median and p90 hours to restore, per root cause", "hours", bars)
	}
	var sbars []ui.Bar
	for i, sv := range t.Services {
		if i >= 12 {
			break
		}
		view.Services = append(view.Services, facetLink{Label: sv.Label, Value: sv.Value, Count: sv.Count,
			URL: s.searchLink(s.filterQuery("service", sv.Value))})
		sbars = append(sbars, ui.Bar{Label: orID(sv.Label, sv.Value), Value: float64(sv.Count)})
	}
	for i := range view.Services {
		if view.Services[i].Label == "" {
			view.Services[i].Label = view.Services[i].Value
		}
	}
	if len(sbars) > 0 {
		view.ServiceChart = ui.BarChart("chart-services", "Incidents per service", "incidents", sbars)
	}
}

func round1(v float64) float64 { return float64(int(v*10+0.5)) / 10 }

// changeText describes the last period against the one before.
func changeText(ser index.TrendSeries, interval string) string {
	if len(ser.Counts) < 2 {
		return ""
	}
	last, prev := ser.Counts[len(ser.Counts)-1], ser.Counts[len(ser.Counts)-2]
	d := last - prev
	switch {
	case d == 0:
		return fmt.Sprintf("(%d last %s, same as before)", last, interval)
	case prev == 0:
		return fmt.Sprintf("(%d last %s, up from 0)", last, interval)
	default:
		return fmt.Sprintf("(%d last %s, %+d%% vs previous)", last, interval, d*100/prev)
	}
}
