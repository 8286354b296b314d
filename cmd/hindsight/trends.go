package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/hindsight-kb/hindsight/index"
	"github.com/hindsight-kb/hindsight/index/query"
)

// runTrends implements `hindsight trends`.
func runTrends(ctx context.Context, env *cliEnv, args []string) int {
	fset := newFlagSet(env, "trends", "[QUERY]",
		"Count incidents per root-cause category (or service) per month, quarter or year, with\n"+
			"the change against the previous period and median / p90 durations. QUERY filters the\n"+
			"incidents with the search query language.")
	asJSON := fset.Bool("json", false, "print the trends as one JSON object")
	by := fset.String("by", index.ByCategory, "category or service")
	interval := fset.String("interval", index.IntervalMonth, "month, quarter or year")
	last := fset.Int("last", 8, "in the table, show the last `N` periods")
	kbOpts := kbFlags(fset)
	if code := flagsOrExit(env, fset, args); code >= 0 {
		return code
	}
	ix, err := openReader(ctx, env, kbOpts)
	if err != nil {
		fmt.Fprintf(env.stderr, "hindsight trends: %v\n", err)
		return exitRuntime
	}
	defer ix.Close()
	tr, err := ix.Trends(ctx, index.TrendsRequest{Query: strings.Join(fset.Args(), " "), By: *by, Interval: *interval})
	if err != nil {
		fmt.Fprintf(env.stderr, "hindsight trends: %v\n", err)
		var qe *query.QueryError
		if errors.As(err, &qe) || isBadRequest(err) || strings.Contains(err.Error(), "want ") {
			return exitUsage
		}
		return exitRuntime
	}
	if *asJSON {
		return writeJSON(env, "trends", tr)
	}
	if tr.Total == 0 || len(tr.Buckets) == 0 {
		fmt.Fprintf(env.stdout, "%d incidents, none dated\n", tr.Total)
		return exitOK
	}
	from := max(0, len(tr.Buckets)-max(1, *last))
	tw := tabwriter.NewWriter(env.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%s\t", strings.ToUpper(tr.By))
	for _, b := range tr.Buckets[from:] {
		fmt.Fprintf(tw, "%s\t", b)
	}
	fmt.Fprintln(tw, "TOTAL\tCHANGE\t")
	for _, s := range tr.Series {
		fmt.Fprintf(tw, "%s\t", s.Name)
		for _, c := range s.Counts[from:] {
			fmt.Fprintf(tw, "%d\t", c)
		}
		change := fmt.Sprintf("%+d", s.Change.Absolute)
		if s.Change.Percent != nil {
			change += fmt.Sprintf(" (%+.0f%%)", *s.Change.Percent)
		}
		fmt.Fprintf(tw, "%d\t%s\t\n", s.Total, change)
	}
	tw.Flush()
	if len(tr.Durations) > 0 {
		fmt.Fprintln(env.stdout)
		tw = tabwriter.NewWriter(env.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "CATEGORY\tINCIDENTS\tMEDIAN\tP90")
		for _, d := range tr.Durations {
			med, p90 := d.MedianMinutes, d.P90Minutes
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", d.Name, d.Count, durationText(&med), durationText(&p90))
		}
		tw.Flush()
	}
	fmt.Fprintf(env.stdout, "\n%d incidents\n", tr.Total)
	return exitOK
}
