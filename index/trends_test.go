package index

import (
	"context"
	"slices"
	"testing"
)

func TestTrends(t *testing.T) {
	ix, _ := memIndex(t)
	ctx := context.Background()
	tr, err := ix.Trends(ctx, TrendsRequest{Interval: IntervalYear})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(tr.Buckets, []string{"2019", "2020", "2021", "2022", "2023", "2024"}) {
		t.Errorf("buckets %v", tr.Buckets)
	}
	series := map[string]TrendSeries{}
	for _, s := range tr.Series {
		series[s.Name] = s
	}
	// capacity: pm-001 (2023), pm-004 (2024).
	capa := series["capacity"]
	if capa.Total != 2 || !slices.Equal(capa.Counts, []int{0, 0, 0, 0, 1, 1}) {
		t.Errorf("capacity %+v", capa)
	}
	if capa.Change.Absolute != 0 || capa.Change.Percent == nil || *capa.Change.Percent != 0 {
		t.Errorf("capacity change %+v", capa.Change)
	}
	// deploy: pm-001 2023, pm-006 2024
	if d := series["deploy"]; d.Total != 2 {
		t.Errorf("deploy %+v", d)
	}
	if tr.Total != 10 {
		t.Errorf("total %d", tr.Total)
	}
	durs := map[string]DurationStat{}
	for _, d := range tr.Durations {
		durs[d.Name] = d
	}
	// config-change: 320 and 33 minutes -> median 33, p90 320 (bucketed to 320).
	if d := durs["config-change"]; d.Count != 2 || d.MedianMinutes != 33 || d.P90Minutes != 320 {
		t.Errorf("config-change durations %+v", d)
	}

	tr, err = ix.Trends(ctx, TrendsRequest{Query: "org:globex", Interval: IntervalQuarter, By: ByService})
	if err != nil {
		t.Fatal(err)
	}
	if tr.Total != 3 || tr.Buckets[0] != "2019-Q2" || tr.Buckets[len(tr.Buckets)-1] != "2024-Q1" {
		t.Errorf("globex by service: total %d buckets %v", tr.Total, tr.Buckets)
	}
	if len(tr.Organizations) != 1 || tr.Organizations[0].Label != "Globex" {
		t.Errorf("organizations %+v", tr.Organizations)
	}
	var names []string
	for _, s := range tr.Series {
		names = append(names, s.Name)
	}
	if !slices.Contains(names, "billing") || !slices.Contains(names, "auth") {
		t.Errorf("service series %v", names)
	}
	if _, err := ix.Trends(ctx, TrendsRequest{Interval: "week"}); err == nil {
		t.Error("bad interval accepted")
	}
}

func TestCategoriesAndActions(t *testing.T) {
	ix, _ := memIndex(t)
	ctx := context.Background()
	cats, err := ix.Categories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, c := range cats {
		counts[c.Name] = c.Count
	}
	if counts["capacity"] != 2 || counts["monitoring"] != 2 || counts["time"] != 1 {
		t.Errorf("counts %v", counts)
	}
	open := true
	ar, err := ix.Actions(ctx, ActionsRequest{Open: &open})
	if err != nil {
		t.Fatal(err)
	}
	if ar.Total != 5 {
		t.Errorf("open actions %d: %+v", ar.Total, ar.Items)
	}
	for _, it := range ar.Items {
		if it.Item.Done {
			t.Errorf("done item in open list: %+v", it)
		}
	}
	all, err := ix.Actions(ctx, ActionsRequest{PageSize: 100})
	if err != nil {
		t.Fatal(err)
	}
	if all.Total != 8 || all.Items[0].Item.Done || !all.Items[len(all.Items)-1].Item.Done {
		t.Errorf("all actions %d, open first? %+v", all.Total, all.Items)
	}
	ar, err = ix.Actions(ctx, ActionsRequest{Query: "certificate"})
	if err != nil {
		t.Fatal(err)
	}
	if ar.Total != 1 || ar.Items[0].ID != "pm-002" {
		t.Errorf("actions for certificate: %+v", ar)
	}
}
