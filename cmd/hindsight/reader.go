package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/hindsight-kb/hindsight/corpus"
	"github.com/hindsight-kb/hindsight/index"
)

// reader is what the read commands (search, show, similar, trends) ask of
// the knowledge base: the index itself, or the running `hindsight serve`
// that holds it, through its JSON API.
type reader interface {
	Search(ctx context.Context, req index.Request) (*index.Result, error)
	// Show returns the incident key names (an id, a prefix, a file name
	// or a path); a key naming none or several is an error wrapping
	// index.ErrNotFound that lists the closest ids.
	Show(ctx context.Context, key string) (corpus.Record, error)
	// Similar lists the n incidents most like the one key names, or like
	// the postmortem file at path key.
	Similar(ctx context.Context, key string, n int) (*index.SimilarResult, error)
	Trends(ctx context.Context, req index.TrendsRequest) (*index.Trends, error)
	Close() error
}

// openReader finds the knowledge base for a read command: a running
// server that holds its index is asked through its API; otherwise the
// index is opened, and built from the corpus first when there is none
// yet (or it was discarded), so that the first command just works.
func openReader(ctx context.Context, env *cliEnv, o *kbOptions) (reader, error) {
	kb, err := o.resolve(env)
	if err != nil {
		return nil, err
	}
	if r, err := dialServer(ctx, env, kb.indexDir, true); r != nil || err != nil {
		return r, err
	}
	ix, err := openLocal(ctx, env, kb)
	if errors.Is(err, index.ErrLocked) {
		// A server may have started meanwhile.
		if r, derr := dialServer(ctx, env, kb.indexDir, true); r != nil || derr != nil {
			return r, derr
		}
	}
	if err != nil {
		return nil, err
	}
	return &localReader{ix: ix}, nil
}

// openLocal opens the index of kb, building it from the corpus when it
// does not exist or was discarded.
func openLocal(ctx context.Context, env *cliEnv, kb knowledgeBase) (*index.Index, error) {
	cfg, err := kb.indexConfig()
	if err != nil {
		return nil, err
	}
	existed := index.Exists(kb.indexDir)
	if !existed && !kb.buildable {
		return nil, fmt.Errorf("no index at %s; build one with: hindsight index --corpus DIR --index %s", kb.indexDir, kb.indexDir)
	}
	if !existed {
		if err := os.MkdirAll(filepath.Dir(kb.indexDir), 0o755); err != nil {
			return nil, fmt.Errorf("index folder: %w", err)
		}
	}
	ix, err := index.Open(kb.indexDir, cfg)
	if err != nil {
		return nil, err
	}
	why := ""
	switch {
	case !existed:
		why = "no index yet"
	case ix.Rebuilt() != "":
		why = "the index was discarded: " + ix.Rebuilt()
	}
	if why == "" || ix.ReadOnly() != "" {
		return ix, nil
	}
	fmt.Fprintf(env.stderr, "hindsight: %s; indexing %s into %s…\n", why, kb.label(), kb.indexDir)
	fsys, closeCorpus, err := kb.openCorpus()
	if err != nil {
		ix.Close()
		return nil, err
	}
	defer closeCorpus()
	st, err := ix.Sync(ctx, fsys, ".", nil)
	if err != nil {
		ix.Close()
		return nil, fmt.Errorf("index %s: %w", kb.label(), err)
	}
	fmt.Fprintf(env.stderr, "hindsight: indexed %d incidents (%d failed)\n", st.Added+st.Updated+st.Unchanged, st.Failed)
	return ix, nil
}

// localReader reads the index directly.
type localReader struct{ ix *index.Index }

func (l *localReader) Search(ctx context.Context, req index.Request) (*index.Result, error) {
	return l.ix.Search(ctx, req)
}

func (l *localReader) Show(ctx context.Context, key string) (corpus.Record, error) {
	id, err := l.ix.Resolve(ctx, key)
	if err != nil {
		return corpus.Record{}, err
	}
	return l.ix.Get(ctx, id)
}

func (l *localReader) Similar(ctx context.Context, key string, n int) (*index.SimilarResult, error) {
	return similarFor(ctx, l.ix, key, n)
}

func (l *localReader) Trends(ctx context.Context, req index.TrendsRequest) (*index.Trends, error) {
	return l.ix.Trends(ctx, req)
}

func (l *localReader) Close() error { return l.ix.Close() }
