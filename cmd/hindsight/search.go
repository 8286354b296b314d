package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/hindsight-kb/hindsight/index"
	"github.com/hindsight-kb/hindsight/index/query"
)

// searchJSON is the --json shape of `hindsight search`.
type searchJSON struct {
	Total int `json:"total"`
	// Partial counts the hits at the end that match only some of the
	// words (index.Result.Partial).
	Partial int             `json:"partial,omitempty"`
	Hits    []searchHitJSON `json:"hits"`
	Facets  index.Facets    `json:"facets"`
}

type searchHitJSON struct {
	ID              string              `json:"id"`
	Source          string              `json:"source"`
	Title           string              `json:"title"`
	Date            string              `json:"date"`
	DurationMinutes *int                `json:"duration_minutes"`
	Categories      []string            `json:"categories"`
	Organization    string              `json:"organization"`
	Score           float64             `json:"score"`
	Fragments       map[string][]string `json:"fragments"`
	Partial         bool                `json:"partial,omitempty"`
}

// runSearch implements `hindsight search`.
func runSearch(ctx context.Context, env *cliEnv, args []string) int {
	fset := newFlagSet(env, "search", "QUERY",
		"Search the index. QUERY uses Hindsight's query language: free words, \"exact phrases\",\n"+
			"-excluded words, and filters such as category:dns service:api org:acme severity:sev1\n"+
			"after:2023-01 before:30d duration:>1h has:action_items.")
	asJSON := fset.Bool("json", false, "print one JSON object with total, hits and facets")
	limit := fset.Int("limit", 10, "show at most `N` hits")
	page := fset.Int("page", 1, "result page `N`")
	sortBy := fset.String("sort", "", "relevance, newest, oldest or longest (default: relevance, newest without words)")
	kbOpts := kbFlags(fset)
	if code := flagsOrExit(env, fset, args); code >= 0 {
		return code
	}
	q := strings.Join(fset.Args(), " ")
	ix, err := openReader(ctx, env, kbOpts)
	if err != nil {
		fmt.Fprintf(env.stderr, "hindsight search: %v\n", err)
		return exitRuntime
	}
	defer ix.Close()
	res, err := ix.Search(ctx, index.Request{Query: q, Sort: *sortBy, Page: *page, PageSize: max(1, *limit)})
	if err != nil {
		var qe *query.QueryError
		if errors.As(err, &qe) || isBadRequest(err) {
			fmt.Fprintf(env.stderr, "hindsight search: bad query: %v\n", err)
			return exitUsage
		}
		fmt.Fprintf(env.stderr, "hindsight search: %v\n", err)
		return exitRuntime
	}
	if *asJSON {
		out := searchJSON{Total: res.Total, Partial: res.Partial, Hits: []searchHitJSON{}, Facets: res.Facets}
		for _, h := range res.Hits {
			out.Hits = append(out.Hits, searchHitJSON{
				ID: h.ID, Source: h.Source, Title: h.Title, Date: h.Date, DurationMinutes: h.DurationMinutes,
				Categories: h.Categories, Organization: h.Organization, Score: h.Score, Fragments: h.Fragments,
				Partial: h.Partial,
			})
		}
		return writeJSON(env, "search", out)
	}
	printHits(env.stdout, res)
	return exitOK
}

func writeJSON(env *cliEnv, cmd string, v any) int {
	enc := json.NewEncoder(env.stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(env.stderr, "hindsight %s: %v\n", cmd, err)
		return exitRuntime
	}
	return exitOK
}

func printHits(w io.Writer, res *index.Result) {
	if res.Total == 0 {
		fmt.Fprintln(w, "no incidents match")
		return
	}
	fmt.Fprintf(w, "%d incidents (page %d of %d, %s)\n\n", res.Total, res.Page, res.Pages, res.Sort)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tDURATION\tCAUSE\tTITLE\tID")
	for i, h := range res.Hits {
		if i == len(res.Hits)-res.Partial {
			fmt.Fprintf(tw, "\t\t\t(%d more match some of the words)\t\n", res.Partial)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", orDash(h.Date), durationText(h.DurationMinutes), orDash(h.PrimaryCategory), clip(h.Title, 60), h.ID)
	}
	tw.Flush()
	for _, h := range res.Hits {
		if s := bestFragment(h.Fragments); s != "" {
			fmt.Fprintf(w, "\n%s\n  %s\n", h.ID, s)
		}
	}
}

// bestFragment returns one fragment as plain text, matches in [brackets].
func bestFragment(fr map[string][]string) string {
	for _, f := range []string{"root_cause", "title", "summary", "impact", "resolution", "lessons", "body"} {
		if list := fr[f]; len(list) > 0 {
			s := strings.NewReplacer("<mark>", "[", "</mark>", "]").Replace(list[0])
			return f + ": " + strings.Join(strings.Fields(html.UnescapeString(s)), " ")
		}
	}
	return ""
}

func durationText(m *int) string {
	if m == nil {
		return "-"
	}
	switch {
	case *m < 60:
		return fmt.Sprintf("%dm", *m)
	case *m < 48*60:
		if *m%60 == 0 {
			return fmt.Sprintf("%dh", *m/60)
		}
		return fmt.Sprintf("%dh%02dm", *m/60, *m%60)
	default:
		return fmt.Sprintf("%.1fd", float64(*m)/1440)
	}
}
