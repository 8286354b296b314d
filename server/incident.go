package server

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/hindsight-kb/hindsight/corpus"
	"github.com/hindsight-kb/hindsight/index"
	"github.com/hindsight-kb/hindsight/ui"
	"github.com/labstack/echo/v5"
)

type catView struct {
	Name, URL, Evidence, Confidence, Source string
	Primary                                 bool
}

type similarView struct {
	URL, Title, Date, Why string
}

type recurrence struct {
	URL, Title, When string
	// Shared says what the incidents share: "Same root cause (dns) and service (api)".
	Shared string
	Open   int
	Items  []string
}

type timelineView struct {
	At, DateTime, Text string
}

type incidentPage struct {
	page
	Rec        corpus.Record
	Timeline   []timelineView
	Primary    string
	Categories []catView
	Services   []link
	OrgURL     string
	Similar    []similarView
	Recurrence *recurrence
	Document   template.HTML
	SourceURL  string
}

// SafeLink returns an action item's link if it is http(s), else "".
func (incidentPage) SafeLink(s string) string { return safeURL(s) }

// LinkLabel names a link by its host and path.
func (incidentPage) LinkLabel(s string) string { return linkLabel(s) }

func (s *Server) incidentPage(c *echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	rec, err := s.ix.Get(ctx, id)
	if errors.Is(err, index.ErrNotFound) {
		return errNotFound("No incident with that id.")
	}
	if err != nil {
		return errInternal(fmt.Errorf("get %s: %w", id, err))
	}
	view := incidentPage{page: page{Title: rec.Title}, Rec: rec, Primary: rec.PrimaryCategory()}
	if view.Title == "" {
		view.Title = rec.ID
	}
	for i, cat := range rec.Categories {
		view.Categories = append(view.Categories, catView{
			Name: cat.Name, URL: s.searchLink(s.filterQuery("category", cat.Name)), Evidence: cat.Evidence,
			Confidence: fmt.Sprintf("confidence %.0f%%, from %s", cat.Confidence*100, cat.Source), Primary: i == 0,
		})
	}
	for _, svc := range rec.Services {
		view.Services = append(view.Services, link{Label: svc, URL: s.searchLink(s.filterQuery("service", svc))})
	}
	if rec.Organization != "" {
		view.OrgURL = s.searchLink(s.filterQuery("org", rec.Organization))
	}
	sim, err := s.ix.Similar(ctx, id, 5)
	if err != nil {
		s.log.Warn("similar incidents", "id", id, "error", err.Error())
	} else {
		for _, h := range sim.Similar {
			view.Similar = append(view.Similar, similarView{URL: s.incidentURL(h.ID), Title: orID(h.Title, h.ID), Date: h.Date, Why: whyText(h.Why)})
		}
		view.Recurrence = s.recurrence(ctx, rec, sim.Similar)
	}
	view.Timeline = timelineViews(rec)
	view.Document, view.SourceURL = s.document(rec)
	return s.render(c, http.StatusOK, "incident", view)
}

// timelineViews shows RFC 3339 stamps as "15:04" on the incident's own
// day and "2006-01-02 15:04" otherwise (in the stamp's zone, with the zone
// when it is not UTC); other stamps are shown as written.
func timelineViews(rec corpus.Record) []timelineView {
	out := make([]timelineView, 0, len(rec.Timeline))
	for _, e := range rec.Timeline {
		v := timelineView{At: e.At, Text: e.Text}
		if t, err := time.Parse(time.RFC3339, e.At); err == nil {
			v.DateTime = e.At
			layout := "2006-01-02 15:04"
			if t.Format("2006-01-02") == rec.Date {
				layout = "15:04"
			}
			if _, off := t.Zone(); off != 0 {
				layout += " -07:00"
			}
			v.At = t.Format(layout)
		}
		out = append(out, v)
	}
	return out
}

// whyText explains a similarity in one line.
func whyText(w index.Why) string {
	var parts []string
	if len(w.Categories) > 0 {
		parts = append(parts, "same root cause: "+strings.Join(w.Categories, ", "))
	}
	if len(w.Services) > 0 {
		parts = append(parts, "same services: "+strings.Join(w.Services, ", "))
	}
	if len(w.Terms) > 0 {
		t := w.Terms
		if len(t) > 6 {
			t = t[:6]
		}
		parts = append(parts, "shared terms: "+strings.Join(t, ", "))
	}
	return strings.Join(parts, "; ")
}

// recurrence finds the earlier incident that looks like the same failure
// and still has open action items (see index.RecurrenceOf).
func (s *Server) recurrence(ctx context.Context, rec corpus.Record, similar []index.SimilarHit) *recurrence {
	m, ok := index.RecurrenceOf(rec, similar)
	if !ok {
		return nil
	}
	h := m.Hit
	r := &recurrence{URL: s.incidentURL(h.ID), Title: orID(h.Title, h.ID), When: ui.MonthYear(h.Date), Open: h.OpenActions, Shared: m.Shared()}
	if prev, err := s.ix.Get(ctx, h.ID); err == nil {
		for _, a := range prev.ActionItems {
			if !a.Done {
				r.Items = append(r.Items, a.Text)
			}
		}
	}
	return r
}
