package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/hindsight-kb/hindsight/corpus"
	"github.com/hindsight-kb/hindsight/index"
)

// defaultIndexDir is where every command keeps the index when --index is
// not given: the user's cache folder, since an index is always rebuilt
// from the corpus.
func defaultIndexDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no --index given and no user cache folder: %w", err)
	}
	return filepath.Join(dir, "hindsight", "index"), nil
}

// samplesIndexDir is where serve keeps the index of the bundled samples,
// apart from a team's own index.
func samplesIndexDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no --index given and no user cache folder: %w", err)
	}
	return filepath.Join(dir, "hindsight", "samples-index"), nil
}

// indexOptions are the flags every index-using command shares: where the
// index is, and the taxonomy and synonyms to use instead of the built-in
// ones.
type indexOptions struct {
	dir      string
	taxonomy string
	synonyms string
}

// indexFlags adds --index, --taxonomy and --synonyms to a flag set.
func indexFlags(fs *flag.FlagSet) *indexOptions {
	o := &indexOptions{}
	fs.StringVar(&o.dir, "index", "", "index `folder` (default: the user cache folder, e.g. ~/.cache/hindsight/index)")
	fs.StringVar(&o.taxonomy, "taxonomy", "", "root-cause taxonomy YAML `file` (default: the built-in one)")
	fs.StringVar(&o.synonyms, "synonyms", "", "synonym groups YAML `file` (default: the built-in SRE set)")
	return o
}

// config is the index configuration the flags ask for.
func (o *indexOptions) config() (index.Config, error) {
	cfg := index.DefaultConfig()
	if o.taxonomy != "" {
		tax, err := loadTaxonomyFile(o.taxonomy)
		if err != nil {
			return cfg, err
		}
		cfg.Taxonomy = tax
		pc := corpus.DefaultConfig()
		pc.Taxonomy = tax
		if cfg.Parser, err = corpus.NewParser(pc); err != nil {
			return cfg, err
		}
	}
	if o.synonyms != "" {
		b, err := os.ReadFile(o.synonyms)
		if err != nil {
			return cfg, fmt.Errorf("--synonyms: %w", err)
		}
		cfg.Synonyms = bytes.NewReader(b)
	}
	return cfg, cfg.Validate()
}

// resolveIndexDir returns the --index value or the default.
func resolveIndexDir(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	return defaultIndexDir()
}

// openExistingIndex opens an index for reading commands: a missing index
// is an error telling how to build one, not a silently created empty one.
func openExistingIndex(o *indexOptions) (*index.Index, string, error) {
	dir, err := resolveIndexDir(o.dir)
	if err != nil {
		return nil, "", err
	}
	if _, err := os.Stat(filepath.Join(dir, "index_meta.json")); errors.Is(err, os.ErrNotExist) {
		return nil, dir, fmt.Errorf("no index at %s; build one with: hindsight index --corpus DIR --index %s", dir, dir)
	}
	cfg, err := o.config()
	if err != nil {
		return nil, dir, err
	}
	ix, err := index.Open(dir, cfg)
	if err != nil {
		return nil, dir, err
	}
	if r := ix.Rebuilt(); r != "" {
		ix.Close()
		return nil, dir, fmt.Errorf("index at %s was discarded (%s); rebuild it with: hindsight index --corpus DIR --index %s", dir, r, dir)
	}
	return ix, dir, nil
}
