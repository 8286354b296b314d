package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/hindsight-kb/hindsight/corpus"
	"github.com/hindsight-kb/hindsight/index"
)

type similarJSON struct {
	ID      string           `json:"id"`
	Similar []similarHitJSON `json:"similar"`
}

type similarHitJSON struct {
	ID     string    `json:"id"`
	Source string    `json:"source"`
	Title  string    `json:"title"`
	Score  float64   `json:"score"`
	Why    index.Why `json:"why"`
}

// runSimilar implements `hindsight similar`.
func runSimilar(ctx context.Context, env *cliEnv, args []string) int {
	fset := newFlagSet(env, "similar", "ID-or-PATH",
		"List the incidents most like one incident: an indexed id, or a postmortem file (indexed\n"+
			"or not). Each result says why: shared causes, services and significant terms.")
	asJSON := fset.Bool("json", false, "print one JSON object {id, similar:[…]}")
	limit := fset.Int("limit", 5, "show at most `N` incidents")
	kbOpts := kbFlags(fset)
	if code := flagsOrExit(env, fset, args); code >= 0 {
		return code
	}
	if fset.NArg() != 1 {
		fmt.Fprintln(env.stderr, "hindsight similar: give exactly one ID or PATH")
		fset.Usage()
		return exitUsage
	}
	key := fset.Arg(0)
	ix, err := openReader(ctx, env, kbOpts)
	if err != nil {
		fmt.Fprintf(env.stderr, "hindsight similar: %v\n", err)
		return exitRuntime
	}
	defer ix.Close()
	res, err := ix.Similar(ctx, key, *limit)
	if err != nil {
		fmt.Fprintf(env.stderr, "hindsight similar: %v\n", err)
		if errors.Is(err, index.ErrNotFound) {
			return exitUsage
		}
		return exitRuntime
	}
	if *asJSON {
		out := similarJSON{ID: res.ID, Similar: []similarHitJSON{}}
		for _, h := range res.Similar {
			out.Similar = append(out.Similar, similarHitJSON{ID: h.ID, Source: h.Source, Title: h.Title, Score: h.Score, Why: h.Why})
		}
		return writeJSON(env, "similar", out)
	}
	if len(res.Similar) == 0 {
		fmt.Fprintln(env.stdout, "no similar incidents")
		return exitOK
	}
	tw := tabwriter.NewWriter(env.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tCAUSE\tTITLE\tID\tWHY")
	for _, h := range res.Similar {
		var why []string
		if len(h.Why.Categories) > 0 {
			why = append(why, "cause "+strings.Join(h.Why.Categories, ","))
		}
		if len(h.Why.Services) > 0 {
			why = append(why, "service "+strings.Join(h.Why.Services, ","))
		}
		if len(h.Why.Terms) > 0 {
			why = append(why, "terms "+strings.Join(h.Why.Terms[:min(5, len(h.Why.Terms))], ","))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", orDash(h.Date), orDash(h.PrimaryCategory), clip(h.Title, 50), h.ID, strings.Join(why, "; "))
	}
	tw.Flush()
	return exitOK
}

// similarFor finds incidents like key: an indexed id or source, or a file
// on disk (found in the index by content hash, else parsed and compared).
func similarFor(ctx context.Context, ix *index.Index, key string, n int) (*index.SimilarResult, error) {
	fi, statErr := os.Stat(key)
	if statErr == nil && !fi.IsDir() {
		b, err := os.ReadFile(key)
		if err != nil {
			return nil, err
		}
		if id, err := ix.FindByHash(ctx, corpus.HashContent(b)); err == nil {
			return ix.Similar(ctx, id, n)
		}
	}
	id, err := ix.Resolve(ctx, key)
	if err == nil {
		return ix.Similar(ctx, id, n)
	}
	if statErr != nil || fi.IsDir() {
		return nil, err
	}
	dir, base := filepath.Split(key)
	if dir == "" {
		dir = "."
	}
	root, rerr := os.OpenRoot(dir)
	if rerr != nil {
		return nil, rerr
	}
	defer root.Close()
	rec, perr := corpus.NewParser(corpus.DefaultConfig())
	if perr != nil {
		return nil, perr
	}
	r, perr := rec.ParseFile(root.FS(), base)
	if perr != nil {
		return nil, perr
	}
	r.ID = "" // not indexed: exclude nothing
	res, serr := ix.SimilarTo(ctx, r, n)
	if serr != nil {
		return nil, serr
	}
	res.ID = key
	return res, nil
}
