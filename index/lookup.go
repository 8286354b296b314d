package index

import (
	"context"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Resolve maps what a user typed to an indexed id: an id, a source path
// as indexed, or a path or id that ends with (or is the end of) exactly
// one indexed source or id — so a path given from another working
// directory, or an id made from a path relative to another root, still
// finds its incident. It returns ErrNotFound when nothing, or more than
// one incident, matches.
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
	slash := strings.ReplaceAll(key, "\\", "/")
	var found []string
	for src, d := range known {
		if strings.HasSuffix(slash, "/"+src) || strings.HasSuffix(src, "/"+slash) || strings.HasSuffix(d.id, "-"+key) {
			found = append(found, d.id)
		}
	}
	if len(found) == 1 {
		return found[0], nil
	}
	if len(found) > 1 {
		return "", fmt.Errorf("resolve %q: %d incidents match: %w", key, len(found), ErrNotFound)
	}
	return "", fmt.Errorf("resolve %q: %w", key, ErrNotFound)
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
