package index

import (
	"context"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/hindsight-kb/hindsight/corpus"
	"github.com/hindsight-kb/hindsight/index/internal/editdist"
)

// NotFoundError is Resolve's error for a key that names no incident, or
// more than one: Closest lists the ids nearest to it (all the matches
// when it is ambiguous), best first, for a "did you mean" answer. It
// wraps ErrNotFound.
type NotFoundError struct {
	Key       string
	Ambiguous bool
	Closest   []string
}

// Error says what was asked and what came closest.
func (e *NotFoundError) Error() string {
	var b strings.Builder
	if e.Ambiguous {
		fmt.Fprintf(&b, "%q matches %d incidents", e.Key, len(e.Closest))
	} else {
		fmt.Fprintf(&b, "no incident %q", e.Key)
	}
	if len(e.Closest) > 0 {
		b.WriteString("; did you mean: ")
		b.WriteString(strings.Join(e.Closest[:min(len(e.Closest), maxClosest)], ", "))
		if len(e.Closest) > maxClosest {
			fmt.Fprintf(&b, " (and %d more)", len(e.Closest)-maxClosest)
		}
	}
	return b.String()
}

// Unwrap makes errors.Is(err, ErrNotFound) hold.
func (e *NotFoundError) Unwrap() error { return ErrNotFound }

// maxClosest is how many ids a NotFoundError names.
const maxClosest = 5

// Resolve maps what a user typed to an indexed id. It accepts, in this
// order: an id; a source path as indexed; the file name without its
// extension, a source without its extension, or a path that ends with
// (or is the end of) an indexed source — so a path given from another
// working directory still finds its incident; the start of an id or of a
// file name; and whole dash-separated words of an id. The first of these that matches
// decides: one incident is the answer, more than one is ambiguous. Case
// does not matter past the exact id. Nothing matching, or an ambiguous
// key, is a *NotFoundError (wrapping ErrNotFound) naming the closest ids.
func (ix *Index) Resolve(ctx context.Context, key string) (string, error) {
	key = strings.TrimSpace(key)
	if key == "" {
		return "", fmt.Errorf("resolve: empty id: %w", ErrNotFound)
	}
	if id, ok, err := ix.first(ctx, query.NewDocIDQuery([]string{key})); err != nil || ok {
		return id, err
	}
	tq := query.NewTermQuery(key)
	tq.SetField(fSource)
	if id, ok, err := ix.first(ctx, tq); err != nil || ok {
		return id, err
	}
	known, err := ix.indexedSources(ctx)
	if err != nil {
		return "", err
	}
	docs := make([]lookupDoc, 0, len(known))
	for src, d := range known {
		docs = append(docs, lookupDoc{id: d.id, source: src})
	}
	return resolveAmong(key, docs)
}

// lookupDoc is what Resolve matches a key against.
type lookupDoc struct{ id, source string }

// resolveAmong is Resolve past the exact lookups: the tiers of looser
// matches, then the closest ids for the error.
func resolveAmong(key string, docs []lookupDoc) (string, error) {
	lower := strings.ToLower(strings.ReplaceAll(key, "\\", "/"))
	keyNoExt := trimDocExt(lower)
	slug := corpus.Slug(key)
	tiers := []func(d lookupDoc, src, stem string) bool{
		// The file, named some other way.
		func(d lookupDoc, src, stem string) bool {
			return d.id == lower || path.Base(stem) == keyNoExt || stem == keyNoExt ||
				strings.HasSuffix(lower, "/"+src) || strings.HasSuffix(src, "/"+lower) ||
				strings.HasSuffix(stem, "/"+keyNoExt) || strings.HasSuffix(d.id, "-"+slug)
		},
		// The start of an id or a file name.
		func(d lookupDoc, _, stem string) bool {
			return strings.HasPrefix(d.id, lower) || strings.HasPrefix(path.Base(stem), keyNoExt) ||
				(slug != "" && strings.HasPrefix(d.id, slug))
		},
		// Whole words of an id: "ledger-pool" finds
		// "acme-2024-ledger-pool-exhaustion", "con" not "config".
		func(d lookupDoc, _, _ string) bool {
			return slug != "" && strings.Contains("-"+d.id+"-", "-"+slug+"-")
		},
	}
	for _, match := range tiers {
		var found []string
		for _, d := range docs {
			src := strings.ToLower(d.source)
			if match(d, src, trimDocExt(src)) {
				found = append(found, d.id)
			}
		}
		if len(found) == 1 {
			return found[0], nil
		}
		if len(found) > 1 {
			sort.Strings(found)
			return "", &NotFoundError{Key: key, Ambiguous: true, Closest: found}
		}
	}
	return "", &NotFoundError{Key: key, Closest: closestIDs(slug, docs, maxClosest)}
}

// trimDocExt drops a file extension (the last dot and what follows, when
// short) from a lower-case path.
func trimDocExt(p string) string {
	ext := path.Ext(p)
	if ext != "" && len(ext) <= 6 && !strings.Contains(ext, "/") {
		return strings.TrimSuffix(p, ext)
	}
	return p
}

// closestIDs ranks ids by the dash-separated words they share with slug
// (numbers only alongside a word),
// then by edit distance, and returns up to n that share anything or are
// within a third of the key's length in edits.
func closestIDs(slug string, docs []lookupDoc, n int) []string {
	if slug == "" {
		return nil
	}
	words := map[string]bool{}
	for _, w := range strings.Split(slug, "-") {
		words[w] = true
	}
	type cand struct {
		id           string
		shared, dist int
	}
	var cands []cand
	for _, d := range docs {
		// Shared words count; shared numbers (years, days) only when
		// a word is shared too, or every id would be "close" to a date.
		shared, numbers := 0, 0
		for _, w := range strings.Split(d.id, "-") {
			switch {
			case !words[w] || len(w) < 2:
			case strings.Trim(w, "0123456789") == "":
				numbers++
			default:
				shared += 2
			}
		}
		if shared > 0 {
			shared += numbers
		}
		dist := editdist.Distance(slug, d.id, len(slug)/3+1)
		if shared > 0 || dist <= len(slug)/3 {
			cands = append(cands, cand{d.id, shared, dist})
		}
	}
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if a.shared != b.shared {
			return a.shared > b.shared
		}
		if a.dist != b.dist {
			return a.dist < b.dist
		}
		return a.id < b.id
	})
	out := make([]string, 0, min(n, len(cands)))
	for _, c := range cands[:min(n, len(cands))] {
		out = append(out, c.id)
	}
	return out
}

// FindByHash returns the id of the indexed document with this content
// hash (corpus.HashContent of its raw bytes), or ErrNotFound.
func (ix *Index) FindByHash(ctx context.Context, hash string) (string, error) {
	tq := query.NewTermQuery(hash)
	tq.SetField(fContentHash)
	id, ok, err := ix.first(ctx, tq)
	if err != nil {
		return "", err
	}
	if !ok {
		return "", fmt.Errorf("content hash %s: %w", hash, ErrNotFound)
	}
	return id, nil
}

func (ix *Index) first(ctx context.Context, q query.Query) (string, bool, error) {
	sr := bleve.NewSearchRequestOptions(q, 1, 0, false)
	sr.SortBy([]string{"_id"})
	res, err := ix.bi.SearchInContext(ctx, sr)
	if err != nil {
		return "", false, fmt.Errorf("lookup: %w", err)
	}
	if len(res.Hits) == 0 {
		return "", false, nil
	}
	return res.Hits[0].ID, true, nil
}
